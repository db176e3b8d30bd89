// cloud-config parsing with yaml-cpp; unknown modules are kept by name so the boot log can say
// they were skipped rather than silently ignoring them.
#include "image/cloud_config.h"

#include <yaml-cpp/yaml.h>

#include <set>

namespace faultbox::image {

namespace {

std::string where(const YAML::Node& node) {
  const auto mark = node.Mark();
  return mark.is_null() ? std::string("cloud-config")
                        : "cloud-config line " + std::to_string(mark.line + 1);
}

Result<std::string> scalar(const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) {
    return errors::validation(where(node) + ": " + what + " must be a string");
  }
  return node.as<std::string>();
}

Result<bool> boolean(const YAML::Node& node, const std::string& what) {
  if (node.IsScalar()) {
    const auto text = node.as<std::string>();
    if (text == "true" || text == "True" || text == "yes") return true;
    if (text == "false" || text == "False" || text == "no") return false;
  }
  return errors::validation(where(node) + ": " + what + " must be true or false");
}

// A command is a string (run by the shell as written) or a list of words (quoted and joined).
Result<std::vector<std::string>> commands(const YAML::Node& node, const std::string& key) {
  if (!node.IsSequence()) {
    return errors::validation(where(node) + ": " + key + " must be a list of commands");
  }
  std::vector<std::string> lines;
  for (const auto& item : node) {
    if (item.IsScalar()) {
      lines.push_back(item.as<std::string>());
    } else if (item.IsSequence()) {
      std::string line;
      for (const auto& word : item) {
        FAULTBOX_TRY(text, scalar(word, key + " word"));
        line += (line.empty() ? "" : " ") + shell_quote(text);
      }
      lines.push_back(line);
    } else {
      return errors::validation(where(item) + ": each " + key +
                                " item must be a string or a list of words");
    }
  }
  return lines;
}

Result<std::optional<unsigned>> permissions(const YAML::Node& node) {
  FAULTBOX_TRY(text, scalar(node, "permissions"));
  try {
    size_t used = 0;
    const unsigned long mode = std::stoul(text, &used, 8);
    if (used == text.size() && mode <= 07777) {
      return std::optional<unsigned>(static_cast<unsigned>(mode));
    }
  } catch (const std::exception&) {
  }
  return errors::validation(where(node) + ": permissions \"" + text +
                            "\" is not an octal mode such as '0644'");
}

Result<WriteFile> write_file(const YAML::Node& node) {
  if (!node.IsMap()) {
    return errors::validation(where(node) + ": each write_files item must be a map with a path");
  }
  WriteFile file;
  for (const auto& entry : node) {
    const auto key = entry.first.as<std::string>();
    const auto& value = entry.second;
    if (key == "path") {
      FAULTBOX_TRY(path, scalar(value, "path"));
      file.path = path;
    } else if (key == "content") {
      FAULTBOX_TRY(content, scalar(value, "content"));
      file.content = content;
    } else if (key == "encoding") {
      FAULTBOX_TRY(encoding, scalar(value, "encoding"));
      static const std::set<std::string> known{"", "text/plain", "b64", "base64"};
      if (!known.count(encoding)) {
        return errors::validation(where(value) + ": write_files encoding \"" + encoding +
                                  "\" is not supported (b64, base64 or text/plain)");
      }
      file.encoding = encoding;
    } else if (key == "permissions") {
      FAULTBOX_TRY(mode, permissions(value));
      file.permissions = mode;
    } else if (key == "owner") {
      FAULTBOX_TRY(owner, scalar(value, "owner"));
      file.owner = owner;
    } else if (key == "append") {
      FAULTBOX_TRY(append, boolean(value, "append"));
      file.append = append;
    } else if (key == "defer") {
      FAULTBOX_TRY(defer, boolean(value, "defer"));
      file.defer = defer;
    } else {
      return errors::validation(where(entry.first) + ": write_files has no key \"" + key +
                                "\" (path, content, encoding, permissions, owner, append, defer)");
    }
  }
  if (file.path.empty() || file.path.front() != '/') {
    return errors::validation(where(node) + ": write_files item needs an absolute path");
  }
  return file;
}

Result<std::vector<std::string>> package_names(const YAML::Node& node) {
  if (!node.IsSequence()) {
    return errors::validation(where(node) + ": packages must be a list of package names");
  }
  std::vector<std::string> names;
  for (const auto& item : node) {
    // cloud-init also takes [name, version]; the image has one version of each package.
    const auto& name = item.IsSequence() && item.size() > 0 ? item[0] : item;
    FAULTBOX_TRY(text, scalar(name, "package name"));
    names.push_back(text);
  }
  return names;
}

Result<void> read_key(CloudConfig& config, const std::string& key, const YAML::Node& value) {
  if (key == "bootcmd") {
    FAULTBOX_TRY(lines, commands(value, key));
    config.bootcmd = std::move(lines);
  } else if (key == "runcmd") {
    FAULTBOX_TRY(lines, commands(value, key));
    config.runcmd = std::move(lines);
  } else if (key == "packages") {
    FAULTBOX_TRY(names, package_names(value));
    config.packages = std::move(names);
  } else if (key == "package_update") {
    FAULTBOX_TRY(flag, boolean(value, key));
    config.package_update = flag;
  } else if (key == "package_upgrade") {
    FAULTBOX_TRY(flag, boolean(value, key));
    config.package_upgrade = flag;
  } else if (key == "write_files") {
    if (!value.IsSequence()) {
      return errors::validation(where(value) + ": write_files must be a list");
    }
    for (const auto& item : value) {
      FAULTBOX_TRY(file, write_file(item));
      config.write_files.push_back(std::move(file));
    }
  } else {
    config.ignored_keys.push_back(key);
  }
  return {};
}

}  // namespace

bool is_cloud_config(const std::string& user_data) {
  return user_data.rfind("#cloud-config", 0) == 0;
}

std::string shell_quote(const std::string& word) {
  std::string out = "'";
  for (char c : word) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

Result<CloudConfig> parse_cloud_config(const std::string& text) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    return errors::validation("cloud-config line " + std::to_string(e.mark.line + 1) + ", column " +
                              std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
  CloudConfig config;
  if (root.IsNull()) {
    return config;  // a header and nothing else is a valid, empty document
  }
  if (!root.IsMap()) {
    return errors::validation("cloud-config: the document must be a map of modules");
  }
  try {
    for (const auto& entry : root) {
      FAULTBOX_TRY_VOID(read_key(config, entry.first.as<std::string>(), entry.second));
    }
  } catch (const YAML::Exception& e) {
    return errors::validation("cloud-config line " + std::to_string(e.mark.line + 1) + ": " +
                              e.msg);
  }
  return config;
}

}  // namespace faultbox::image
