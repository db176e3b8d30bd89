// AWSFIS-Run-Network-Packet-Loss-Sources: drops LossPercent of the packets exchanged with the
// Sources (addresses, CIDR blocks, zones, ALL), arriving (ingress) or leaving (egress).
#include "ssm/documents/fis_document_parts.h"
#include "ssm/packet_fault.h"

namespace faultbox::ssm::document_files {

namespace {

Result<PacketFault> sources_loss_fault(const ParameterValues& values) {
  PacketFault fault;
  fault.ingress = first_value(values, "TrafficType") == "ingress";
  fault.drop_percent = std::stoi(first_value(values, "LossPercent"));
  FAULTBOX_TRY(sources, sources_of(values));
  fault.sources = std::move(sources);
  fault.description = "Dropping " + first_value(values, "LossPercent") + "% of the packets " +
                      (fault.ingress ? "arriving from " : "sent to ") +
                      first_value(values, "Sources");
  return fault;
}

}  // namespace

Document awsfis_run_network_packet_loss_sources() {
  return {.name = "AWSFIS-Run-Network-Packet-Loss-Sources",
          .description = "Drop a share of the packets exchanged with the given sources.",
          .plugin = "FaultInjection",
          .parameters = {interface_parameter(), loss_percent_parameter(), sources_parameter(),
                         traffic_type_parameter(), flows_percent_parameter(),
                         duration_seconds_parameter("the packet loss lasts"),
                         install_dependencies_parameter()},
          .packet_fault = sources_loss_fault,
          .render = network_fault_render(sources_loss_fault)};
}

}  // namespace faultbox::ssm::document_files
