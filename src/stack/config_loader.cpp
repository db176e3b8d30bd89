// Top-level blocks of Terraform's JSON syntax, merged across files, with duplicate checks.
#include "stack/config_loader.h"

#include <filesystem>

#include "stack/config_reader.h"
#include "stack/stack_files.h"

namespace faultbox::stack {
namespace {

class Loader {
 public:
  // `module` is the path of the module being loaded ("" for the root).
  Loader(Config& config, std::string module) : config_(config), module_(std::move(module)) {}

  Result<void> file(const std::string& name, const nlohmann::json& doc) {
    file_ = name;
    return for_each_entry(doc, name, [this](const std::string& key, const nlohmann::json& v) {
      return top_level(key, v);
    });
  }

 private:
  Result<void> top_level(const std::string& key, const nlohmann::json& v) {
    if (key == "variable") {
      return labelled(v, "variable",
                      [this](const std::string& n, const nlohmann::json& b) -> Result<void> {
                        return variable(n, b);
                      });
    }
    if (key == "output") {
      return labelled(v, "output",
                      [this](const std::string& n, const nlohmann::json& b) -> Result<void> {
                        return output(n, b);
                      });
    }
    if (key == "locals") {
      return for_each_entry(v, file_ + ": locals",
                            [this](const std::string& n, const nlohmann::json& b) -> Result<void> {
                              return local(n, b);
                            });
    }
    if (key == "resource") {
      return resources(v, false);
    }
    if (key == "data") {
      return resources(v, true);
    }
    if (key == "module") {
      return labelled(v, "module",
                      [this](const std::string& n, const nlohmann::json& b) -> Result<void> {
                        return module_call(n, b);
                      });
    }
    if (key == "provider") {
      return provider(v);
    }
    if (key == "terraform") {
      return terraform(v);
    }
    int line = hcl_block_line(key, {});
    return errors::validation(file_ + (line > 0 ? ":" + std::to_string(line) : "") +
                              ": unsupported block type \"" + key + "\"");
  }

  // `{"variable": {"name": {...}}}`; a label holding an array is that many blocks.
  Result<void> labelled(const nlohmann::json& v, const std::string& kind, const EntryFn& fn) {
    return for_each_entry(
        v, file_ + ": " + kind,
        [&fn](const std::string& label, const nlohmann::json& blocks) -> Result<void> {
          if (blocks.is_array()) {
            for (const auto& block : blocks) {
              FAULTBOX_TRY_VOID(fn(label, block));
            }
            return {};
          }
          return fn(label, blocks);
        });
  }

  Result<void> check_unique(const std::string& what, const Origin& origin) {
    auto [it, inserted] = declared_.emplace(module_prefix(module_) + what, origin.file);
    if (!inserted) {
      return errors::validation(origin.to_string() + ": duplicate " + what +
                                " (first declared in " + it->second + ")");
    }
    return {};
  }

  Result<void> variable(const std::string& name, const nlohmann::json& block) {
    Origin origin{file_, "variable " + name, hcl_block_line("variable", {name})};
    FAULTBOX_TRY_VOID(check_unique("variable " + name, origin));
    FAULTBOX_TRY(parsed, read_variable(name, block, origin));
    parsed.module = module_;
    config_.variables.push_back(std::move(parsed));
    return {};
  }

  Result<void> output(const std::string& name, const nlohmann::json& block) {
    Origin origin{file_, "output " + name, hcl_block_line("output", {name})};
    FAULTBOX_TRY_VOID(check_unique("output " + name, origin));
    FAULTBOX_TRY(parsed, read_output(name, block, origin));
    parsed.module = module_;
    config_.outputs.push_back(std::move(parsed));
    return {};
  }

  Result<void> local(const std::string& name, const nlohmann::json& value) {
    Origin origin{file_, "local." + name, hcl_local_line(name)};
    FAULTBOX_TRY_VOID(check_unique("local " + name, origin));
    FAULTBOX_TRY(body, read_body(value, origin.to_string() + ": "));
    config_.locals.push_back({name, origin, module_, std::move(body)});
    return {};
  }

  Result<void> resources(const nlohmann::json& v, bool data) {
    const std::string kind = data ? "data" : "resource";
    return for_each_entry(
        v, file_ + ": " + kind,
        [this, data, &kind](const std::string& type, const nlohmann::json& named) -> Result<void> {
          return labelled(named, kind + " " + type,
                          [this, &type, data](const std::string& n, const nlohmann::json& block)
                              -> Result<void> { return resource(type, n, block, data); });
        });
  }

  Result<void> resource(const std::string& type, const std::string& name,
                        const nlohmann::json& block, bool data) {
    std::string what = (data ? "data " : "resource ") + type + "." + name;
    Origin origin{file_, module_prefix(module_) + what,
                  hcl_block_line(data ? "data" : "resource", {type, name})};
    FAULTBOX_TRY_VOID(check_unique(what, origin));
    FAULTBOX_TRY(parsed, read_resource(type, name, block, origin));
    parsed.module = module_;
    parsed.data = data;
    config_.resources.push_back(std::move(parsed));
    return {};
  }

  Result<void> module_call(const std::string& name, const nlohmann::json& block) {
    Origin origin{file_, module_prefix(module_) + "module " + name,
                  hcl_block_line("module", {name})};
    FAULTBOX_TRY_VOID(check_unique("module " + name, origin));
    FAULTBOX_TRY(parsed, read_module_call(name, block, origin));
    parsed.module = module_;
    config_.modules.push_back(std::move(parsed));
    return {};
  }

  // terraform { required_version, required_providers, backend "local" { path } }.
  Result<void> terraform(const nlohmann::json& v) {
    return for_each_entry(
        v, file_ + ": terraform",
        [this](const std::string& key, const nlohmann::json& value) -> Result<void> {
          if (key == "required_providers") {
            return required_providers(value);
          }
          if (key != "backend") {
            return {};
          }
          return for_each_entry(
              value, file_ + ": terraform backend",
              [this](const std::string& type, const nlohmann::json& body) -> Result<void> {
                if (type != "local") {
                  return errors::validation(file_ + ": backend \"" + type +
                                            "\" is not supported (only local)");
                }
                const nlohmann::json& one = body.is_array() && !body.empty() ? body[0] : body;
                if (module_.empty()) {
                  config_.backend_path =
                      one.is_object() && one.contains("path") && one["path"].is_string()
                          ? one["path"].get<std::string>()
                          : std::string("terraform.tfstate");
                }
                return {};
              });
        });
  }

  // required_providers { aws = { source = "hashicorp/aws", version = ">= 5" } } (or the old
  // form, aws = ">= 5").
  Result<void> required_providers(const nlohmann::json& v) {
    return for_each_entry(
        v, file_ + ": terraform required_providers",
        [this](const std::string& name, const nlohmann::json& spec) -> Result<void> {
          RequiredProvider p{name, "hashicorp/" + name, "", module_, file_};
          if (spec.is_string()) {
            p.version = spec.get<std::string>();
          } else if (spec.is_object()) {
            if (spec.contains("source") && spec["source"].is_string()) {
              p.source = spec["source"].get<std::string>();
            }
            if (spec.contains("version") && spec["version"].is_string()) {
              p.version = spec["version"].get<std::string>();
            }
          }
          // "registry.terraform.io/hashicorp/aws" and "hashicorp/aws" name one provider.
          const std::string registry = "registry.terraform.io/";
          if (p.source.rfind(registry, 0) == 0) {
            p.source = p.source.substr(registry.size());
          }
          if (p.source.find('/') == std::string::npos) {
            p.source = "hashicorp/" + p.source;
          }
          config_.required_providers.push_back(std::move(p));
          return {};
        });
  }

  Result<void> provider(const nlohmann::json& v) {
    return for_each_entry(
        v, file_ + ": provider",
        [this](const std::string& name, const nlohmann::json& block) -> Result<void> {
          if (name != "aws") {
            return errors::validation(file_ + ": provider \"" + name +
                                      "\" is not supported (only aws)");
          }
          const nlohmann::json& one = block.is_array() && !block.empty() ? block[0] : block;
          if (!module_.empty()) {
            return {};  // modules inherit the root's provider, as Terraform's implicit passing does
          }
          FAULTBOX_TRY(body, read_body(one, file_ + ": provider aws: "));
          config_.aws_provider = std::move(body);
          return {};
        });
  }

  Config& config_;
  std::string module_;
  std::string file_;
  std::map<std::string, std::string> declared_;  // "resource aws_elb.this" -> file
};

// The files of the directory `dir` (relative to the root stack, "" for the root itself).
std::map<std::string, const std::string*> files_in(const std::map<std::string, std::string>& files,
                                                   const std::string& dir) {
  std::map<std::string, const std::string*> out;
  for (const auto& [name, content] : files) {
    auto slash = name.rfind('/');
    std::string parent = slash == std::string::npos ? "" : name.substr(0, slash);
    if (parent == dir) {
      out[name] = &content;
    }
  }
  return out;
}

// "../modules/vpc" from the root's "" and "../modules/vpc"; "../modules/subnets" from
// "../modules/vpc" and "../subnets".
std::string module_directory(const std::string& parent, const std::string& source) {
  auto path =
      (parent.empty() ? std::filesystem::path(source) : std::filesystem::path(parent) / source)
          .lexically_normal()
          .string();
  while (path.size() > 1 && path.back() == '/') {
    path.pop_back();
  }
  return path == "." ? "" : path;
}

Result<void> load_module(Config& config, const std::map<std::string, std::string>& files,
                         const std::string& dir, const std::string& module, int depth) {
  if (depth > 16) {
    return errors::validation(module + ": modules nested more than 16 deep (a module calling "
                                       "itself?)");
  }
  Loader loader(config, module);
  bool any = false;
  size_t first_call = config.modules.size();
  for (const auto& [name, content] : files_in(files, dir)) {
    if (!is_config_file(name)) {
      continue;
    }
    any = true;
    FAULTBOX_TRY(doc, decode_config_file(name, *content));
    HclSource hcl{name, doc.is_object() && doc.contains("//") && doc["//"].is_string() &&
                                name.size() > 3 && name.compare(name.size() - 3, 3, ".tf") == 0
                            ? doc["//"].get<std::string>()
                            : std::string()};
    set_hcl_source(hcl.text.empty() ? nullptr : &hcl);
    auto loaded = loader.file(name, doc);
    set_hcl_source(nullptr);
    FAULTBOX_TRY_VOID(loaded);
  }
  if (!any) {
    return errors::validation(
        module.empty() ? "no configuration files (*.tf, *.tf.json, *.tf.yaml) in the stack"
                       : module + ": no configuration files in the module directory " + dir);
  }
  size_t last_call = config.modules.size();
  for (size_t i = first_call; i < last_call; ++i) {
    config.modules[i].directory = module_directory(dir, config.modules[i].source);
    ModuleCall call = config.modules[i];
    bool readable = false;
    for (const auto& [name, content] : files_in(files, call.directory)) {
      readable = readable || is_config_file(name);
    }
    if (!readable) {
      return errors::validation(call.origin.to_string() +
                                ": unreadable module directory: the "
                                "source \"" +
                                call.source + "\" (" + call.directory +
                                ") has no configuration files (*.tf, *.tf.json, *.tf.yaml) or "
                                "does not exist");
    }
    FAULTBOX_TRY_VOID(load_module(config, files, call.directory, call.path(), depth + 1));
  }
  return {};
}

}  // namespace

Result<Config> load_config(const std::map<std::string, std::string>& files) {
  Config config;
  FAULTBOX_TRY_VOID(load_module(config, files, "", "", 0));
  return config;
}

}  // namespace faultbox::stack
