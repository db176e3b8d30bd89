#include "core/caller_rights.h"

#include <grp.h>
#include <pwd.h>
#include <sys/fsuid.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "core/file_write.h"

namespace faultbox {

namespace {

struct CallerState {
  std::optional<uid_t> uid;
  std::string unknown_because;
};
thread_local std::optional<CallerState> current;

// The groups a user belongs to, as login would give them; a uid without an account gets
// nogroup alone.
struct Identity {
  gid_t gid = 65534;
  std::vector<gid_t> groups;
};

Identity identity_of(uid_t uid) {
  Identity out;
  std::array<char, 16384> buffer{};
  passwd entry{};
  passwd* found = nullptr;
  if (getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) != 0 || found == nullptr) {
    out.groups = {out.gid};
    return out;
  }
  out.gid = found->pw_gid;
  int count = 64;
  out.groups.resize(static_cast<size_t>(count));
  if (getgrouplist(found->pw_name, out.gid, out.groups.data(), &count) < 0) {
    out.groups.resize(static_cast<size_t>(count));
    getgrouplist(found->pw_name, out.gid, out.groups.data(), &count);
  }
  out.groups.resize(static_cast<size_t>(count));
  return out;
}

// The thread's groups. The raw system call: glibc's setgroups() changes every thread's.
bool set_thread_groups(const std::vector<gid_t>& groups) {
  return ::syscall(SYS_setgroups, groups.size(), groups.data()) == 0;
}

// Takes a user's filesystem identity on this thread, and gives it back when it ends.
class FilesystemIdentity {
 public:
  explicit FilesystemIdentity(uid_t uid) {
    const int count = ::getgroups(0, nullptr);
    saved_groups_.resize(static_cast<size_t>(std::max(count, 0)));
    if (count > 0) ::getgroups(count, saved_groups_.data());
    saved_gid_ = static_cast<gid_t>(::setfsgid(static_cast<gid_t>(-1)));
    const auto identity = identity_of(uid);
    ok_ = set_thread_groups(identity.groups);
    ::setfsgid(identity.gid);
    ::setfsuid(uid);
    // setfsuid answers the previous value and never fails visibly: ask again.
    ok_ = ok_ && static_cast<uid_t>(::setfsuid(static_cast<uid_t>(-1))) == uid &&
          static_cast<gid_t>(::setfsgid(static_cast<gid_t>(-1))) == identity.gid;
  }
  ~FilesystemIdentity() {
    ::setfsuid(::geteuid());
    ::setfsgid(saved_gid_);
    set_thread_groups(saved_groups_);
  }
  FilesystemIdentity(const FilesystemIdentity&) = delete;
  FilesystemIdentity& operator=(const FilesystemIdentity&) = delete;
  bool ok() const { return ok_; }

 private:
  std::vector<gid_t> saved_groups_;
  gid_t saved_gid_ = 0;
  bool ok_ = false;
};

}  // namespace

ActingFor::ActingFor(std::optional<uid_t> uid, std::string why) {
  current = CallerState{uid, std::move(why)};
}

ActingFor::~ActingFor() { current.reset(); }

Result<void> as_caller(const std::function<Result<void>()>& act) {
  if (!current || (current->uid && *current->uid == ::geteuid())) {
    return act();
  }
  if (!current->uid) {
    return errors::access_denied("the lab opens no file for this request: it cannot tell which "
                                 "user sent it (" +
                                 current->unknown_because + ")");
  }
  if (::geteuid() != 0) {
    return errors::access_denied("this lab runs as user " + std::to_string(::geteuid()) +
                                 " and opens no file for user " + std::to_string(*current->uid) +
                                 "; use a lab of your own");
  }
  FilesystemIdentity as(*current->uid);
  if (!as.ok()) {
    return errors::internal("cannot take the rights of user " + std::to_string(*current->uid) +
                            " to open the request's files");
  }
  return act();
}

Result<std::optional<std::string>> read_file_if_any_as_caller(const std::filesystem::path& path,
                                                              std::string_view what) {
  std::optional<std::string> content;
  const std::string prefix = what.empty() ? std::string() : std::string(what) + ": ";
  FAULTBOX_TRY_VOID(as_caller([&]() -> Result<void> {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (status.type() == std::filesystem::file_type::not_found) return {};
    if (ec) {
      return errors::validation(prefix + "cannot read \"" + path.string() + "\": " + ec.message());
    }
    if (status.type() != std::filesystem::file_type::regular) {
      return errors::validation(prefix + "\"" + path.string() + "\" is not a file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return errors::validation(prefix + "cannot read \"" + path.string() +
                                "\": " + std::strerror(errno));
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    content = bytes.str();
    return {};
  }));
  return content;
}

Result<std::string> read_file_as_caller(const std::filesystem::path& path, std::string_view what) {
  FAULTBOX_TRY(content, read_file_if_any_as_caller(path, what));
  if (!content) {
    return errors::validation((what.empty() ? std::string() : std::string(what) + ": ") +
                              "no file exists at \"" + path.string() + "\"");
  }
  return Result<std::string>(boost::system::in_place_value, std::move(*content));
}

bool regular_file_as_caller(const std::filesystem::path& path) {
  bool regular = false;
  auto done = as_caller([&]() -> Result<void> {
    std::error_code ec;
    regular = std::filesystem::is_regular_file(path, ec);
    return {};
  });
  return done && regular;
}

Result<void> write_file_as_caller(const std::filesystem::path& path, std::string_view bytes) {
  return as_caller([&]() -> Result<void> {
    // The caller's file: its failure is the request's error (a 400), not the lab's.
    if (auto written = write_file_atomically(path, bytes); !written) {
      return errors::validation(written.error().message);
    }
    return {};
  });
}

}  // namespace faultbox
