// Stack files for the lab; *.tf converted by tools/hcl2json/convert.js in one Node.js run per
// directory level (the WebAssembly parser takes most of a run to load).
#include "cli/hcl_files.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/lab_connection.h"
#include "cli/stack_client.h"
#include "core/json_text.h"

namespace faultbox::cli {

namespace fs = std::filesystem;

namespace {

bool is_hcl_config(const std::string& name) { return name.ends_with(".tf"); }

bool is_json_or_yaml_config(const std::string& name) {
  return name.ends_with(".tf.json") || name.ends_with(".tf.yaml") || name.ends_with(".tf.yml");
}

bool is_var_file(const std::string& name) {
  return name.ends_with(".tfvars") || name.ends_with(".tfvars.json");
}

// FAULTBOX_HCL2JSON, else tools/hcl2json/convert.js in a directory above the faultbox binary
// (the source tree it was built in) or in its share/faultbox (an install prefix).
fs::path converter_script() {
  if (const char* env = std::getenv("FAULTBOX_HCL2JSON"); env != nullptr && *env) {
    return env;
  }
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  for (fs::path dir = exe.parent_path(); !ec && !dir.empty(); dir = dir.parent_path()) {
    for (const auto& tools : {dir / "tools", dir / "share" / "faultbox" / "tools"}) {
      fs::path candidate = tools / "hcl2json" / "convert.js";
      if (fs::exists(candidate.parent_path() / "node_modules" / "@cdktf" / "hcl2json", ec)) {
        return candidate;
      }
    }
    if (dir == dir.root_path()) {
      break;
    }
  }
  return {};
}

struct ChildOutput {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs argv in `cwd`, collecting stdout and stderr (polled together so neither pipe fills).
ChildOutput run_child(const std::vector<std::string>& argv, const fs::path& cwd) {
  int out_pipe[2];
  int err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
    fail(errors::internal("cannot create a pipe for the HCL converter"));
  }
  pid_t pid = fork();
  if (pid < 0) {
    fail(errors::internal("cannot start the HCL converter"));
  }
  if (pid == 0) {
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    if (chdir(cwd.c_str()) != 0) {
      _exit(126);
    }
    std::vector<char*> args;
    for (const auto& a : argv) {
      args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  ChildOutput result;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_fds = 2;
  char buffer[65536];
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0) {
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP | POLLERR))) {
        ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
        if (n > 0) {
          sinks[i]->append(buffer, static_cast<size_t>(n));
        } else {
          close(fds[i].fd);
          fds[i].fd = -1;
          --open_fds;
        }
      }
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  return result;
}

// The JSON form of each HCL file (paths relative to `root`), from one converter run.
nlohmann::json convert_hcl(const fs::path& root, const std::vector<std::string>& files) {
  fs::path script = converter_script();
  if (script.empty()) {
    fail(errors::validation(
        "reading " + files.front() +
        " needs the HCL converter (tools/hcl2json): run scripts/setup.sh, or set "
        "FAULTBOX_HCL2JSON to its convert.js; *.tf.json stacks need neither"));
  }
  std::vector<std::string> argv = {"node", script.string()};
  argv.insert(argv.end(), files.begin(), files.end());
  auto child = run_child(argv, root);
  if (child.status == 127) {
    fail(errors::validation("reading " + files.front() +
                            " needs Node.js (node) on the PATH to run the HCL parser"));
  }
  if (child.status != 0) {
    std::string message = child.err;
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) {
      message.pop_back();
    }
    fail(errors::validation(message.empty() ? "the HCL converter failed" : message));
  }
  auto parsed = nlohmann::json::parse(child.out, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    fail(errors::internal("the HCL converter printed something other than JSON"));
  }
  return parsed;
}

// Local module sources ("./x", "../modules/vpc") named by a configuration document.
void module_sources(const nlohmann::json& doc, std::vector<std::string>& out) {
  auto blocks = [](const nlohmann::json& v, const auto& fn) {
    if (v.is_array()) {
      for (const auto& item : v) {
        fn(item);
      }
    } else {
      fn(v);
    }
  };
  blocks(doc, [&](const nlohmann::json& top) {
    if (!top.is_object() || !top.contains("module")) {
      return;
    }
    blocks(top["module"], [&](const nlohmann::json& modules) {
      if (!modules.is_object()) {
        return;
      }
      for (const auto& [name, body] : modules.items()) {
        blocks(body, [&](const nlohmann::json& b) {
          if (b.is_object() && b.contains("source") && b["source"].is_string()) {
            auto source = b["source"].get<std::string>();
            if (source.rfind("./", 0) == 0 || source.rfind("../", 0) == 0) {
              out.push_back(source);
            }
          }
        });
      }
    });
  });
}

// "" + "main.tf" -> "main.tf"; "../modules/vpc" + "main.tf" -> "../modules/vpc/main.tf".
std::string joined(const std::string& prefix, const std::string& name) {
  auto path = (prefix.empty() ? fs::path(name) : fs::path(prefix) / name).lexically_normal();
  auto text = path.string();
  return text.size() > 1 && text.back() == '/' ? text.substr(0, text.size() - 1) : text;
}

}  // namespace

nlohmann::json read_stack_files(const fs::path& dir) {
  nlohmann::json files = nlohmann::json::object();
  std::vector<std::string> level = {""};  // directories relative to `dir`, "" the stack itself
  std::set<std::string> seen = {""};
  while (!level.empty()) {
    std::vector<std::string> hcl;
    std::vector<std::string> next;
    for (const auto& prefix : level) {
      fs::path here = prefix.empty() ? dir : (dir / prefix).lexically_normal();
      if (!fs::is_directory(here)) {
        continue;  // the lab names the module block (file:line) that gave this source
      }
      std::vector<std::string> names;
      for (const auto& entry : fs::directory_iterator(here)) {
        if (entry.is_regular_file()) {
          names.push_back(entry.path().filename().string());
        }
      }
      std::sort(names.begin(), names.end());
      for (const auto& name : names) {
        std::string key = joined(prefix, name);
        if (is_hcl_config(name)) {
          hcl.push_back(key);
        } else if (is_json_or_yaml_config(name) || (prefix.empty() && is_var_file(name))) {
          files[key] = read_stack_file(here / name);
          if (name.ends_with(".tf.json")) {
            auto doc = nlohmann::json::parse(files[key].get<std::string>(), nullptr, false);
            std::vector<std::string> sources;
            module_sources(doc, sources);
            for (const auto& s : sources) {
              next.push_back(joined(prefix, s));
            }
          }
        }
      }
    }
    if (!hcl.empty()) {
      auto converted = convert_hcl(dir, hcl);
      for (auto& [key, doc] : converted.items()) {
        // Terraform's JSON comment key carries the HCL text: the lab finds lines in it.
        doc["//"] = read_stack_file(dir / key);
        files[key] = json_text(doc);
        std::vector<std::string> sources;
        module_sources(doc, sources);
        std::string prefix = fs::path(key).parent_path().string();
        for (const auto& s : sources) {
          next.push_back(joined(prefix, s));
        }
      }
    }
    level.clear();
    for (const auto& n : next) {
      if (seen.insert(n).second) {
        level.push_back(n);
      }
    }
  }
  return files;
}

}  // namespace faultbox::cli
