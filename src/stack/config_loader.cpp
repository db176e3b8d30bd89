// Top-level blocks of Terraform's JSON syntax, merged across files, with duplicate checks.
#include "stack/config_loader.h"

#include "stack/config_reader.h"
#include "stack/stack_files.h"

namespace faultbox::stack {
namespace {

class Loader {
 public:
  explicit Loader(Config& config) : config_(config) {}

  Result<void> file(const std::string& name, const nlohmann::json& doc) {
    file_ = name;
    return for_each_entry(doc, name, [this](const std::string& key, const nlohmann::json& v) {
      return top_level(key, v);
    });
  }

 private:
  Result<void> top_level(const std::string& key, const nlohmann::json& v) {
    if (key == "variable") {
      return labelled(v, "variable", [this](const std::string& n, const nlohmann::json& b) -> Result<void> {
        return variable(n, b);
      });
    }
    if (key == "output") {
      return labelled(v, "output", [this](const std::string& n, const nlohmann::json& b) -> Result<void> {
        return output(n, b);
      });
    }
    if (key == "locals") {
      return for_each_entry(v, file_ + ": locals", [this](const std::string& n,
                                                           const nlohmann::json& b)
                                                           -> Result<void> {
        return local(n, b);
      });
    }
    if (key == "resource") {
      return resources(v);
    }
    if (key == "provider") {
      return provider(v);
    }
    if (key == "terraform") {
      return {};
    }
    return errors::validation(file_ + ": unsupported block type \"" + key + "\"");
  }

  // `{"variable": {"name": {...}}}`; a label holding an array is that many blocks.
  Result<void> labelled(const nlohmann::json& v, const std::string& kind, const EntryFn& fn) {
    return for_each_entry(v, file_ + ": " + kind,
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
    auto [it, inserted] = declared_.emplace(what, origin.file);
    if (!inserted) {
      return errors::validation(origin.to_string() + ": duplicate " + what +
                                " (first declared in " + it->second + ")");
    }
    return {};
  }

  Result<void> variable(const std::string& name, const nlohmann::json& block) {
    Origin origin{file_, "variable " + name};
    FAULTBOX_TRY_VOID(check_unique("variable " + name, origin));
    FAULTBOX_TRY(parsed, read_variable(name, block, origin));
    config_.variables.push_back(std::move(parsed));
    return {};
  }

  Result<void> output(const std::string& name, const nlohmann::json& block) {
    Origin origin{file_, "output " + name};
    FAULTBOX_TRY_VOID(check_unique("output " + name, origin));
    FAULTBOX_TRY(parsed, read_output(name, block, origin));
    config_.outputs.push_back(std::move(parsed));
    return {};
  }

  Result<void> local(const std::string& name, const nlohmann::json& value) {
    Origin origin{file_, "local." + name};
    FAULTBOX_TRY_VOID(check_unique("local " + name, origin));
    FAULTBOX_TRY(body, read_body(value, origin.to_string() + ": "));
    config_.locals.push_back({name, origin, std::move(body)});
    return {};
  }

  Result<void> resources(const nlohmann::json& v) {
    return for_each_entry(v, file_ + ": resource",
                          [this](const std::string& type, const nlohmann::json& named) -> Result<void> {
                            return labelled(named, "resource " + type,
                                            [this, &type](const std::string& n,
                                                          const nlohmann::json& block)
                                                -> Result<void> {
                                              return resource(type, n, block);
                                            });
                          });
  }

  Result<void> resource(const std::string& type, const std::string& name,
                        const nlohmann::json& block) {
    Origin origin{file_, "resource " + type + "." + name};
    FAULTBOX_TRY_VOID(check_unique("resource " + type + "." + name, origin));
    FAULTBOX_TRY(parsed, read_resource(type, name, block, origin));
    config_.resources.push_back(std::move(parsed));
    return {};
  }

  Result<void> provider(const nlohmann::json& v) {
    return for_each_entry(v, file_ + ": provider", [this](const std::string& name,
                                                           const nlohmann::json& block)
                                                           -> Result<void> {
      if (name != "aws") {
        return errors::validation(file_ + ": provider \"" + name +
                                  "\" is not supported (only aws)");
      }
      const nlohmann::json& one = block.is_array() && !block.empty() ? block[0] : block;
      FAULTBOX_TRY(body, read_body(one, file_ + ": provider aws: "));
      config_.aws_provider = std::move(body);
      return {};
    });
  }

  Config& config_;
  std::string file_;
  std::map<std::string, std::string> declared_;  // "resource aws_elb.this" -> file
};

}  // namespace

Result<Config> load_config(const std::map<std::string, std::string>& files) {
  Config config;
  Loader loader(config);
  bool any = false;
  for (const auto& [name, content] : files) {
    if (!is_config_file(name)) {
      continue;
    }
    any = true;
    FAULTBOX_TRY(doc, decode_config_file(name, content));
    FAULTBOX_TRY_VOID(loader.file(name, doc));
  }
  if (!any) {
    return errors::validation("no configuration files (*.tf.json, *.tf.yaml) in the stack");
  }
  return config;
}

}  // namespace faultbox::stack
