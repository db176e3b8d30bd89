// The packet filter on the kernel's path: one nftables table per lab (named from its data
// directory, so a restarted lab finds and removes what a killed one left), written whole with
// `nft -f -` so that a change never leaves half a rule set.
#pragma once

#include <filesystem>
#include <string>

#include "netfault/packet_filter.h"

namespace faultbox::netfault {

class NftPacketFilter final : public PacketFilter {
 public:
  NftPacketFilter(std::string nft_program, std::string table_name)
      : nft_(std::move(nft_program)), table_(std::move(table_name)) {}

  Result<void> apply(const std::vector<PacketRule>& rules) override;
  Result<void> clear() override;
  const std::string& table_name() const { return table_; }

 private:
  Result<void> run(const std::string& script) const;
  std::string nft_;
  std::string table_;
};

// "faultbox_<12 hex digits of the data directory's path hash>".
std::string table_name_for(const std::filesystem::path& data_dir);

}  // namespace faultbox::netfault
