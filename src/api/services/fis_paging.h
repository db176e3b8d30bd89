// FIS list paging: maxResults (1..limit) and nextToken over a JSON array, as the List*
// operations take them in the query string.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "api/params.h"
#include "core/result.h"

namespace faultbox::api {

// {"<member>": page, "nextToken": ...}; the token is the index the next page starts at.
// ValidationException for a maxResults out of range or a token this lab did not issue.
Result<nlohmann::json> fis_page(const nlohmann::json& items, const std::string& member,
                                const Params& params, int limit);

}  // namespace faultbox::api
