// The Python program that runs one invocation of a python3.x function, as Lambda's runtime
// does: it unpacks the code, loads the handler, sets up Lambda's logging and context, calls the
// handler with the event and writes the result (or Lambda's error shape) to a file.
#pragma once

#include <string_view>

namespace faultbox::cloud {

// The program's text; the lab writes it to <data dir>/lambda/bootstrap.py. Its arguments:
// code.zip, the directory to unpack it to, the handler, the event file and the result file.
std::string_view python_bootstrap();

// The file the program makes beside the result file once the handler's module is imported,
// holding that moment in lab milliseconds: Lambda's Init phase is over and the function's
// timeout runs from there.
inline constexpr std::string_view kInitializedMarker = "initialized";

}  // namespace faultbox::cloud
