// Each command file adds its subcommand to the app; main.cpp calls them in order.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace faultbox::cli {

// Options every command shares.
struct GlobalOptions {
  std::string data_dir = ".faultbox";
  std::string output = "text";  // "text" or "json"
  std::string self_path;        // this binary
};

void add_serve_command(CLI::App& app, GlobalOptions& global);
void add_down_command(CLI::App& app, GlobalOptions& global);
void add_status_command(CLI::App& app, GlobalOptions& global);

}  // namespace faultbox::cli
