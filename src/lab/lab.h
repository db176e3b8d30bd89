// The lab daemon: owns the control-plane context, the data-plane threads, the one HTTP port,
// and every domain module. `faultbox serve` runs one.
#pragma once

#include <memory>

#include "core/result.h"
#include "lab/lab_options.h"

namespace faultbox::lab {

class Lab {
 public:
  explicit Lab(LabOptions options);
  ~Lab();
  Lab(const Lab&) = delete;
  Lab& operator=(const Lab&) = delete;

  // Binds the port, writes the discovery file, and serves until shutdown is asked for
  // (POST /_faultbox/shutdown, SIGINT or SIGTERM). Fails at once when the port is taken.
  Result<void> run();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace faultbox::lab
