// AWSFIS-Run-Network-Latency-Sources: delays the packets exchanged with the Sources (addresses,
// CIDR blocks, zones, ALL) by DelayMilliseconds plus or minus JitterMilliseconds, arriving
// (ingress) or leaving (egress).
#include "ssm/documents/fis_document_parts.h"
#include "ssm/packet_fault.h"

namespace faultbox::ssm::document_files {

namespace {

Result<PacketFault> sources_latency_fault(const ParameterValues& values) {
  PacketFault fault;
  fault.ingress = first_value(values, "TrafficType") == "ingress";
  FAULTBOX_TRY_VOID(set_delay(fault, values, /*with_jitter=*/true));
  FAULTBOX_TRY(sources, sources_of(values));
  fault.sources = std::move(sources);
  fault.description =
      "Delaying the packets " + std::string(fault.ingress ? "arriving from " : "sent to ") +
      first_value(values, "Sources") + " by " + first_value(values, "DelayMilliseconds") +
      " ms (jitter " + first_value(values, "JitterMilliseconds") + " ms)";
  return fault;
}

}  // namespace

Document awsfis_run_network_latency_sources() {
  return {.name = "AWSFIS-Run-Network-Latency-Sources",
          .description = "Add latency and jitter to the packets exchanged with the given sources.",
          .plugin = "FaultInjection",
          .parameters = {interface_parameter(), delay_milliseconds_parameter(),
                         jitter_milliseconds_parameter(), sources_parameter(),
                         traffic_type_parameter(), flows_percent_parameter(),
                         duration_seconds_parameter("the latency lasts"),
                         install_dependencies_parameter()},
          .packet_fault = sources_latency_fault,
          .render = network_fault_render(sources_latency_fault)};
}

}  // namespace faultbox::ssm::document_files
