// JSON responses of the lab API; errors as {"__type": code, "message": text}.
#pragma once

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/json_text.h"
#include "net/http_message.h"

namespace faultbox::lab {

inline net::HttpResponse json_response(int status, const nlohmann::json& body) {
  net::HttpResponse r;
  r.status = status;
  r.body = json_text(body);
  return r;
}

inline net::HttpResponse error_response(const Error& e) {
  return json_response(e.http_status, {{"__type", e.code}, {"message", e.message}});
}

}  // namespace faultbox::lab
