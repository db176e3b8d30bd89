// The Cloud as store records and back. Load balancers keep their address, groups their members
// and history; running instances boot again on restore, as after a host reboot.
#include <fmt/format.h>

#include <algorithm>

#include "cloud/cloud.h"
#include "cloud/region_services.h"
#include "fis/experiment_record.h"
#include "monitoring/metric_records.h"

namespace faultbox::cloud {

using nlohmann::json;

namespace {
json health_check_json(const elb::HealthCheckConfig& hc) {
  return {{"target", hc.target},
          {"interval_ms", hc.interval.count()},
          {"timeout_ms", hc.timeout.count()},
          {"healthy_threshold", hc.healthy_threshold},
          {"unhealthy_threshold", hc.unhealthy_threshold}};
}

elb::HealthCheckConfig health_check_from(const json& j) {
  return {j.at("target"), Duration(j.at("interval_ms").get<long>()),
          Duration(j.at("timeout_ms").get<long>()), j.at("healthy_threshold"),
          j.at("unhealthy_threshold")};
}

json group_json(const Group& g) {
  const auto& s = g.spec;
  json tags = json::array();
  for (const auto& t : s.tags) {
    tags.push_back({{"key", t.key}, {"value", t.value}, {"propagate", t.propagate_at_launch}});
  }
  json activities = json::array();
  for (const auto& a : g.activities) {
    activities.push_back({{"description", a.description},
                          {"cause", a.cause},
                          {"start_ms", a.start_time.time_since_epoch().count()}});
  }
  return {{"name", s.name}, {"region", g.region}, {"min", s.min_size}, {"max", s.max_size},
          {"desired", s.desired_capacity}, {"azs", s.availability_zones},
          {"lt_id", s.launch_template.id}, {"lt_name", s.launch_template.name},
          {"lt_version", s.launch_template.version},
          {"elb_check", s.health_check_type == compute::HealthCheckType::Elb},
          {"grace_ms", s.health_check_grace_period.count()}, {"lbs", s.load_balancers},
          {"tags", tags}, {"members", g.members}, {"activities", activities}};
}

compute::AutoScalingGroupSpec group_spec_from(const json& j) {
  compute::AutoScalingGroupSpec s;
  s.name = j.at("name");
  s.min_size = j.at("min");
  s.max_size = j.at("max");
  s.desired_capacity = j.at("desired");
  s.availability_zones = j.at("azs").get<std::vector<std::string>>();
  s.launch_template = {j.at("lt_id"), j.at("lt_name"), j.at("lt_version")};
  s.health_check_type =
      j.at("elb_check").get<bool>() ? compute::HealthCheckType::Elb : compute::HealthCheckType::Ec2;
  s.health_check_grace_period = Duration(j.at("grace_ms").get<long>());
  s.load_balancers = j.at("lbs").get<std::vector<std::string>>();
  for (const auto& t : j.at("tags")) {
    s.tags.push_back({t.at("key"), t.at("value"), t.at("propagate")});
  }
  return s;
}
}  // namespace

Cloud::Records Cloud::to_records() const {
  Records out;
  auto& instances = out["instance"];
  for (const auto* i : instances_.list()) {
    instances.emplace_back(i->id, compute::instance_to_json(*i));
  }
  // Zero-padded chunk numbers, so the store's id order is the history's order.
  auto& transitions = out["instance_transition"];
  for (auto& chunk : compute::state_history_chunks(instances_.state_history())) {
    transitions.emplace_back(fmt::format("{:06d}", transitions.size()), std::move(chunk));
  }
  auto& templates = out["launch_template"];
  for (const auto& [name, lt] : launch_templates_) {
    templates.emplace_back(name, json{{"id", lt.id}, {"name", lt.name}, {"region", lt.region},
                                      {"version", lt.version}, {"image_id", lt.image_id},
                                      {"instance_type", lt.instance_type},
                                      {"user_data", lt.user_data}, {"tags", lt.instance_tags},
                                      {"metadata_tags", lt.metadata.tags},
                                      {"metadata_tokens_required", lt.metadata.tokens_required}});
  }
  auto& balancers = out["load_balancer"];
  for (const auto& [name, b] : balancers_) {
    json listeners = json::array();
    for (const auto& l : b.lb->config().listeners) {
      listeners.push_back({{"lb_port", l.lb_port}, {"instance_port", l.instance_port}});
    }
    json registered = json::array();
    for (const auto& h : b.lb->describe_instance_health()) {
      registered.push_back(h.instance_id);
    }
    balancers.emplace_back(name, json{{"name", name}, {"region", b.region},
                                      {"azs", b.availability_zones}, {"address", b.address},
                                      {"listeners", listeners},
                                      {"health_check", health_check_json(b.lb->config().health_check)},
                                      {"registered", registered}});
  }
  auto& groups = out["auto_scaling_group"];
  for (const auto& [name, g] : groups_) {
    groups.emplace_back(name, group_json(g));
  }
  auto& templates_out = out["fis_template"];
  for (const auto& [region, services] : regions_) {
    for (const auto& [id, t] : services->templates) {
      templates_out.emplace_back(region + "/" + id,
                                 json{{"region", region}, {"template", fis::to_json(t)}});
    }
  }
  auto& alarms = out["alarm"];
  for (const auto& [region, services] : regions_) {
    for (const auto* a : services->alarms.describe()) {
      alarms.emplace_back(region + "/" + a->spec().alarm_name,
                          json{{"region", region},
                               {"spec", a->spec().to_api_json()},
                               {"state", a->state_record()}});
    }
  }
  auto& log_groups = out["log_group"];
  for (const auto& [region, services] : regions_) {
    for (const auto& [name, g] : services->logs.groups()) {
      log_groups.emplace_back(region + "/" + name,
                              json{{"region", region}, {"group", services->logs.to_record(g)}});
    }
  }
  auto& experiments = out["experiment"];
  for (const auto& [region, services] : regions_) {
    for (const auto* e : services->runner.list()) {
      experiments.emplace_back(region + "/" + e->id,
                               json{{"region", region}, {"experiment", fis::experiment_record(*e)}});
    }
  }
  auto& records = out["record"];
  for (const auto& [type, by_id] : records_) {
    for (const auto& [id, body] : by_id) {
      records.emplace_back(type + "/" + id, json{{"type", type}, {"id", id}, {"body", body}});
    }
  }
  return out;
}

std::vector<std::pair<std::string, json>> Cloud::metric_records() const {
  std::vector<std::pair<std::string, json>> out;
  for (const auto& [region, services] : regions_) {
    for (auto& [key, record] : monitoring::metric_records(services->metrics)) {
      out.emplace_back(region + "/" + key, json{{"region", region}, {"metric", std::move(record)}});
    }
  }
  return out;
}

Result<void> Cloud::restore_metrics(const std::vector<std::pair<std::string, json>>& records) {
  for (const auto& [id, j] : records) {
    if (!j.contains("region") || !j.contains("metric")) {
      return errors::internal("saved metric " + id + " has no region or metric");
    }
    FAULTBOX_TRY_VOID(
        monitoring::restore_metric_record(region(j.at("region")).metrics, j.at("metric")));
  }
  return {};
}

Result<void> Cloud::restore_template(const std::string& region_name, const json& saved) {
  FAULTBOX_TRY(t, fis::template_from_saved(saved));
  region(region_name).templates[t.id] = std::move(t);
  return {};
}

Result<void> Cloud::restore(const Records& records) {
  auto kind = [&records](const std::string& k) {
    auto it = records.find(k);
    return it == records.end() ? std::vector<std::pair<std::string, json>>{} : it->second;
  };
  try {
    for (const auto& [id, body] : kind("instance")) {
      FAULTBOX_TRY(instance, compute::instance_from_json(body));
      FAULTBOX_TRY_VOID(instances_.restore(std::move(instance)));
    }
    std::vector<compute::StateTransition> transitions;
    for (const auto& [id, chunk] : kind("instance_transition")) {
      FAULTBOX_TRY(part, compute::state_history_from_chunk(chunk));
      transitions.insert(transitions.end(), part.begin(), part.end());
    }
    instances_.restore_state_history(std::move(transitions));
    for (const auto& [name, j] : kind("launch_template")) {
      LaunchTemplate lt{j.at("id"), j.at("name"), j.at("region"), j.at("version"),
                        j.at("image_id"), j.at("instance_type"), j.at("user_data"),
                        j.at("tags").get<compute::Tags>(),
                        {j.value("metadata_tags", false), j.value("metadata_tokens_required", false)}};
      launch_templates_[lt.name] = std::move(lt);
    }
    for (const auto& [name, j] : kind("load_balancer")) {
      elb::LoadBalancerConfig config{name, {}, health_check_from(j.at("health_check"))};
      for (const auto& l : j.at("listeners")) {
        config.listeners.push_back({l.at("lb_port"), l.at("instance_port")});
      }
      FAULTBOX_TRY(b, put_balancer(config, j.at("region"), j.at("azs"), j.at("address")));
      for (const auto& id : j.at("registered")) {
        if (const auto* i = instances_.find(id)) {
          (void)balancers_.at(b->name).lb->register_instance(
              {i->id, i->private_ip, i->availability_zone});
        }
      }
    }
    for (const auto& [name, j] : kind("auto_scaling_group")) {
      auto& g = groups_[name];
      g.spec = group_spec_from(j);
      g.region = j.at("region");
      g.members = j.at("members").get<std::set<std::string>>();
      for (const auto& a : j.at("activities")) {
        g.activities.push_back({a.at("description"), a.at("cause"),
                                TimePoint(Duration(a.at("start_ms").get<long>()))});
      }
    }
    // Alarms keep their state and history, and are evaluated again from the next period.
    for (const auto& [key, j] : kind("alarm")) {
      FAULTBOX_TRY(spec, monitoring::AlarmSpec::from_api_json(j.at("spec")));
      auto name = spec.alarm_name;
      auto& alarms = region(j.at("region")).alarms;
      FAULTBOX_TRY_VOID(alarms.put_alarm(std::move(spec), clock_.now()));
      if (j.contains("state")) {
        FAULTBOX_TRY_VOID(alarms.restore_state(name, j["state"]));
      }
    }
    for (const auto& [key, j] : kind("log_group")) {
      FAULTBOX_TRY_VOID(region(j.at("region")).logs.restore(j.at("group")));
    }
    // Experiments in the order they were started; active ones come back failed. Their log
    // records were shipped before the restart.
    auto saved_experiments = kind("experiment");
    std::stable_sort(saved_experiments.begin(), saved_experiments.end(),
                     [](const auto& a, const auto& b) {
                       return a.second.at("experiment").value("creation_ms", 0LL) <
                              b.second.at("experiment").value("creation_ms", 0LL);
                     });
    for (const auto& [key, j] : saved_experiments) {
      FAULTBOX_TRY(e, fis::experiment_from_record(j.at("experiment"), clock_.now()));
      auto& services = region(j.at("region"));
      services.shipped_log_records[e.id] = e.log.size();
      services.runner.restore(std::move(e));
    }
    for (const auto& [key, j] : kind("fis_template")) {
      FAULTBOX_TRY_VOID(restore_template(j.at("region"), j.at("template")));
    }
    for (const auto& [key, j] : kind("record")) {
      records_[j.at("type")][j.at("id")] = j.at("body");
    }
  } catch (const json::exception& e) {
    return errors::internal(std::string("the lab's saved state is not readable: ") + e.what());
  }
  return {};
}

}  // namespace faultbox::cloud
