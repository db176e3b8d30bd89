# FAULTBOX_PCH: the standard, fmt, nlohmann-json and Boost.System headers that most of the tree's
# files include, parsed once (in faultbox_core) and reused by every module and the CLI.
function(faultbox_common_header target)
  if(NOT FAULTBOX_PCH)
    return()
  endif()
  if(target STREQUAL faultbox_core)
    # One set of flags for the header and its users: RE2's pkg-config flags bring -pthread into
    # every module above core, and a header built without it is refused ("_REENTRANT").
    target_compile_options(faultbox_core PUBLIC -pthread)
    target_precompile_headers(faultbox_core PRIVATE
      <algorithm> <chrono> <filesystem> <functional> <map> <memory> <optional> <string>
      <string_view> <vector> <fmt/format.h> <nlohmann/json.hpp> "${PROJECT_SOURCE_DIR}/src/core/result.h")
  else()
    target_precompile_headers(${target} REUSE_FROM faultbox_core)
  endif()
endfunction()
