// Writing one write_files entry: decode, write, chmod, chown.
#include "image/write_files.h"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <cstring>
#include <fstream>

#include "core/base64.h"

namespace faultbox::image {

namespace {

Result<std::string> decoded_content(const WriteFile& file) {
  if (file.encoding != "b64" && file.encoding != "base64") {
    return file.content;
  }
  std::string compact;
  for (char c : file.content) {
    if (c != '\n' && c != '\r' && c != ' ') compact += c;
  }
  auto decoded = base64_decode(compact);
  if (!decoded) {
    return errors::validation("write_files " + file.path + ": content is not valid base64");
  }
  return *decoded;
}

// "user:group" or "user" to ids; unknown names are an error, as chown(1) would say.
Result<std::pair<uid_t, gid_t>> owner_ids(const std::string& owner, const std::string& path) {
  const auto colon = owner.find(':');
  const auto user = owner.substr(0, colon);
  const auto group_name = colon == std::string::npos ? std::string() : owner.substr(colon + 1);
  const passwd* pw = ::getpwnam(user.c_str());
  if (pw == nullptr) {
    return errors::validation("write_files " + path + ": unknown user \"" + user + "\"");
  }
  gid_t gid = pw->pw_gid;
  if (!group_name.empty()) {
    const struct group* gr = ::getgrnam(group_name.c_str());
    if (gr == nullptr) {
      return errors::validation("write_files " + path + ": unknown group \"" + group_name + "\"");
    }
    gid = gr->gr_gid;
  }
  return std::pair<uid_t, gid_t>{pw->pw_uid, gid};
}

}  // namespace

Result<std::string> write_file(const WriteFile& file, const std::filesystem::path& root) {
  FAULTBOX_TRY(content, decoded_content(file));
  const auto target = root / std::filesystem::path(file.path).relative_path();
  std::error_code ec;
  std::filesystem::create_directories(target.parent_path(), ec);
  if (ec) {
    return errors::internal("write_files " + file.path + ": cannot create " +
                            target.parent_path().string() + ": " + ec.message());
  }
  {
    std::ofstream out(target, std::ios::binary | (file.append ? std::ios::app : std::ios::trunc));
    out << content;
    if (!out) {
      return errors::internal("write_files " + file.path + ": cannot write (" +
                              std::strerror(errno) + ")");
    }
  }
  std::filesystem::permissions(
      target, static_cast<std::filesystem::perms>(file.permissions.value_or(0644)), ec);
  if (ec) {
    return errors::internal("write_files " + file.path +
                            ": cannot set permissions: " + ec.message());
  }
  FAULTBOX_TRY(ids, owner_ids(file.owner, file.path));
  if (ids.first == ::geteuid() && ids.second == ::getegid()) {
    return std::string();
  }
  if (::geteuid() != 0) {
    return "write_files " + file.path + ": owner " + file.owner +
           " not applied (the lab does not run as root)";
  }
  if (::chown(target.c_str(), ids.first, ids.second) != 0) {
    return errors::internal("write_files " + file.path + ": chown " + file.owner + ": " +
                            std::strerror(errno));
  }
  return std::string();
}

}  // namespace faultbox::image
