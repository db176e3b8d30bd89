// The text of `faultbox experiments watch`: an experiment's actions and their states, its
// stop-condition alarms, each load balancer's healthy hosts and a strip of the traffic, one mark
// per second of lab time ('.' every request answered, 'X' some failed, '_' no requests).
// Input is the lab's /experiments/<id>/live document (cloud/experiment_live.h).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace faultbox::report {

inline constexpr char kTrafficOk = '.';
inline constexpr char kTrafficFailed = 'X';
inline constexpr char kTrafficIdle = '_';

// One mark per entry of a balancer's "seconds".
std::string traffic_strip(const nlohmann::json& seconds);

// The view's lines; each traffic strip shows at most its last `strip_width` seconds.
std::vector<std::string> render_live(const nlohmann::json& live, std::size_t strip_width = 60);

// A short text that changes when anything a watcher cares about changes (experiment and action
// states, alarm states, host counts) and not when only time passes.
std::string live_signature(const nlohmann::json& live);

// One line for logs: "[1m 12s] running | stop1 completed, pause running | alarm OK | hosts 3/3".
std::string live_line(const nlohmann::json& live);

// The whole traffic of each balancer, wrapped `width` marks a line with the offset from the
// first second ("  +0s  ....", "  +60s ....").
std::vector<std::string> traffic_block(const nlohmann::json& live, std::size_t width = 60);

}  // namespace faultbox::report
