#include "netfault/nft_packet_filter.h"

#include "core/error.h"
#include "core/lab_fingerprint.h"
#include "core/run_program.h"

namespace faultbox::netfault {

Result<void> NftPacketFilter::run(const std::string& script) const {
  auto outcome = run_program({nft_, "-f", "-"}, script);
  if (outcome.status != 0) {
    return errors::internal("nft could not change table " + table_ + ": " +
                            (outcome.stderr_text.empty()
                                 ? "it exited " + std::to_string(outcome.status)
                                 : outcome.stderr_text));
  }
  return {};
}

Result<void> NftPacketFilter::apply(const std::vector<PacketRule>& rules) {
  FAULTBOX_TRY(table, render_nft_table(table_, rules));
  // Declaring the table first makes the delete succeed when there is none; nft applies the
  // script as one transaction.
  return run("table ip " + table_ + "\ndelete table ip " + table_ + "\n" + table);
}

Result<void> NftPacketFilter::clear() {
  return run("table ip " + table_ + "\ndelete table ip " + table_ + "\n");
}

std::string table_name_for(const std::filesystem::path& data_dir) {
  return "faultbox_" + lab_fingerprint(data_dir);
}

}  // namespace faultbox::netfault
