// Where an expression came from: file, line and column, for error messages.
#pragma once

#include <string>

namespace faultbox::expr {

struct SourcePos {
  std::string file;
  int line = 1;
  int column = 1;

  // "main.tf.json:12:5" (or "12:5" without a file name).
  std::string to_string() const {
    std::string where = std::to_string(line) + ":" + std::to_string(column);
    return file.empty() ? where : file + ":" + where;
  }
};

}  // namespace faultbox::expr
