// Registration of the built-in function families (internal to expr).
#pragma once

#include "expr/function_registry.h"

namespace faultbox::expr {

void register_string_functions(FunctionRegistry& r);
void register_format_functions(FunctionRegistry& r);
void register_regex_functions(FunctionRegistry& r);
void register_collection_functions(FunctionRegistry& r);
void register_sequence_functions(FunctionRegistry& r);
void register_numeric_functions(FunctionRegistry& r);
void register_type_functions(FunctionRegistry& r);
void register_encoding_functions(FunctionRegistry& r);
void register_network_functions(FunctionRegistry& r);
void register_file_functions(FunctionRegistry& r);
void register_digest_functions(FunctionRegistry& r);
void register_yaml_functions(FunctionRegistry& r);
void register_time_functions(FunctionRegistry& r);

}  // namespace faultbox::expr
