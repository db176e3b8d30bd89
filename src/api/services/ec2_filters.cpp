#include "api/services/ec2_filters.h"

#include <algorithm>
#include <charconv>

#include "core/aws_errors.h"
#include "core/page_token.h"
#include "core/wildcard.h"

namespace faultbox::api::ec2 {

namespace {
Error invalid(std::string message) {
  return ec2_errors::invalid_parameter_value(std::move(message));
}
}  // namespace

Result<std::vector<Filter>> parse_filters(const Params& params,
                                          const std::function<bool(const std::string&)>& known) {
  std::vector<Filter> out;
  for (int n : params.indices("Filter")) {
    auto prefix = "Filter." + std::to_string(n);
    Filter f;
    f.name = params.get_or(prefix + ".Name", "");
    f.values = params.list(prefix + ".Value");
    if (f.name.empty()) {
      return invalid("The filter " + prefix + " has no Name.");
    }
    if (f.values.empty()) {
      return invalid("The filter '" + f.name + "' has no Value.");
    }
    if (!known(f.name)) {
      return invalid("The filter '" + f.name + "' is invalid");
    }
    out.push_back(std::move(f));
  }
  return out;
}

bool wildcard_match(std::string_view pattern, std::string_view text) {
  return faultbox::wildcard_match(pattern, text, {.backslash_escapes = true});
}

bool matches(const std::vector<Filter>& filters, const FilterField& field) {
  bool all = true;
  for (const auto& f : filters) {
    auto have = field(f.name);
    bool any = false;
    for (const auto& want : f.values) {
      for (const auto& value : have) {
        any = any || wildcard_match(want, value);
      }
    }
    all = all && any;
  }
  return all;
}

bool is_instance_filter(const std::string& name) {
  static const std::vector<std::string> kNames = {"tag-key",
                                                  "tag-value",
                                                  "instance-state-name",
                                                  "instance-state-code",
                                                  "availability-zone",
                                                  "instance-id",
                                                  "instance-type",
                                                  "image-id",
                                                  "private-ip-address",
                                                  "private-dns-name"};
  return name.rfind("tag:", 0) == 0 ||
         std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

std::vector<std::string> instance_field(const compute::Instance& i, const std::string& name) {
  if (name.rfind("tag:", 0) == 0) {
    auto it = i.tags.find(name.substr(4));
    return it == i.tags.end() ? std::vector<std::string>{} : std::vector{it->second};
  }
  std::vector<std::string> out;
  if (name == "tag-key" || name == "tag-value") {
    for (const auto& [k, v] : i.tags) {
      out.push_back(name == "tag-key" ? k : v);
    }
    return out;
  }
  if (name == "instance-state-name") return {std::string(compute::state_name(i.state))};
  if (name == "instance-state-code") return {std::to_string(compute::state_code(i.state))};
  if (name == "availability-zone") return {i.availability_zone};
  if (name == "instance-id") return {i.id};
  if (name == "instance-type") return {i.instance_type};
  if (name == "image-id") return {i.image_id};
  if (name == "private-ip-address") return {i.private_ip};
  if (name == "private-dns-name") return {i.private_dns_name()};
  return out;
}

Result<Page> paginate(const std::vector<std::string>& keys, const Params& params, int min_results,
                      int max_results) {
  Page page;
  page.end = keys.size();
  if (auto token = params.get("NextToken"); token && !token->empty()) {
    auto start = read_page_token(*token);
    if (!start) {
      return invalid("The value for NextToken is not a token this API returned.");
    }
    page.begin =
        static_cast<size_t>(std::lower_bound(keys.begin(), keys.end(), *start) - keys.begin());
  }
  auto max = params.get("MaxResults");
  if (!max) {
    return page;
  }
  int n = 0;
  auto [end, ec] = std::from_chars(max->data(), max->data() + max->size(), n);
  if (ec != std::errc() || end != max->data() + max->size() || n < min_results || n > max_results) {
    return invalid("Value ( " + *max +
                   " ) for parameter maxResults is invalid. Expecting a value between " +
                   std::to_string(min_results) + " and " + std::to_string(max_results) + ".");
  }
  if (page.begin + static_cast<size_t>(n) < keys.size()) {
    page.end = page.begin + static_cast<size_t>(n);
    page.next_token = make_page_token(keys[page.end]);
  }
  return page;
}

}  // namespace faultbox::api::ec2
