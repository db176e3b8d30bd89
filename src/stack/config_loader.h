// Loads a stack's configuration from its files (name -> content).
#pragma once

#include <map>
#include <string>

#include "core/result.h"
#include "stack/config.h"

namespace faultbox::stack {

// Reads every *.tf.json / *.tf.yaml / *.tf.yml file (others are ignored), in name order, and
// merges their blocks. Errors: syntax errors (file, line, column), unsupported blocks or
// arguments, bad templates (file and attribute path), duplicate declarations, no config files.
Result<Config> load_config(const std::map<std::string, std::string>& files);

}  // namespace faultbox::stack
