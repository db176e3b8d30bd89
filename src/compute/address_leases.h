// Private IPs leased machine-wide, so that several labs on one machine (a workshop host with many
// participants) never give the same loopback address to two instances. A stopped instance keeps
// its IP without listening on it, so probing the port cannot tell that the address is taken.
// A lease is a file named after the address, holding the owner's PID; a lease whose owner is
// gone is free again.
#pragma once

#include <filesystem>
#include <string>

namespace faultbox::compute {

class AddressLeases {
 public:
  AddressLeases(std::filesystem::path dir, int owner_pid);

  // True when this owner holds the address afterwards (a new lease, its own, or a stale one
  // taken over); false when a live process leases it.
  bool claim(const std::string& ip);
  // Gives up the address if this owner holds it.
  void release(const std::string& ip);

  // Where labs keep their leases: one directory for every user of the machine.
  static std::filesystem::path default_dir();

 private:
  std::filesystem::path path_of(const std::string& ip) const;

  std::filesystem::path dir_;
  int owner_pid_;
};

}  // namespace faultbox::compute
