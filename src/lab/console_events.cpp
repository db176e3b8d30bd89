#include "lab/console_events.h"

#include <chrono>
#include <functional>

#include "cloud/fis_service.h"
#include "cloud/region_services.h"
#include "cloud/views.h"
#include "core/json_text.h"
#include "lab/lab_context.h"

namespace faultbox::lab {

using nlohmann::json;

namespace {
constexpr auto kCheckInterval = std::chrono::milliseconds(250);

std::string hash_of(const json& j) {
  return std::to_string(std::hash<std::string>{}(json_text(j)));
}

bool is_active(const json& experiment) {
  auto status = experiment.value("/state/status"_json_pointer, std::string());
  return status == "pending" || status == "initiating" || status == "running" ||
         status == "stopping";
}
}  // namespace

ConsoleEvents::ConsoleEvents(boost::asio::io_context& control, LabContext& context)
    : context_(context), timer_(control) {}

json ConsoleEvents::digest() const {
  auto& cloud = context_.cloud;
  auto region_name = cloud.default_region();
  auto& region = cloud.region(region_name);
  auto balancers = cloud::balancers_view(cloud);
  for (auto& b : balancers) {
    b.erase("MetricTotals");  // traffic counts change every request; health is what pages show
  }
  json alarms = json::array();
  for (const auto* a : region.alarms.describe()) {
    alarms.push_back(a->to_api_json());
  }
  auto experiments = cloud::fis_service::list_experiments(cloud, region_name);
  // A running experiment's actions change without its summary changing.
  json active = json::array();
  for (const auto& e : experiments.value("experiments", json::array())) {
    if (is_active(e)) {
      auto full = cloud::fis_service::get_experiment(cloud, region_name, e.value("id", ""));
      active.push_back(full ? (*full)["experiment"] : json());
    }
  }
  auto second = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  return {{"instances", hash_of(cloud::instances_view(cloud))},
          {"groups", hash_of(cloud::groups_view(cloud))},
          {"lbs", hash_of(balancers)},
          {"alarms", hash_of(alarms)},
          {"templates", hash_of(cloud::fis_service::list_templates(cloud, region_name))},
          {"experiments", hash_of({experiments, active})},
          {"second", second}};
}

net::HttpResponse ConsoleEvents::subscribe() {
  net::HttpResponse r;
  r.content_type = "text/event-stream";
  r.headers["cache-control"] = "no-store";
  // The browser reconnects after a lost connection within half a second.
  r.body = "retry: 500\n\n";
  r.on_stream = [this](std::shared_ptr<net::ResponseStream> stream) {
    stream->send("data: " + json_text(digest()) + "\n\n");
    streams_.push_back(std::move(stream));
    if (!running_) {
      running_ = true;
      schedule();
    }
  };
  return r;
}

void ConsoleEvents::schedule() {
  timer_.expires_after(kCheckInterval);
  timer_.async_wait([this](const std::error_code& ec) {
    if (ec) {
      running_ = false;
      return;
    }
    publish();
    if (streams_.empty()) {
      running_ = false;  // nobody listens: no work until the next subscriber
      return;
    }
    schedule();
  });
}

void ConsoleEvents::publish() {
  std::erase_if(streams_, [](const auto& s) { return s->closed(); });
  if (streams_.empty()) {
    return;
  }
  auto text = json_text(digest());
  if (text == last_sent_) {
    return;
  }
  last_sent_ = text;
  for (const auto& s : streams_) {
    s->send("data: " + text + "\n\n");
  }
}

}  // namespace faultbox::lab
