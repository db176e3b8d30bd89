// Where a user's lab keeps its state. Like an AWS account (or LocalStack), one lab serves a user
// from every directory, so the default is a place of the user's, not the current directory:
// $FAULTBOX_DATA_DIR, else $XDG_STATE_HOME/faultbox, else ~/.local/state/faultbox. --data-dir
// (or FAULTBOX_DATA_DIR) makes more labs.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace faultbox::lab {

// Reads an environment variable; nullopt when unset or empty.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The process's own environment.
std::optional<std::string> process_env(const std::string& name);

// The default data directory, absolute (core/absolute_path.h); ".faultbox" in the current
// directory when neither XDG_STATE_HOME nor HOME is set.
std::string default_data_dir(const EnvLookup& env = process_env);

}  // namespace faultbox::lab
