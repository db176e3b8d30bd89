// EC2 launch templates: what a group's instances are launched from. A template keeps its id
// across versions; each put of an existing name makes the next version.
#pragma once

#include <map>
#include <string>

#include "cloud/kind.h"
#include "compute/instance.h"

namespace faultbox::cloud {

class Cloud;

struct LaunchTemplate {
  std::string id;  // "lt-" + 17 hex
  std::string name;
  std::string region;
  long version = 1;
  std::string image_id;
  std::string instance_type;
  std::string user_data;  // decoded
  compute::Tags instance_tags;
  compute::MetadataOptions metadata;
  compute::MarketOptions market;
};

class LaunchTemplates final : public Kind {
 public:
  explicit LaunchTemplates(Cloud&) {}

  // Creates the template (version 1, a new id) or makes the next version of one of that name.
  Result<const LaunchTemplate*> put(LaunchTemplate lt);
  Result<void> remove(const std::string& name);
  const LaunchTemplate* find(const std::string& id_or_name) const;

  void save(Records& out) const override;
  Result<void> restore(const Records& saved) override;

 private:
  std::map<std::string, LaunchTemplate> templates_;  // by name
  uint64_t next_serial_ = 1;
};

}  // namespace faultbox::cloud
