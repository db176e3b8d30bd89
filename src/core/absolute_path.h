// One spelling for every way of naming a directory: absolute, normal, no trailing separator.
// Labs are found by their data directory, and instances name their lab by it, so both sides
// must write it alike.
#pragma once

#include <filesystem>
#include <string>

namespace faultbox {

// "lab" -> "<cwd>/lab", "/a/b/../c/" -> "/a/c", "/" -> "/".
std::string absolute_path(const std::filesystem::path& path);

}  // namespace faultbox
