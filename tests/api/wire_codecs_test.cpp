// The wire codecs: query parameters as a JSON tree, output JSON as query XML, CBOR both ways
// with tag-1 timestamps, and malformed CBOR.
#include "api/wire_codecs.h"

#include <gtest/gtest.h>

namespace faultbox::api {
namespace {

using nlohmann::json;

std::string bytes(std::initializer_list<int> b) {
  std::string out;
  for (int c : b) {
    out += static_cast<char>(c);
  }
  return out;
}

TEST(QueryInput, ListsStructuresAndMapsFromFlatNames) {
  auto in = query_input(parse_params(
      "Action=PutMetricData&Version=2010-08-01&Namespace=App&"
      "MetricData.member.2.MetricName=B&MetricData.member.1.MetricName=A&"
      "MetricData.member.1.Dimensions.member.1.Name=Service&"
      "MetricData.member.1.Dimensions.member.1.Value=web&MetricData.member.1.Value=1.5&"
      "HealthCheck.Target=HTTP%3A80%2F&Tags.entry.1.key=k&Tags.entry.1.value=v&AlarmNames="));
  EXPECT_EQ(in, json::parse(R"({
    "Namespace": "App",
    "MetricData": [
      {"MetricName": "A", "Value": "1.5", "Dimensions": [{"Name": "Service", "Value": "web"}]},
      {"MetricName": "B"}],
    "HealthCheck": {"Target": "HTTP:80/"},
    "Tags": {"k": "v"},
    "AlarmNames": ""})"));
}

TEST(QueryInput, ListItemsAreOrderedByNumberNotText) {
  std::string form;
  for (int n = 12; n >= 1; --n) {
    form += "Names.member." + std::to_string(n) + "=n" + std::to_string(n) + "&";
  }
  auto in = query_input(parse_params(form));
  ASSERT_EQ(in["Names"].size(), 12u);
  EXPECT_EQ(in["Names"][1], "n2");
  EXPECT_EQ(in["Names"][9], "n10");
}

TEST(XmlMembers, ListsBecomeMemberItemsAndDoublesKeepAPoint) {
  XmlWriter w("R");
  write_xml_members(w, json::parse(R"({"Names": ["a", "b"], "Threshold": 5.0, "Period": 60,
                                       "On": true, "Gone": null, "Nested": {"X": "<&>"}})"));
  EXPECT_EQ(w.finish(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<R><Names><member>a</member>"
            "<member>b</member></Names><Nested><X>&lt;&amp;&gt;</X></Nested><On>true</On>"
            "<Period>60</Period><Threshold>5.0</Threshold></R>");
}

TEST(Cbor, TimestampMembersGoOutAsTagOneEpochSeconds) {
  auto out =
      epoch_timestamps(json{{"Timestamp", "2026-01-01T00:00:00.500Z"}, {"N", 1}}, {"Timestamp"});
  EXPECT_DOUBLE_EQ(out["Timestamp"].get<double>(), 1767225600.5);
  auto encoded = to_cbor(out, {"Timestamp"});
  // {"N": 1, "Timestamp": 1(1767225600.5)}: map(2), "N", 1, "Timestamp", tag 1, float64.
  EXPECT_EQ(encoded.substr(0, 4), bytes({0xa2, 0x61, 'N', 0x01}));
  EXPECT_EQ(encoded.substr(4, 10), bytes({0x69}) + "Timestamp");
  EXPECT_EQ(encoded.substr(14, 2), bytes({0xc1, 0xfb}));
  auto back = from_cbor(encoded);
  ASSERT_TRUE(back);
  EXPECT_DOUBLE_EQ((*back)["Timestamp"].get<double>(), 1767225600.5);
}

TEST(Cbor, ReadsWhatBotocoreWrites) {
  // {"StartTime": 1(1767225600), "Neg": -5, "Half": 1.5 (float16), "L": [_ "a"] (indefinite)}
  auto body = bytes({0xa4, 0x69}) + "StartTime" + bytes({0xc1, 0x1a, 0x69, 0x55, 0xb9, 0x00}) +
              bytes({0x63}) + "Neg" + bytes({0x24}) + bytes({0x64}) + "Half" +
              bytes({0xf9, 0x3e, 0x00}) + bytes({0x61}) + "L" + bytes({0x9f, 0x61, 'a', 0xff});
  auto in = from_cbor(body);
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ((*in)["StartTime"], 1767225600);
  EXPECT_EQ((*in)["Neg"], -5);
  EXPECT_DOUBLE_EQ((*in)["Half"].get<double>(), 1.5);
  EXPECT_EQ((*in)["L"], json::array({"a"}));
  EXPECT_EQ(*from_cbor(""), json::object());
}

TEST(Cbor, MalformedBodiesAreSerializationErrors) {
  for (const auto& bad : {bytes({0xa1, 0x61}), bytes({0x7a, 0xff, 0xff, 0xff, 0xff}),
                          bytes({0xa1, 0x01, 0x02}), bytes({0x01, 0x02})}) {
    auto r = from_cbor(bad);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "SerializationException");
  }
}

}  // namespace
}  // namespace faultbox::api
