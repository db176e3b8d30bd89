#include "lab/lab_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/json_text.h"

namespace faultbox::lab {

std::string lab_file_path(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / "lab.json").string();
}

Result<void> write_lab_file(const std::string& data_dir, const LabFile& file) {
  nlohmann::json j = {{"pid", file.pid},
                      {"address", file.address},
                      {"port", file.port},
                      {"speed", file.speed},
                      {"token", file.token}};
  if (!file.access_key_id.empty()) {
    j["access_key_id"] = file.access_key_id;
    j["secret_access_key"] = file.secret_access_key;
  }
  auto path = lab_file_path(data_dir);
  auto tmp = path + ".tmp";
  auto text = json_text(j, 2) + "\n";
  // Created for the lab's user alone: the token in it stops the lab, the keys act as root.
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  bool written = fd >= 0 && ::fchmod(fd, 0600) == 0 &&
                 ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  if (fd >= 0) {
    written = ::close(fd) == 0 && written;
  }
  if (!written) {
    return errors::internal("cannot write " + tmp);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    return errors::internal("cannot write " + path + ": " + ec.message());
  }
  return {};
}

std::optional<LabFile> read_lab_file(const std::string& data_dir) {
  std::ifstream in(lab_file_path(data_dir));
  if (!in) {
    return std::nullopt;
  }
  auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return std::nullopt;
  }
  LabFile f;
  f.pid = j.value("pid", 0);
  f.address = j.value("address", "127.0.0.1");
  f.port = j.value("port", uint16_t{0});
  f.speed = j.value("speed", 1.0);
  f.token = j.value("token", "");
  f.access_key_id = j.value("access_key_id", "");
  f.secret_access_key = j.value("secret_access_key", "");
  return f;
}

void remove_lab_file(const std::string& data_dir) {
  std::error_code ignored;
  std::filesystem::remove(lab_file_path(data_dir), ignored);
}

}  // namespace faultbox::lab
