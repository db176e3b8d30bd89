// State names and codes, DNS names, and the Instance's JSON form for the store.
#include "compute/instance.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <utility>

namespace faultbox::compute {

namespace {

struct StateRow {
  InstanceState state;
  std::string_view name;
  int code;
};
constexpr std::array<StateRow, 6> kStates{{
    {InstanceState::Pending, "pending", 0},
    {InstanceState::Running, "running", 16},
    {InstanceState::Stopping, "stopping", 64},
    {InstanceState::Stopped, "stopped", 80},
    {InstanceState::ShuttingDown, "shutting-down", 32},
    {InstanceState::Terminated, "terminated", 48},
}};

constexpr std::array<std::pair<StatusCheck, std::string_view>, 3> kStatuses{{
    {StatusCheck::Ok, "ok"},
    {StatusCheck::Impaired, "impaired"},
    {StatusCheck::NotApplicable, "not-applicable"},
}};

const StateRow& row(InstanceState s) {
  return *std::find_if(kStates.begin(), kStates.end(),
                       [s](const StateRow& r) { return r.state == s; });
}

std::int64_t to_ms(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint from_ms(std::int64_t ms) { return TimePoint(Duration(ms)); }

}  // namespace

std::string_view state_name(InstanceState s) { return row(s).name; }
int state_code(InstanceState s) { return row(s).code; }

std::optional<InstanceState> parse_state(std::string_view name) {
  for (const auto& r : kStates) {
    if (r.name == name) {
      return r.state;
    }
  }
  return std::nullopt;
}

std::string_view status_name(StatusCheck s) {
  for (const auto& [value, name] : kStatuses) {
    if (value == s) {
      return name;
    }
  }
  return "not-applicable";
}

std::optional<StatusCheck> parse_status(std::string_view name) {
  for (const auto& [value, text] : kStatuses) {
    if (text == name) {
      return value;
    }
  }
  return std::nullopt;
}

std::string Instance::name_tag() const {
  auto it = tags.find("Name");
  return it == tags.end() ? std::string() : it->second;
}

std::string Instance::private_dns_name() const {
  std::string host = "ip-" + private_ip;
  std::replace(host.begin(), host.end(), '.', '-');
  return host + "." + region + ".compute.internal";
}

nlohmann::json instance_to_json(const Instance& i) {
  return {
      {"id", i.id},
      {"image_id", i.image_id},
      {"instance_type", i.instance_type},
      {"region", i.region},
      {"availability_zone", i.availability_zone},
      {"subnet_id", i.subnet_id},
      {"private_ip", i.private_ip},
      {"port", i.port},
      {"tags", i.tags},
      {"user_data", i.user_data},
      {"metadata_tags", i.metadata.tags},
      {"metadata_tokens_required", i.metadata.tokens_required},
      {"spot", i.market.spot},
      {"spot_stops", i.market.stop_on_interruption},
      {"launch_template", i.launch_template},
      {"launch_time_ms", to_ms(i.launch_time)},
      {"state", state_name(i.state)},
      {"state_reason", {{"code", i.state_reason.code}, {"message", i.state_reason.message}}},
      {"state_transition_reason", i.state_transition_reason},
      {"state_changed_at_ms", to_ms(i.state_changed_at)},
      {"status", status_name(i.status)},
  };
}

Result<Instance> instance_from_json(const nlohmann::json& j) {
  try {
    Instance i;
    i.id = j.at("id").get<std::string>();
    i.image_id = j.value("image_id", "");
    i.instance_type = j.value("instance_type", "");
    i.region = j.at("region").get<std::string>();
    i.availability_zone = j.at("availability_zone").get<std::string>();
    i.subnet_id = j.value("subnet_id", "");
    i.private_ip = j.at("private_ip").get<std::string>();
    i.port = j.value("port", 80);
    i.tags = j.value("tags", Tags{});
    i.user_data = j.value("user_data", "");
    i.metadata.tags = j.value("metadata_tags", false);
    i.metadata.tokens_required = j.value("metadata_tokens_required", false);
    i.market.spot = j.value("spot", false);
    i.market.stop_on_interruption = j.value("spot_stops", false);
    i.launch_template = j.value("launch_template", "");
    i.launch_time = from_ms(j.at("launch_time_ms").get<std::int64_t>());
    auto state = parse_state(j.at("state").get<std::string>());
    auto status = parse_status(j.value("status", "not-applicable"));
    if (!state || !status) {
      return errors::validation("instance " + i.id + ": unknown state or status in stored JSON");
    }
    i.state = *state;
    i.status = *status;
    if (j.contains("state_reason")) {
      i.state_reason = {j["state_reason"].value("code", ""),
                        j["state_reason"].value("message", "")};
    }
    i.state_transition_reason = j.value("state_transition_reason", "");
    i.state_changed_at = from_ms(j.value("state_changed_at_ms", std::int64_t{0}));
    return i;
  } catch (const nlohmann::json::exception& e) {
    return errors::validation(std::string("malformed instance JSON: ") + e.what());
  }
}

}  // namespace faultbox::compute
