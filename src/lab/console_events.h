// Server-sent events for the web console: every subscriber gets a compact digest of the lab's
// state ({"instances": "<hash>", ..., "second": n}) when it changes, checked every 250 ms while
// anyone listens, so pages refresh what changed within a second without polling.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "net/http_message.h"

namespace faultbox::lab {

struct LabContext;

// Control strand only.
class ConsoleEvents {
 public:
  ConsoleEvents(boost::asio::io_context& control, LabContext& context);

  // The streaming response of GET /_faultbox/events.
  net::HttpResponse subscribe();
  // What a subscriber is sent: one hash per area of the lab, and the real second (a heartbeat
  // for pages that draw graphs).
  nlohmann::json digest() const;

 private:
  void schedule();
  void publish();

  LabContext& context_;
  boost::asio::steady_timer timer_;
  std::vector<std::shared_ptr<net::ResponseStream>> streams_;
  std::string last_sent_;
  bool running_ = false;
};

}  // namespace faultbox::lab
