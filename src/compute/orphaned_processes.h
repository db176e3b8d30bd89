// Instance processes a lab left running when it was killed (kill -9, a crash): they outlive it
// under PID 1, keep their addresses and answer health checks for instances the next lab boots
// again. Every instance process (and all it starts) carries its lab's data directory in its
// environment, so the next lab of that directory finds them all and stops them before it
// restores its instances (which boot again, as after a host's restart).
#pragma once

#include <filesystem>
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

// Kills those processes (SIGKILL) and waits for them to go, 5 s at most; how many there were.
int stop_processes_of_lab(const std::filesystem::path& data_dir);

}  // namespace faultbox::compute
