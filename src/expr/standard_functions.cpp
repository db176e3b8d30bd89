// The standard library: every built-in family in one registry.
#include "expr/functions.h"

namespace faultbox::expr {

FunctionRegistry standard_functions(std::filesystem::path base_dir) {
  FunctionRegistry r(std::move(base_dir));
  register_string_functions(r);
  register_format_functions(r);
  register_regex_functions(r);
  register_collection_functions(r);
  register_sequence_functions(r);
  register_numeric_functions(r);
  register_type_functions(r);
  register_encoding_functions(r);
  register_network_functions(r);
  register_file_functions(r);
  register_digest_functions(r);
  register_yaml_functions(r);
  register_time_functions(r);
  return r;
}

}  // namespace faultbox::expr
