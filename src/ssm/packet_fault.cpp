#include "ssm/packet_fault.h"

#include <regex>

#include "ssm/documents/fis_document_parts.h"

namespace faultbox::ssm {

namespace {

bool matches(const std::string& text, const char* pattern) {
  return std::regex_match(text, std::regex(pattern, std::regex::ECMAScript));
}

}  // namespace

bool is_zone_name(const std::string& source) {
  return matches(source, "^[a-z]{2}(-gov)?-[a-z]+-[0-9][a-z]$");
}

bool is_zone_id(const std::string& source) { return matches(source, "^[a-z]{3,5}[0-9]-az[0-9]+$"); }

Result<void> check_sources(const std::vector<std::string>& sources) {
  static const char* kIpv4 =
      "^((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])"
      "(/([0-9]|[12][0-9]|3[0-2]))?$";
  for (const auto& s : sources) {
    if (s == "ALL" || matches(s, kIpv4) || is_zone_name(s) || is_zone_id(s)) continue;
    const bool service = s == "DYNAMODB" || s == "S3";
    return Error{
        "InvalidParameters",
        "Sources item \"" + s + "\" " +
            (service ? "is an AWS service the lab does not run" : "is not one the lab can reach") +
            ": give IPv4 addresses, CIDR blocks, availability zones (names or ids) or ALL.",
        400};
  }
  return {};
}

std::string network_fault_script(const PacketFault& fault, const ParameterValues& values,
                                 const RenderContext& context) {
  const auto seconds = document_files::duration_real_seconds(values, context);
  return "exec 9>/var/lib/amazon/ssm/network-fault.lock\n"
         "if ! flock -n 9; then\n"
         "  echo 'Another network fault is already running on this instance: the "
         "AWSFIS-Run-Network-* documents run one at a time.' >&2\n"
         "  exit 1\n"
         "fi\n"
         "echo " +
         shell_quoted(fault.description + " for " + first_value(values, "DurationSeconds") +
                      " seconds, while this command runs; rolled back when it ends or is "
                      "cancelled. " +
                      context.fault_reach) +
         "\nsleep " + std::to_string(seconds) +
         "\necho 'Rolled back: the fault ended with the command.'\n";
}

}  // namespace faultbox::ssm
