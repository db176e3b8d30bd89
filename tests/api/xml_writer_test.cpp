// The XML writer escapes text and nests elements.
#include "api/xml_writer.h"

#include <gtest/gtest.h>

namespace faultbox::api {
namespace {

TEST(XmlEscape, EscapesMarkupAndDropsWhatXmlCannotCarry) {
  EXPECT_EQ(xml_escape("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
  EXPECT_EQ(xml_escape(std::string("tab\tnl\ncr\rbell\x07") + "end"), "tab\tnl\ncr&#13;bellend");
  EXPECT_EQ(xml_escape("naïve ü"), "naïve ü");  // UTF-8 passes through
}

TEST(XmlWriter, NestsAndClosesEverythingOnFinish) {
  XmlWriter w("DescribeTagsResponse", "http://ec2.amazonaws.com/doc/2016-11-15/");
  w.leaf("requestId", "r-1");
  w.open("tagSet");
  w.open("item");
  w.leaf("value", "x<y");
  w.number("count", -3);
  w.boolean("ok", true);
  auto doc = w.finish();
  EXPECT_EQ(doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<DescribeTagsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                 "<requestId>r-1</requestId><tagSet><item><value>x&lt;y</value><count>-3</count>"
                 "<ok>true</ok></item></tagSet></DescribeTagsResponse>");
}

}  // namespace
}  // namespace faultbox::api
