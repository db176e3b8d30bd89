// The figures as plain text for the terminal, read from report_json's "figures" object (the
// lab's report route returns it), so any command can print them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace faultbox::report {

// Lines like "  availability     83.94 %", one per figure, each ending in '\n', with a heading
// naming the window. Tolerant: a missing or mistyped member prints as "–".
std::string figures_text(const nlohmann::json& figures);

// "83.94 %" from the figures' availabilityPercent, or "–" without requests.
std::string availability_from_json(const nlohmann::json& figures);

}  // namespace faultbox::report
