// The catalogue of documents and the parameter checks SendCommand makes before it sends one.
#include "ssm/document_catalog.h"

#include <regex>

namespace faultbox::ssm {

namespace document_files {
#define FAULTBOX_SSM_DOCUMENT(name) Document name();
#include "ssm/documents/all_documents.def"
#undef FAULTBOX_SSM_DOCUMENT
}  // namespace document_files

namespace {

Error invalid_parameters(std::string message) {
  return Error{"InvalidParameters", std::move(message), 400};
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

Result<void> check_value(const ParameterSpec& spec, const std::string& value) {
  if (!spec.allowed_values.empty() &&
      std::find(spec.allowed_values.begin(), spec.allowed_values.end(), value) ==
          spec.allowed_values.end()) {
    return invalid_parameters("Parameter \"" + spec.name + "\" has value \"" + value +
                              "\" not in its allowed values: " + joined(spec.allowed_values) + ".");
  }
  if (!spec.allowed_pattern.empty() &&
      !std::regex_match(value, std::regex(spec.allowed_pattern, std::regex::ECMAScript))) {
    return invalid_parameters("Parameter \"" + spec.name + "\" has value \"" + value +
                              "\" not matching the regex pattern " + spec.allowed_pattern + ".");
  }
  return {};
}

}  // namespace

const std::vector<Document>& documents() {
  static const std::vector<Document> all{
#define FAULTBOX_SSM_DOCUMENT(name) document_files::name(),
#include "ssm/documents/all_documents.def"
#undef FAULTBOX_SSM_DOCUMENT
  };
  return all;
}

Result<const Document*> find_document(std::string_view name_or_arn) {
  std::string_view name = name_or_arn;
  if (name.rfind("arn:", 0) == 0) {
    auto slash = name.find(":document/");
    name = slash == std::string_view::npos ? std::string_view{} : name.substr(slash + 10);
  }
  for (const auto& d : documents()) {
    if (d.name == name) return &d;
  }
  return Error{"InvalidDocument",
               "Document " + std::string(name_or_arn) +
                   " does not exist in the lab (it has AWS-RunShellScript and the AWSFIS-Run-* "
                   "documents `faultbox actions` lists).",
               400};
}

Result<ParameterValues> checked_parameters(const Document& document, ParameterValues given) {
  for (const auto& [name, values] : given) {
    const auto* spec = document.parameter(name);
    if (spec == nullptr) {
      return invalid_parameters("Parameter \"" + name + "\" is not defined in document " +
                                document.name + ".");
    }
    if (spec->type == ParameterType::String && values.size() != 1) {
      return invalid_parameters("Parameter \"" + name + "\" of document " + document.name +
                                " takes one value, not " + std::to_string(values.size()) + ".");
    }
    for (const auto& value : values) {
      FAULTBOX_TRY_VOID(check_value(*spec, value));
    }
  }
  for (const auto& spec : document.parameters) {
    if (given.count(spec.name) != 0) continue;
    if (spec.required) {
      return invalid_parameters("Parameter \"" + spec.name + "\" of document " + document.name +
                                " is required but was not provided.");
    }
    given[spec.name] = spec.fallback;
  }
  return given;
}

nlohmann::json documents_json(std::string_view region) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : documents()) {
    nlohmann::json parameters = nlohmann::json::array();
    for (const auto& p : d.parameters) {
      nlohmann::json fallback = p.type == ParameterType::StringList ? nlohmann::json(p.fallback)
                                : p.fallback.empty()                ? nlohmann::json("")
                                                     : nlohmann::json(p.fallback.front());
      parameters.push_back({{"name", p.name},
                            {"type", p.type == ParameterType::StringList ? "StringList" : "String"},
                            {"required", p.required},
                            {"default", fallback},
                            {"allowedValues", p.allowed_values},
                            {"description", p.description}});
    }
    out.push_back({{"name", d.name},
                   {"arn", "arn:aws:ssm:" + std::string(region) + "::document/" + d.name},
                   {"description", d.description},
                   {"parameters", parameters}});
  }
  return {{"documents", out}};
}

}  // namespace faultbox::ssm
