// Query and form parameters: repeated keys, flattened lists, form bodies, path segments.
#include "api/params.h"

#include <gtest/gtest.h>

namespace faultbox::api {
namespace {

TEST(Params, DecodesAndKeepsRepeatedKeys) {
  auto p = parse_params("tagKeys=a&tagKeys=b%20c&x=1+2&empty=&flag");
  EXPECT_EQ(p.all("tagKeys"), (std::vector<std::string>{"a", "b c"}));
  EXPECT_EQ(p.get("x"), "1 2");
  EXPECT_EQ(p.get("empty"), "");
  EXPECT_EQ(p.get("flag"), "");
  EXPECT_FALSE(p.get("missing"));
}

TEST(Params, ListsFlattenedMembersInIndexOrder) {
  auto p = parse_params(
      "InstanceId.2=i-b&InstanceId.1=i-a&InstanceId.10=i-c&Filter.1.Name=tag%3APanda&"
      "Filter.1.Value.1=funky&Filter.1.Value.2=grumpy&Filter.3.Name=tag-key&Filter.3.Value.1=x");
  EXPECT_EQ(p.list("InstanceId"), (std::vector<std::string>{"i-a", "i-b", "i-c"}));
  EXPECT_EQ(p.indices("Filter"), (std::vector<int>{1, 3}));
  EXPECT_EQ(p.get("Filter.1.Name"), "tag:Panda");
  EXPECT_EQ(p.list("Filter.1.Value"), (std::vector<std::string>{"funky", "grumpy"}));
  EXPECT_TRUE(p.indices("Filte").empty());  // a prefix must end at a dot
}

TEST(Params, MergesQueryStringAndFormBody) {
  net::HttpRequest r;
  r.method = "POST";
  r.target = "/?Version=2016-11-15";
  r.headers["content-type"] = "application/x-www-form-urlencoded; charset=utf-8";
  r.body = "Action=DescribeInstances&MaxResults=5";
  auto p = request_params(r);
  EXPECT_EQ(p.get("Version"), "2016-11-15");
  EXPECT_EQ(p.get("Action"), "DescribeInstances");
  EXPECT_EQ(p.get("MaxResults"), "5");

  r.headers["content-type"] = "application/json";  // a JSON body is not parameters
  r.body = "Action=Nope";
  EXPECT_FALSE(request_params(r).get("Action"));
}

}  // namespace
}  // namespace faultbox::api
