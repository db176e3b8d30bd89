// Launch templates by name; records "launch_template", one per template (its latest version).
#include "cloud/launch_templates/launch_templates.h"

#include <fmt/format.h>

#include <random>

namespace faultbox::cloud {

namespace {
std::string template_id(uint64_t serial) {
  static std::mt19937_64 engine(std::random_device{}());
  return fmt::format("lt-{:017x}", (engine() ^ serial) & 0xfffffffffffffffULL);
}
}  // namespace

Result<const LaunchTemplate*> LaunchTemplates::put(LaunchTemplate lt) {
  if (lt.name.empty()) {
    return errors::validation("a launch template needs a name");
  }
  auto it = templates_.find(lt.name);
  if (it == templates_.end()) {
    if (lt.id.empty()) {
      lt.id = template_id(next_serial_++);
    }
    lt.version = 1;
  } else {
    lt.id = it->second.id;
    lt.version = it->second.version + 1;
  }
  auto& stored = templates_[lt.name];
  stored = std::move(lt);
  return &stored;
}

Result<void> LaunchTemplates::remove(const std::string& name) {
  if (templates_.erase(name) == 0) {
    return errors::not_found("launch template " + name + " does not exist");
  }
  return {};
}

const LaunchTemplate* LaunchTemplates::find(const std::string& id_or_name) const {
  for (const auto& [name, lt] : templates_) {
    if (lt.id == id_or_name || lt.name == id_or_name) {
      return &lt;
    }
  }
  return nullptr;
}

void LaunchTemplates::save(Records& out) const {
  auto& records = out["launch_template"];
  for (const auto& [name, lt] : templates_) {
    records.emplace_back(name,
                         nlohmann::json{{"id", lt.id},
                                        {"name", lt.name},
                                        {"region", lt.region},
                                        {"version", lt.version},
                                        {"image_id", lt.image_id},
                                        {"instance_type", lt.instance_type},
                                        {"user_data", lt.user_data},
                                        {"tags", lt.instance_tags},
                                        {"metadata_tags", lt.metadata.tags},
                                        {"metadata_tokens_required", lt.metadata.tokens_required},
                                        {"spot", lt.market.spot},
                                        {"spot_stops", lt.market.stop_on_interruption}});
  }
}

Result<void> LaunchTemplates::restore(const Records& saved) {
  for (const auto& [name, j] : records_of(saved, "launch_template")) {
    LaunchTemplate lt{j.at("id"),
                      j.at("name"),
                      j.at("region"),
                      j.at("version"),
                      j.at("image_id"),
                      j.at("instance_type"),
                      j.at("user_data"),
                      j.at("tags").get<compute::Tags>(),
                      {j.value("metadata_tags", false), j.value("metadata_tokens_required", false)},
                      {j.value("spot", false), j.value("spot_stops", false)}};
    templates_[lt.name] = std::move(lt);
  }
  return {};
}

std::unique_ptr<Kind> make_launch_templates(Cloud& cloud) {
  return std::make_unique<LaunchTemplates>(cloud);
}

}  // namespace faultbox::cloud
