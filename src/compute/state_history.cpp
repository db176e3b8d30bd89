// The bounded instance state history and its store form.
#include "compute/state_history.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "core/json_text.h"

namespace faultbox::compute {

using nlohmann::json;

StateHistory::StateHistory(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 1)) {}

void StateHistory::record(StateTransition t) {
  ++changes_;
  items_.push_back(std::move(t));
  trim();
}

void StateHistory::restore(std::vector<StateTransition> saved) {
  ++changes_;
  items_.insert(items_.begin(), std::make_move_iterator(saved.begin()),
                std::make_move_iterator(saved.end()));
  trim();
}

void StateHistory::trim() {
  while (items_.size() > capacity_) {
    items_.pop_front();
  }
}

StateHistory::Window StateHistory::window(TimePoint from, TimePoint to) const {
  Window w;
  std::map<std::string, const StateTransition*> last_before;
  for (const StateTransition& t : items_) {
    if (t.at < from) {
      last_before[t.instance_id] = &t;
    } else if (t.at < to) {
      w.changes.push_back(t);
    }
  }
  for (const auto& [id, t] : last_before) {
    if (t->state != InstanceState::Terminated) {
      w.initial.push_back({from, t->instance_id, t->availability_zone, t->state});
    }
  }
  // A restore puts older changes first, so sort rather than trust the order.
  std::stable_sort(w.changes.begin(), w.changes.end(),
                   [](const StateTransition& a, const StateTransition& b) { return a.at < b.at; });
  return w;
}

std::vector<json> state_history_chunks(const StateHistory& history, std::size_t per_chunk) {
  per_chunk = std::max<std::size_t>(per_chunk, 1);
  std::vector<json> chunks;
  json rows = json::array();
  for (const StateTransition& t : history.all()) {
    rows.push_back(
        {t.at.time_since_epoch().count(), t.instance_id, t.availability_zone, state_name(t.state)});
    if (rows.size() == per_chunk) {
      chunks.push_back({{"transitions", std::move(rows)}});
      rows = json::array();
    }
  }
  if (!rows.empty()) {
    chunks.push_back({{"transitions", std::move(rows)}});
  }
  return chunks;
}

Result<std::vector<StateTransition>> state_history_from_chunk(const json& chunk) {
  if (!chunk.is_object() || !chunk.contains("transitions") || !chunk["transitions"].is_array()) {
    return errors::validation("instance state history: a chunk has no transitions list");
  }
  std::vector<StateTransition> out;
  for (const json& row : chunk["transitions"]) {
    bool shaped = row.is_array() && row.size() == 4 && row[0].is_number_integer() &&
                  row[1].is_string() && row[2].is_string() && row[3].is_string();
    auto state = shaped ? parse_state(row[3].get<std::string>()) : std::nullopt;
    if (!state) {
      return errors::validation("instance state history: malformed entry " + json_text(row));
    }
    out.push_back({TimePoint(Duration(row[0].get<Duration::rep>())), row[1].get<std::string>(),
                   row[2].get<std::string>(), *state});
  }
  return out;
}

}  // namespace faultbox::compute
