// CIDR functions (IPv4).
#include "expr_test_support.h"

namespace faultbox::expr {
namespace {

TEST(NetworkFunctions, Cidr) {
  testing::check_expressions({
      {"cidrsubnet(\"10.0.0.0/16\", 8, 2)", R"("10.0.2.0/24")"},
      {"cidrsubnet(\"172.16.0.0/12\", 4, 15)", R"("172.31.0.0/16")"},
      {"cidrsubnet(\"10.1.2.3/16\", 0, 0)", R"("10.1.0.0/16")"},
      {"cidrsubnet(\"10.0.0.0/30\", 4, 0)", "error: cannot add 4 bits to the /30 prefix"},
      {"cidrsubnet(\"10.0.0.0/16\", 2, 4)", "error: network number 4 does not fit in 2 bits"},
      {"cidrhost(\"10.0.1.0/24\", 5)", R"("10.0.1.5")"},
      {"cidrhost(\"10.0.1.0/24\", -1)", R"("10.0.1.255")"},
      {"cidrhost(\"10.0.1.0/24\", 256)", "error: host number 256 is outside"},
      {"cidrnetmask(\"10.0.0.0/20\")", R"("255.255.240.0")"},
      {"cidrsubnets(\"10.0.0.0/16\", 8, 8, 4)",
       R"(["10.0.0.0/24", "10.0.1.0/24", "10.0.16.0/20"])"},
      {"cidrhost(\"10.0.0/8\", 1)", "error: invalid CIDR address \"10.0.0/8\""},
      {"[for i in range(3) : cidrsubnet(\"10.0.0.0/16\", 8, i)]",
       R"(["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"])"},
  });
}

}  // namespace
}  // namespace faultbox::expr
