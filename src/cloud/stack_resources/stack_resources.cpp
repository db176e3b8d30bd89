#include "cloud/stack_resources/stack_resources.h"

#include <memory>

#include "cloud/cloud.h"

namespace faultbox::cloud {

void StackResources::record(StackResource resource) {
  auto key = std::make_pair(resource.stack, resource.address);
  resources_[key] = std::move(resource);
  changes_.changed();
}

void StackResources::forget(const std::string& stack, const std::string& address) {
  resources_.erase({stack, address});
  changes_.changed();
}

const StackResource* StackResources::find(const std::string& stack,
                                          const std::string& address) const {
  auto it = resources_.find({stack, address});
  return it == resources_.end() ? nullptr : &it->second;
}

const StackResource* StackResources::holder(const std::string& type, const std::string& region,
                                            const std::string& attribute,
                                            const std::string& value) const {
  for (const auto& [key, r] : resources_) {
    if (r.type != type || (!region.empty() && r.region != region) || !r.state.is_object()) {
      continue;
    }
    auto it = r.state.find(attribute);
    if (it != r.state.end() && it->is_string() && it->get<std::string>() == value) {
      return &r;
    }
  }
  return nullptr;
}

void StackResources::save(Records& out) const {
  auto& records = out["stack_resource"];
  for (const auto& [key, r] : resources_) {
    records.emplace_back(r.stack + "#" + r.address, nlohmann::json{{"stack", r.stack},
                                                                   {"address", r.address},
                                                                   {"type", r.type},
                                                                   {"region", r.region},
                                                                   {"state", r.state}});
  }
}

void StackResources::save_changes(Records& out) {
  if (changes_.take_unsaved()) {
    save(out);
  }
}

Result<void> StackResources::restore(const Records& saved) {
  for (const auto& [id, j] : records_of(saved, "stack_resource")) {
    record({j.at("stack"), j.at("address"), j.at("type"), j.at("region"), j.at("state")});
  }
  return {};
}

std::unique_ptr<Kind> make_stack_resources(Cloud&) { return std::make_unique<StackResources>(); }

}  // namespace faultbox::cloud
