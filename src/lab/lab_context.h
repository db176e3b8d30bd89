// What the lab's route handlers work with: the options, the clock and the Cloud. Control strand.
#pragma once

#include <functional>

#include "cloud/cloud.h"
#include "core/clock.h"
#include "lab/lab_options.h"
#include "net/http_server.h"

namespace faultbox::lab {

struct LabContext {
  const LabOptions& options;
  const Clock& clock;
  cloud::Cloud& cloud;
  std::string imds_secret;
  std::function<void()> shutdown;
};

// Answers one request of the lab API (/_faultbox/...) or IMDS (/_imds/<id>/...).
void handle_request(LabContext& context, net::HttpRequest request, net::Reply reply);

}  // namespace faultbox::lab
