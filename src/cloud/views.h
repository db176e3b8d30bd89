// JSON views of the Cloud for the lab API, the CLI tables and (later) the console.
#pragma once

#include <nlohmann/json.hpp>

#include "cloud/cloud.h"

namespace faultbox::cloud {

nlohmann::json instance_view(const Cloud& cloud, const compute::Instance& i);
nlohmann::json instances_view(const Cloud& cloud);
nlohmann::json groups_view(const Cloud& cloud);
// Load balancers with per-instance health and the last seconds of their counters.
nlohmann::json balancers_view(const Cloud& cloud);

}  // namespace faultbox::cloud
