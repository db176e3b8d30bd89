// AWSFIS-Run-Network-Packet-Loss-Sources: drops LossPercent of the packets exchanged with the
// Sources (addresses, CIDR blocks, zones, ALL), arriving (ingress) or leaving (egress).
#include <sstream>

#include "ssm/documents/fis_document_parts.h"
#include "ssm/packet_fault.h"

namespace faultbox::ssm::document_files {

namespace {

Result<PacketFault> sources_loss_fault(const ParameterValues& values) {
  PacketFault fault;
  fault.ingress = first_value(values, "TrafficType") == "ingress";
  fault.drop_percent = std::stoi(first_value(values, "LossPercent"));
  std::istringstream list(first_value(values, "Sources"));
  for (std::string item; std::getline(list, item, ',');) {
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (item == "ALL") {
      fault.sources.clear();
      break;
    }
    if (!item.empty()) fault.sources.push_back(item);
  }
  FAULTBOX_TRY_VOID(check_sources(fault.sources));
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
          .parameters = {interface_parameter(),
                         loss_percent_parameter(),
                         {.name = "Sources",
                          .description = "(Required) Comma-separated IPv4 addresses, CIDR blocks "
                                         "(a block of the VPC's subnets reaches their instances), "
                                         "availability zone names or ids, or ALL.",
                          .required = true},
                         traffic_type_parameter(),
                         {.name = "FlowsPercent",
                          .description = "(Optional) The share of flows affected; the lab "
                                         "affects them all (100).",
                          .fallback = {"100"},
                          .allowed_values = {"100"}},
                         duration_seconds_parameter("the packet loss lasts"),
                         install_dependencies_parameter()},
          .packet_fault = sources_loss_fault,
          .render = network_fault_render(sources_loss_fault)};
}

}  // namespace faultbox::ssm::document_files
