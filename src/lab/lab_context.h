// What the lab's route handlers work with: the options, the clock and the Cloud. Control strand.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

#include "cloud/cloud.h"
#include "core/clock.h"
#include "lab/instance_callers.h"
#include "lab/lab_options.h"
#include "lab/request_counts.h"
#include "lab/request_guard.h"
#include "net/http_server.h"

namespace faultbox::lab {

class ConsoleEvents;

struct LabContext {
  const LabOptions& options;
  const Clock& clock;
  cloud::Cloud& cloud;
  std::string imds_secret;
  LabTokens tokens;  // who may change the lab through its routes (lab/request_guard.h)
  std::function<void()> shutdown;
  std::shared_ptr<ConsoleEvents> events;  // the console's server-sent events
  // Counted when a request is answered, which may be after the context's handler returned.
  std::shared_ptr<RequestCounts> requests = std::make_shared<RequestCounts>();
  std::uint16_t port = 0;  // the one the lab listens on
  // Runs `then` on the control strand after `wait` of wall-clock time (not at all if the lab
  // stops first).
  std::function<void(std::chrono::milliseconds wait, std::function<void()> then)> after;
  InstanceCallers instance_callers;  // who may ask for an instance's metadata and commands
};

// Answers one request of the lab API (/_faultbox/...) or IMDS (/_imds/<id>/...).
void handle_request(LabContext& context, net::HttpRequest request, net::Reply reply);

}  // namespace faultbox::lab
