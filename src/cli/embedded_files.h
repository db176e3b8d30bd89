// The workshop's stacks and templates (examples/workshop), built into the binary so that
// `faultbox workshop` runs anywhere, without the source tree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace faultbox::cli {

struct EmbeddedFile {
  std::string path;  // relative to examples/workshop, e.g. "step03/main.tf.json"
  std::string_view content;
};

const std::vector<EmbeddedFile>& embedded_workshop_files();

}  // namespace faultbox::cli
