// Instance processes a lab left running when it was killed (kill -9, a crash): they outlive it
// under PID 1, keep their addresses and go on serving. Every instance process (and all it
// starts) carries its lab's data directory in its environment, so the next lab of that directory
// finds them all: it adopts the process group of each instance it restores as running (the
// service goes on through the restart) and stops the rest.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace faultbox::compute {

// The variable that names an instance process's lab: its data directory, as
// core/absolute_path.h spells it.
inline constexpr const char* kLabDataDirVariable = "FAULTBOX_LAB_DATA_DIR";

// The processes under `proc` (the proc file system) whose environment names `data_dir`, except
// the calling process. Processes of other users (whose environment cannot be read) are not
// listed.
std::vector<int> processes_of_lab(const std::filesystem::path& data_dir,
                                  const std::filesystem::path& proc = "/proc");

// The instance processes among them that lead their process group (the ones the lab started),
// by the instance id they carry; only those whose IMDS endpoint is `imds_prefix` + their id (an
// instance of a lab now on another port could not reach it).
std::map<std::string, int> instance_leaders_of_lab(const std::filesystem::path& data_dir,
                                                   const std::string& imds_prefix,
                                                   const std::filesystem::path& proc = "/proc");

// Kills those processes (SIGKILL), except those of the instances in `keep` (by the INSTANCE_ID
// they carry: a sandboxed instance's programs run in a session of their own, outside its
// leader's process group), and waits for them to go, 5 s at most; how many there were.
int stop_processes_of_lab(const std::filesystem::path& data_dir,
                          const std::set<std::string>& keep = {});

}  // namespace faultbox::compute
