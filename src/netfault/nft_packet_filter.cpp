#include "netfault/nft_packet_filter.h"

#include "core/lab_fingerprint.h"
#include "core/run_program.h"

namespace faultbox::netfault {

Result<void> NftPacketFilter::run(const std::string& script) const {
  return run_program_checked({nft_, "-f", "-"}, "nft could not change table " + table_, script);
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
