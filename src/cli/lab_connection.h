// How commands reach the lab: find the one serving this data directory, or start one in the
// background (the embedded default lab), then call its HTTP API.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "core/result.h"
#include "lab/lab_file.h"

namespace faultbox::cli {

// A command's failure: main prints nothing more and exits with `exit_code`.
struct CommandFailed {
  int exit_code = 1;
};

// Prints "error: <code>: <message>" to stderr and ends the command with exit code 1.
[[noreturn]] void fail(const Error& e);

// The lab serving `data_dir` now, if one holds its lock and listens (no waiting, no call).
std::optional<lab::LabFile> find_running_lab(const std::string& data_dir);

// The lab of the data directory, however busy (the lock on the directory says whether it runs,
// not a time-out): waits for one that is starting (60 s at most, saying so), and with
// `may_start` starts one in the background when none runs (port from FAULTBOX_PORT, speed from
// FAULTBOX_SPEED, default 4566 and 1); nullopt when none runs and none may be started. Refuses a
// FAULTBOX_PORT other than the running lab's.
Result<std::optional<lab::LabFile>> reach_lab(const GlobalOptions& global, bool may_start);

// reach_lab that starts a lab when none runs.
Result<lab::LabFile> ensure_lab(const GlobalOptions& global);

// reach_lab that starts none; ends the command with its error.
std::optional<lab::LabFile> wait_for_running_lab(const GlobalOptions& global);

// Stops the lab serving the data directory (and so its instances); its PID, or nullopt when
// none was running. Asks politely first, then by signal (down_command.cpp).
std::optional<int> stop_lab(const GlobalOptions& global);

// Calls the lab's JSON API; a non-2xx answer becomes the Error it carries.
Result<nlohmann::json> call_lab(const lab::LabFile& lab, const std::string& method,
                                const std::string& path,
                                const nlohmann::json& body = nlohmann::json());

// What most commands do: reach (or start) the lab, call it with `--region` added to the query
// when given, and end the command with the lab's error if it answers with one.
nlohmann::json lab_request(const GlobalOptions& global, const std::string& method,
                           const std::string& path, const nlohmann::json& body = nlohmann::json());

}  // namespace faultbox::cli
