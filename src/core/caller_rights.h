// Whose rights a request's file access carries. The lab may run as root for all of a machine's
// users, and a stack they send names files (file(), templatefile(), backend "local", a remote
// state, archive_file, a Lambda function's filename). The lab opens those with the rights of the
// user who sent the request, never its own, or any user could read /etc/shadow or write root's
// files through it. The lab's stack routes name the caller for the length of a request
// (ActingFor, per thread); each opening of a path a request names goes through as_caller, which
// takes the caller's filesystem identity (setfsuid, setfsgid, the thread's groups) for that call
// alone: the lab's own files, processes and threads keep its rights.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace faultbox {

// Names the caller of the request this thread works on, for the object's lifetime. `uid` empty:
// the lab could not tell who calls (`why`), and opens no file for the request.
class ActingFor {
 public:
  ActingFor(std::optional<uid_t> uid, std::string why = {});
  ~ActingFor();
  ActingFor(const ActingFor&) = delete;
  ActingFor& operator=(const ActingFor&) = delete;
};

// Runs `act` with the caller's rights to files. Outside any request (the CLI, tests), with the
// process's own. An AccessDenied error, and `act` not run, when the caller is unknown or the lab
// cannot take another user's rights (it is not root).
Result<void> as_caller(const std::function<Result<void>()>& act);

// The bytes of a regular file, read with the caller's rights; `what` starts the messages.
Result<std::string> read_file_as_caller(const std::filesystem::path& path,
                                        std::string_view what = "");

// The same, but nullopt when nothing is there (other failures, a permission denied among them,
// stay errors).
Result<std::optional<std::string>> read_file_if_any_as_caller(const std::filesystem::path& path,
                                                              std::string_view what = "");

// True when the caller may see a regular file there.
bool regular_file_as_caller(const std::filesystem::path& path);

// Writes a file (atomically, core/file_write.h) with the caller's rights.
Result<void> write_file_as_caller(const std::filesystem::path& path, std::string_view bytes);

}  // namespace faultbox
