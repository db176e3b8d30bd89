// data "archive_file" of the hashicorp/archive provider: a zip archive of a file, a directory or
// given contents, written to output_path, and its digests (output_base64sha256 and the others).
#pragma once

#include "core/result.h"
#include "expr/value.h"
#include "stack/data_sources.h"

namespace faultbox::stack {

// Writes the archive `config` describes (paths relative to env.root_directory) and returns the
// data source's attributes. Entries go in path order with a fixed time and no host-specific
// fields, so the same files always give the same bytes and digests: a plan after an apply shows
// no change, as with the provider. The archive itself is never an entry of itself.
Result<expr::Value> archive_file(const expr::Value& config, const DataEnv& env);

}  // namespace faultbox::stack
