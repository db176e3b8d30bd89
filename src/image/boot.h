// One boot of the Amazon-Linux-like image, as cloud-init runs it: enabled services start, then
// user data. A `#cloud-config` document runs bootcmd at every boot and write_files, packages and
// runcmd on the first boot only; a `#!` script (or plain shell) runs at every boot, because in
// the lab such a script is often the instance's server itself.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>

#include "image/units.h"

namespace faultbox::image {

struct BootOptions {
  ImageContext image;
  std::string user_data;
};

// Runs the boot with its output on `console` (child processes write to the inherited stdout and
// stderr, which the lab sends to the console log). Returns 0 when every part succeeded and 1
// otherwise; the reason is the last line written.
int boot_instance(const BootOptions& options, std::ostream& console);

}  // namespace faultbox::image
