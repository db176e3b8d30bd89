#include "core/zip_archive.h"

#include <sys/stat.h>
#include <zip.h>

namespace faultbox {

namespace {

// 1980-01-01 00:00 in MS-DOS's encoding, the earliest time a zip entry can carry.
constexpr zip_uint16_t kDosTime = 0;
constexpr zip_uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;

std::string error_text(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string why = zip_error_strerror(&error);
  zip_error_fini(&error);
  return why;
}

}  // namespace

Result<void> write_zip(const std::filesystem::path& path, const std::vector<ZipEntry>& entries) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  int code = 0;
  // libzip writes a temporary file beside `path` and renames it at zip_close.
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (archive == nullptr) {
    return errors::validation("cannot write " + path.string() + ": " + error_text(code));
  }
  for (const auto& e : entries) {
    // The buffers stay alive until zip_close, which is when libzip reads them.
    zip_source_t* source = zip_source_buffer(archive, e.bytes.data(), e.bytes.size(), 0);
    zip_int64_t index =
        source == nullptr ? -1 : zip_file_add(archive, e.name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      if (source != nullptr) {
        zip_source_free(source);
      }
      std::string why = zip_strerror(archive);
      zip_discard(archive);
      return errors::validation("cannot add " + e.name + " to " + path.string() + ": " + why);
    }
    auto at = static_cast<zip_uint64_t>(index);
    zip_set_file_compression(archive, at, ZIP_CM_DEFLATE, 0);
    zip_file_set_dostime(archive, at, kDosTime, kDosDate, 0);
    zip_file_set_external_attributes(archive, at, 0, ZIP_OPSYS_UNIX,
                                     static_cast<zip_uint32_t>(S_IFREG | e.mode) << 16);
  }
  if (zip_close(archive) != 0) {
    std::string why = zip_strerror(archive);
    zip_discard(archive);
    return errors::validation("cannot write " + path.string() + ": " + why);
  }
  return {};
}

Result<std::vector<ZipEntry>> read_zip(const std::filesystem::path& path, std::size_t max_bytes) {
  int code = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (archive == nullptr) {
    return errors::validation("cannot read the archive " + path.string() + ": " + error_text(code));
  }
  std::vector<ZipEntry> out;
  std::size_t total = 0;
  zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    auto at = static_cast<zip_uint64_t>(i);
    zip_stat_t st;
    if (zip_stat_index(archive, at, 0, &st) != 0 || st.name == nullptr) {
      continue;
    }
    std::string name = st.name;
    if (name.empty() || name.back() == '/') {
      continue;  // a directory entry
    }
    total += st.size;
    if (total > max_bytes) {
      zip_discard(archive);
      return errors::validation("the archive " + path.string() + " holds more than " +
                                std::to_string(max_bytes) + " bytes");
    }
    std::string bytes(st.size, '\0');
    zip_file_t* file = zip_fopen_index(archive, at, 0);
    zip_int64_t got = file == nullptr ? -1 : zip_fread(file, bytes.data(), st.size);
    if (file != nullptr) {
      zip_fclose(file);
    }
    if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) {
      zip_discard(archive);
      return errors::validation("cannot read " + name + " in " + path.string());
    }
    out.push_back({std::move(name), std::move(bytes), 0644});
  }
  zip_discard(archive);
  return out;
}

}  // namespace faultbox
