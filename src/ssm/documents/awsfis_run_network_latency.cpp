// AWSFIS-Run-Network-Latency: delays every packet the instance sends by DelayMilliseconds (AWS's
// document puts a netem delay on the interface's egress; the lab holds them in its packet
// delayer, netfault/packet_delayer.h).
#include "ssm/documents/fis_document_parts.h"
#include "ssm/packet_fault.h"

namespace faultbox::ssm::document_files {

namespace {

Result<PacketFault> latency_fault(const ParameterValues& values) {
  PacketFault fault;
  fault.ingress = false;
  FAULTBOX_TRY_VOID(set_delay(fault, values, /*with_jitter=*/false));
  fault.description = "Delaying the packets this instance sends by " +
                      first_value(values, "DelayMilliseconds") + " ms";
  return fault;
}

}  // namespace

Document awsfis_run_network_latency() {
  return {.name = "AWSFIS-Run-Network-Latency",
          .description = "Add latency to the instance's outbound packets.",
          .plugin = "FaultInjection",
          .parameters = {interface_parameter(), delay_milliseconds_parameter(),
                         duration_seconds_parameter("the latency lasts"),
                         install_dependencies_parameter()},
          .packet_fault = latency_fault,
          .render = network_fault_render(latency_fault)};
}

}  // namespace faultbox::ssm::document_files
