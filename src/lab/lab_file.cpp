#include "lab/lab_file.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/json_text.h"

namespace faultbox::lab {

std::string lab_file_path(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / "lab.json").string();
}

Result<void> write_lab_file(const std::string& data_dir, const LabFile& file) {
  nlohmann::json j = {
      {"pid", file.pid}, {"address", file.address}, {"port", file.port}, {"speed", file.speed}};
  auto path = lab_file_path(data_dir);
  auto tmp = path + ".tmp";
  {
    std::ofstream out(tmp);
    out << json_text(j, 2) << "\n";
    if (!out) {
      return errors::internal("cannot write " + tmp);
    }
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
  return f;
}

void remove_lab_file(const std::string& data_dir) {
  std::error_code ignored;
  std::filesystem::remove(lab_file_path(data_dir), ignored);
}

}  // namespace faultbox::lab
