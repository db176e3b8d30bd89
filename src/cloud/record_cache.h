// What a kind's records were last built from, so that the lab's saves before its answers build
// and compare only the records whose source changed (a lab of 68 workshop stacks spent most of its
// control thread's time building records that had not changed).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "store/snapshot_writer.h"

namespace faultbox::cloud {

// Per record id, a copy of the value (T, compared with its operator==) the record was last
// built from. body() gives the record's JSON when the value differs from that copy, and
// store::SnapshotWriter::unchanged() when it is equal. So the JSON must be a function of the value
// alone, which a defaulted operator== over every member of T keeps true.
template <class T>
class RecordCache {
 public:
  // Call once per save, before body() for each record that is still there.
  void start_save() { ++save_; }
  // The body of record `id` built from `value` (to_json(value) when it changed).
  template <class ToJson>
  nlohmann::json body(const std::string& id, const T& value, ToJson to_json) {
    auto [it, added] = built_.try_emplace(id, Built{value, save_});
    if (!added && it->second.value == value) {
      it->second.save = save_;
      return store::SnapshotWriter::unchanged();
    }
    if (!added) {
      it->second = Built{value, save_};
    }
    return to_json(value);
  }
  // Call after the save's last body(): forgets the records not given in it (they are gone).
  void finish_save() {
    std::erase_if(built_, [this](const auto& e) { return e.second.save != save_; });
  }
  // The save was not written: every record is built again next time.
  void forget() { built_.clear(); }

 private:
  struct Built {
    T value;
    std::uint64_t save = 0;
  };
  std::map<std::string, Built> built_;
  std::uint64_t save_ = 0;
};

// For a kind whose records all come from state that only its own methods change, each of them
// counting a change: whether it changed since its records were last given to a save.
class ChangeCount {
 public:
  void changed() { ++changes_; }
  // True when a change was counted since the last call that returned true (or ever).
  bool take_unsaved() {
    if (saved_ == changes_) {
      return false;
    }
    saved_ = changes_;
    return true;
  }
  // The records given were not saved: the next take_unsaved() is true.
  void forget() { saved_.reset(); }

 private:
  std::uint64_t changes_ = 0;
  std::optional<std::uint64_t> saved_;
};

}  // namespace faultbox::cloud
