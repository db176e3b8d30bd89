// AWSFIS-Run-Network-Blackhole-Port: drops the instance's traffic on one port (tcp or udp),
// arriving at it (ingress, the instance's port) or leaving it (egress, the peer's port).
#include "ssm/documents/fis_document_parts.h"
#include "ssm/packet_fault.h"

namespace faultbox::ssm::document_files {

namespace {

Result<PacketFault> blackhole_fault(const ParameterValues& values) {
  PacketFault fault;
  fault.ingress = first_value(values, "TrafficType") == "ingress";
  fault.protocol = first_value(values, "Protocol");
  fault.port = std::stoi(first_value(values, "Port"));
  fault.description = "Blackholing " + fault.protocol + " port " + first_value(values, "Port") +
                      " (" + first_value(values, "TrafficType") + ")";
  return fault;
}

}  // namespace

Document awsfis_run_network_blackhole_port() {
  return {.name = "AWSFIS-Run-Network-Blackhole-Port",
          .description = "Drop inbound or outbound traffic for a protocol and port.",
          .plugin = "FaultInjection",
          .parameters = {{.name = "Protocol",
                          .description = "(Required) The protocol to blackhole: tcp or udp.",
                          .required = true,
                          .allowed_values = {"tcp", "udp"}},
                         {.name = "Port",
                          .description = "(Required) The port to blackhole.",
                          .required = true,
                          .allowed_pattern = "^([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|"
                                             "65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$"},
                         traffic_type_parameter(),
                         duration_seconds_parameter("the port stays blackholed"),
                         install_dependencies_parameter()},
          .packet_fault = blackhole_fault,
          .render = network_fault_render(blackhole_fault)};
}

}  // namespace faultbox::ssm::document_files
