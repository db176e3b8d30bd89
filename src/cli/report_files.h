// Writing an experiment's report files: what `faultbox report` and `faultbox workshop` share.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/commands.h"

namespace faultbox::cli {

struct WrittenReport {
  std::filesystem::path html;
  std::filesystem::path json;
  nlohmann::json report;  // report_json's document (verdict, figures, ...)
};

// Fetches the report from the lab and writes <dir>/report-<id>.{html,json}, or the explicit
// files when given. Fails the command with the path when a file cannot be written.
WrittenReport write_experiment_report(const GlobalOptions& global, const std::string& id,
                                      const std::filesystem::path& dir,
                                      const std::filesystem::path& html = {},
                                      const std::filesystem::path& json = {});

}  // namespace faultbox::cli
