// The discovery file <data dir>/lab.json: which process serves the lab in that directory, where,
// and the token its routes ask of the CLI; readable and writable by the lab's user alone.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"

namespace faultbox::lab {

struct LabFile {
  int pid = 0;
  std::string address;
  uint16_t port = 0;
  double speed = 1.0;
  std::string token;  // the CLI's token for the lab's routes (lab/request_guard.h)
  // The account root's access key, when the lab checks signatures (`serve --auth`); empty
  // otherwise.
  std::string access_key_id;
  std::string secret_access_key;

  std::string base_url() const { return "http://" + address + ":" + std::to_string(port); }
};

std::string lab_file_path(const std::string& data_dir);
Result<void> write_lab_file(const std::string& data_dir, const LabFile& file);
// Empty when the file does not exist or cannot be read.
std::optional<LabFile> read_lab_file(const std::string& data_dir);
void remove_lab_file(const std::string& data_dir);

}  // namespace faultbox::lab
