// The fuzz targets' entry point where libFuzzer is not linked (the GCC builds, and so CI): runs
// the target once on every file named, or found in the directories named, and reports how many.
// A crash, a sanitizer report or a hang is the test's failure; no input is expected to be
// rejected or accepted.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void run_on(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t inputs = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path path(argv[i]);
    if (!std::filesystem::exists(path)) {
      std::cerr << path << " does not exist\n";
      return 2;
    }
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(path)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
    } else {
      files.push_back(path);
    }
    for (const auto& file : files) {
      run_on(file);
      ++inputs;
    }
  }
  LLVMFuzzerTestOneInput(nullptr, 0);  // the empty input, always
  std::cout << "ran " << inputs + 1 << " inputs\n";
  return inputs == 0 ? 2 : 0;  // a corpus that is not there must not pass for one
}
