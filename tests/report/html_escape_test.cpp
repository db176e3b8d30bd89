// escape_html: the five special characters, control characters, and untouched UTF-8.
#include "report/html_escape.h"

#include <gtest/gtest.h>

namespace faultbox::report {
namespace {

TEST(HtmlEscapeTest, Table) {
  struct Case {
    std::string in;
    std::string out;
  };
  const Case cases[] = {
      {"", ""},
      {"plain text", "plain text"},
      {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"a & b", "a &amp; b"},
      {"&amp;", "&amp;amp;"},
      {"\"quoted\" 'single'", "&quot;quoted&quot; &#39;single&#39;"},
      {"x\"><img src=x onerror=alert(1)>", "x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"},
      {"line\nnext\ttab", "line\nnext\ttab"},
      {std::string("nul\0bell\x07", 9), "nulbell"},
      {"µs → ✓", "µs → ✓"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(escape_html(c.in), c.out) << c.in;
  }
}

}  // namespace
}  // namespace faultbox::report
