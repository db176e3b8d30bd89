// EC2's Filter.N.Name / Filter.N.Value.M parameters and MaxResults / NextToken paging, shared by
// the Describe* operations. Values may use EC2's wildcards: * (any run) and ? (one character).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/params.h"
#include "compute/instance.h"
#include "core/result.h"

namespace faultbox::api::ec2 {

struct Filter {
  std::string name;  // "tag:Panda", "instance-state-name", ...
  std::vector<std::string> values;
};

// Every Filter.N in index order. InvalidParameterValue for a filter without a name or values,
// and "The filter 'x' is invalid" for a name `known` rejects (even when nothing is there to
// filter).
Result<std::vector<Filter>> parse_filters(const Params& params,
                                          const std::function<bool(const std::string&)>& known);

// EC2 wildcard match: '*' any run, '?' one character, "\*" "\?" "\\" literal.
bool wildcard_match(std::string_view pattern, std::string_view text);

// What a filter name reads from a resource: its values (a tag:K filter reads the tag's value;
// none when the resource lacks the field). Names not in the table are invalid.
using FilterField = std::function<std::vector<std::string>(const std::string& name)>;

// True when every filter has a value matching one of the field's values (filters AND, values
// OR). The filters' names were checked by parse_filters.
bool matches(const std::vector<Filter>& filters, const FilterField& field);

// The instance filters DescribeInstances supports (tag:K, tag-key, tag-value,
// instance-state-name, instance-state-code, availability-zone, instance-id, instance-type,
// image-id, private-ip-address, private-dns-name).
bool is_instance_filter(const std::string& name);
std::vector<std::string> instance_field(const compute::Instance& instance, const std::string& name);

// One page of an ordered list of keys: MaxResults (bounded as the operation says; absent: all)
// and NextToken (an opaque token of the key the next page starts at; core/page_token.h).
struct Page {
  size_t begin = 0;
  size_t end = 0;
  std::string next_token;  // empty: last page
};
Result<Page> paginate(const std::vector<std::string>& sorted_keys, const Params& params,
                      int min_results, int max_results);

}  // namespace faultbox::api::ec2
