// Registers every action listed in all_actions.def into the built-in registry.
#include <cstdlib>
#include <iostream>

#include "fis/action_registry.h"

namespace faultbox::fis {

namespace actions {
#define FAULTBOX_ACTION(name) ActionSpec name();
#include "fis/actions/all_actions.def"
#undef FAULTBOX_ACTION
}  // namespace actions

const ActionRegistry& builtin_actions() {
  static const ActionRegistry kRegistry = [] {
    ActionRegistry registry;
    for (auto& spec : {
#define FAULTBOX_ACTION(name) actions::name(),
#include "fis/actions/all_actions.def"
#undef FAULTBOX_ACTION
         }) {
      if (auto added = registry.add(spec); !added) {
        // A duplicate id is a build mistake: fail at startup, loudly.
        std::cerr << "fatal: " << added.error().message << "\n";
        std::abort();
      }
    }
    return registry;
  }();
  return kRegistry;
}

}  // namespace faultbox::fis
