// The documents the lab's SSM has (documents/all_documents.def), and SendCommand's checks of a
// document's parameters.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "ssm/document.h"

namespace faultbox::ssm {

// Every document, by name.
const std::vector<Document>& documents();

// The document a SendCommand names: its name or its ARN (arn:aws:ssm:<region>::document/<name>).
// Errors: InvalidDocument naming it.
Result<const Document*> find_document(std::string_view name_or_arn);

// The parameters with defaults filled in. Errors: InvalidParameters naming an unknown parameter,
// a missing required one, a list given to a String, or a value the document does not allow.
Result<ParameterValues> checked_parameters(const Document& document, ParameterValues given);

// Every document as a form builds fields from it: {"documents": [{name, arn (in `region`),
// description, parameters: [{name, type, required, default, allowedValues, description}]}]}.
nlohmann::json documents_json(std::string_view region);

}  // namespace faultbox::ssm
