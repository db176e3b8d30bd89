// Data sources the lab answers itself: AWS's identity and placement facts as the lab models
// them, its one machine image, its default VPC, IAM policy documents, other stacks' state and
// zip archives (archive_file).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "expr/value.h"

namespace faultbox::stack {

struct DataEnv {
  std::string region;
  std::string account_id = "000000000000";
  std::string root_directory;  // terraform_remote_state paths are relative to it
  std::string image_id = "ami-faultbox-web";
};

// The data source types read_data_source answers.
const std::vector<std::string>& data_source_types();

// The attributes of data source `type` with `config` (an evaluated body). A config with unknown
// values (known only after apply) gives an unknown value. Errors name the problem without the
// address (the caller adds it): an unsupported type, a remote state that cannot be read.
Result<expr::Value> read_data_source(const std::string& type, const expr::Value& config,
                                     const DataEnv& env);

}  // namespace faultbox::stack
