// AWSFIS-Run-Network-Packet-Loss: drops LossPercent of the packets the instance sends (AWS's
// document puts a netem loss on the interface's egress).
#include "ssm/documents/fis_document_parts.h"
#include "ssm/packet_fault.h"

namespace faultbox::ssm::document_files {

namespace {

Result<PacketFault> loss_fault(const ParameterValues& values) {
  PacketFault fault;
  fault.ingress = false;
  fault.drop_percent = std::stoi(first_value(values, "LossPercent"));
  fault.description =
      "Dropping " + first_value(values, "LossPercent") + "% of the packets this instance sends";
  return fault;
}

}  // namespace

Document awsfis_run_network_packet_loss() {
  return {.name = "AWSFIS-Run-Network-Packet-Loss",
          .description = "Drop a share of the instance's outbound packets.",
          .plugin = "FaultInjection",
          .parameters = {interface_parameter(), loss_percent_parameter(),
                         duration_seconds_parameter("the packet loss lasts"),
                         install_dependencies_parameter()},
          .packet_fault = loss_fault,
          .render = network_fault_render(loss_fault)};
}

}  // namespace faultbox::ssm::document_files
