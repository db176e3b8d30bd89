#include "stack/archive_file.h"

#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "core/caller_rights.h"
#include "core/digest.h"
#include "core/zip_archive.h"

namespace faultbox::stack {

namespace fs = std::filesystem;
using expr::Value;

namespace {

std::string string_attr(const Value& config, std::string_view key) {
  const Value* v = config.find(key);
  return v != nullptr && v->is_string() ? v->as_string() : std::string();
}

fs::path resolve(const DataEnv& env, const std::string& path) {
  fs::path p(path);
  return (p.is_absolute() ? p : fs::path(env.root_directory) / p).lexically_normal();
}

Result<std::string> read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return errors::validation("archive_file: cannot read " + file.string());
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

unsigned mode_of(const fs::path& file) {
  struct stat st {};
  return ::stat(file.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0644;
}

// The provider's excludes name paths relative to source_dir, or glob patterns over them.
bool excluded(const std::string& relative, const std::vector<std::string>& excludes) {
  return std::any_of(excludes.begin(), excludes.end(), [&](const std::string& pattern) {
    std::string p = fs::path(pattern).lexically_normal().generic_string();
    return relative == p || ::fnmatch(p.c_str(), relative.c_str(), FNM_PATHNAME) == 0;
  });
}

Result<void> add_directory(const fs::path& dir, const fs::path& output,
                           const std::vector<std::string>& excludes, bool follow_links,
                           std::vector<ZipEntry>& out) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return errors::validation("archive_file: source_dir " + dir.string() + " is not a directory");
  }
  auto options =
      follow_links ? fs::directory_options::follow_directory_symlink : fs::directory_options::none;
  fs::path output_abs = fs::weakly_canonical(output, ec);
  for (fs::recursive_directory_iterator it(dir, options, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::string relative = it->path().lexically_relative(dir).generic_string();
    if (excluded(relative, excludes)) {
      if (it->is_directory()) {
        it.disable_recursion_pending();
      }
      continue;
    }
    if (!it->is_regular_file() || fs::weakly_canonical(it->path(), ec) == output_abs) {
      continue;
    }
    FAULTBOX_TRY(bytes, read_bytes(it->path()));
    out.push_back({relative, std::move(bytes), mode_of(it->path())});
  }
  if (ec) {
    return errors::validation("archive_file: cannot list " + dir.string() + ": " + ec.message());
  }
  return {};
}

// What goes into the archive: exactly one of source_content(+_filename), source blocks,
// source_file and source_dir, as the provider requires.
Result<std::vector<ZipEntry>> entries_of(const Value& config, const DataEnv& env,
                                         const fs::path& output) {
  const Value* blocks = config.find("source");
  int sources =
      (config.find("source_content") != nullptr && config.find("source_content")->is_string()) +
      (blocks != nullptr && !blocks->is_null()) + !string_attr(config, "source_file").empty() +
      !string_attr(config, "source_dir").empty();
  if (sources != 1) {
    return errors::validation(
        "archive_file: give exactly one of source_content, source, source_file and source_dir");
  }
  std::vector<ZipEntry> out;
  if (const Value* content = config.find("source_content");
      content != nullptr && content->is_string()) {
    std::string name = string_attr(config, "source_content_filename");
    if (name.empty()) {
      return errors::validation("archive_file: source_content needs source_content_filename");
    }
    out.push_back({name, content->as_string(), 0644});
  }
  if (blocks != nullptr && !blocks->is_null()) {
    std::vector<Value> list =
        blocks->is_sequence() ? blocks->elements() : std::vector<Value>{*blocks};
    for (const auto& block : list) {
      std::string name = string_attr(block, "filename");
      if (name.empty()) {
        return errors::validation("archive_file: each source block needs a filename");
      }
      out.push_back({name, string_attr(block, "content"), 0644});
    }
  }
  if (std::string file = string_attr(config, "source_file"); !file.empty()) {
    fs::path path = resolve(env, file);
    FAULTBOX_TRY(bytes, read_bytes(path));
    out.push_back({path.filename().string(), std::move(bytes), mode_of(path)});
  }
  if (std::string dir = string_attr(config, "source_dir"); !dir.empty()) {
    std::vector<std::string> excludes;
    if (const Value* list = config.find("excludes"); list != nullptr && list->is_sequence()) {
      for (const auto& e : list->elements()) {
        if (e.is_string()) {
          excludes.push_back(e.as_string());
        }
      }
    }
    const Value* no_links = config.find("exclude_symlink_directories");
    bool follow = no_links == nullptr || !no_links->is_bool() || !no_links->as_bool();
    FAULTBOX_TRY_VOID(add_directory(resolve(env, dir), output, excludes, follow, out));
  }
  std::sort(out.begin(), out.end(),
            [](const ZipEntry& a, const ZipEntry& b) { return a.name < b.name; });
  return out;
}

}  // namespace

Result<Value> archive_file(const Value& config, const DataEnv& env) {
  std::string type = string_attr(config, "type");
  if (type != "zip") {
    return errors::validation("archive_file: type \"" + type +
                              "\" is not supported by the lab (\"zip\" is)");
  }
  std::string output_path = string_attr(config, "output_path");
  if (output_path.empty()) {
    return errors::validation("archive_file: output_path is required");
  }
  std::optional<unsigned> forced_mode;
  if (std::string mode = string_attr(config, "output_file_mode"); !mode.empty()) {
    try {
      forced_mode = static_cast<unsigned>(std::stoul(mode, nullptr, 8)) & 07777;
    } catch (const std::exception&) {
      return errors::validation("archive_file: output_file_mode \"" + mode +
                                "\" is not an octal file mode");
    }
  }
  fs::path output = resolve(env, output_path);
  // The sources and the archive are the files of the user whose stack this is.
  std::string bytes;
  FAULTBOX_TRY_VOID(as_caller([&]() -> Result<void> {
    FAULTBOX_TRY(entries, entries_of(config, env, output));
    if (forced_mode) {
      for (auto& e : entries) {
        e.mode = *forced_mode;
      }
    }
    if (auto written = write_zip(output, entries); !written) {
      return errors::validation("archive_file: " + written.error().message);
    }
    FAULTBOX_TRY(zip, read_bytes(output));
    bytes = std::move(zip);
    return {};
  }));
  Value::Attributes out = config.attributes();
  std::string sha1 = hex_digest(DigestAlgorithm::Sha1, bytes);
  out["id"] = Value::string(sha1);
  out["output_sha"] = Value::string(sha1);
  out["output_size"] = Value::number(static_cast<double>(bytes.size()));
  out["output_md5"] = Value::string(hex_digest(DigestAlgorithm::Md5, bytes));
  out["output_sha256"] = Value::string(hex_digest(DigestAlgorithm::Sha256, bytes));
  out["output_base64sha256"] = Value::string(base64_digest(DigestAlgorithm::Sha256, bytes));
  out["output_sha512"] = Value::string(hex_digest(DigestAlgorithm::Sha512, bytes));
  out["output_base64sha512"] = Value::string(base64_digest(DigestAlgorithm::Sha512, bytes));
  return Value::object(std::move(out));
}

}  // namespace faultbox::stack
