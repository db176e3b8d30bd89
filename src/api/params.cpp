#include "api/params.h"

#include <algorithm>
#include <charconv>
#include <set>

namespace faultbox::api {

std::optional<std::string> Params::get(std::string_view name) const {
  for (auto it = pairs_.rbegin(); it != pairs_.rend(); ++it) {
    if (it->first == name) {
      return it->second;
    }
  }
  return std::nullopt;
}

std::string Params::get_or(std::string_view name, std::string fallback) const {
  auto v = get(name);
  return v ? *v : std::move(fallback);
}

std::vector<std::string> Params::all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : pairs_) {
    if (k == name) {
      out.push_back(v);
    }
  }
  return out;
}

std::vector<int> Params::indices(std::string_view prefix) const {
  std::set<int> found;
  for (const auto& [k, v] : pairs_) {
    if (k.size() <= prefix.size() + 1 || k.compare(0, prefix.size(), prefix) != 0 ||
        k[prefix.size()] != '.') {
      continue;
    }
    std::string_view rest(k);
    rest.remove_prefix(prefix.size() + 1);
    int n = 0;
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), n);
    if (ec == std::errc() && n > 0 && (end == rest.data() + rest.size() || *end == '.')) {
      found.insert(n);
    }
  }
  return {found.begin(), found.end()};
}

std::vector<std::string> Params::list(std::string_view prefix) const {
  std::vector<std::string> out;
  for (int n : indices(prefix)) {
    if (auto v = get(std::string(prefix) + "." + std::to_string(n))) {
      out.push_back(*v);
    }
  }
  return out;
}

Params parse_params(std::string_view text) {
  Params out;
  while (!text.empty()) {
    auto amp = text.find('&');
    auto pair = text.substr(0, amp);
    if (!pair.empty()) {
      auto eq = pair.find('=');
      if (eq == std::string_view::npos) {
        out.add(net::url_decode(pair), "");
      } else {
        out.add(net::url_decode(pair.substr(0, eq)), net::url_decode(pair.substr(eq + 1)));
      }
    }
    if (amp == std::string_view::npos) {
      break;
    }
    text.remove_prefix(amp + 1);
  }
  return out;
}

Params request_params(const net::HttpRequest& request) {
  auto out = parse_params(request.query());
  auto type = net::to_lower(request.header("content-type").value_or(""));
  if (type.find("application/x-www-form-urlencoded") != std::string::npos) {
    auto form = parse_params(request.body);
    for (const auto& [k, v] : form.pairs()) {
      out.add(k, v);
    }
  }
  return out;
}

}  // namespace faultbox::api
