// A `#cloud-config` document as the Amazon-Linux-like image runs it: the modules it knows
// (bootcmd, write_files, packages, runcmd) and the keys it skips, which the console log names.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace faultbox::image {

struct WriteFile {
  std::string path;
  std::string content;   // as written in the document (still encoded when `encoding` says so)
  std::string encoding;  // "", "text/plain", "b64" or "base64"
  std::optional<unsigned> permissions;  // from an octal string such as "0644"
  std::string owner = "root:root";
  bool append = false;
  bool defer = false;  // written after packages, as cloud-init's write_files_deferred
};

struct CloudConfig {
  std::vector<std::string> bootcmd;  // shell lines, every boot
  std::vector<WriteFile> write_files;
  std::vector<std::string> packages;
  bool package_update = false;
  bool package_upgrade = false;
  std::vector<std::string> runcmd;        // shell lines, first boot only
  std::vector<std::string> ignored_keys;  // top-level keys the image does not run
};

// True when user data is a cloud-config document (its first line is `#cloud-config`).
bool is_cloud_config(const std::string& user_data);

// Parses the YAML document. A list item in runcmd/bootcmd is joined into one shell-quoted line,
// as cloud-init does. Errors name the line (and column) of the document.
Result<CloudConfig> parse_cloud_config(const std::string& text);

// Single-quotes `word` for /bin/sh.
std::string shell_quote(const std::string& word);

}  // namespace faultbox::image
