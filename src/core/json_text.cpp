#include "core/json_text.h"

#include <fmt/format.h>

#include "core/utf8.h"

namespace faultbox {

namespace {
struct TooDeep {};
}  // namespace

std::string json_text(const nlohmann::json& value, int indent) {
  // NOLINTNEXTLINE: the one call of dump the source rules allow.
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<nlohmann::json> parse_json(std::string_view text, std::string_view what) {
  // The parser itself keeps its nesting on the heap; the callback stops a document before it
  // is deep enough to harm the code that walks it afterwards.
  auto bound = [](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
    if (depth >= kMaxJsonDepth && (event == nlohmann::json::parse_event_t::object_start ||
                                   event == nlohmann::json::parse_event_t::array_start)) {
      throw TooDeep{};
    }
    return true;
  };
  try {
    return Result<nlohmann::json>(boost::system::in_place_value,
                                  nlohmann::json::parse(text.begin(), text.end(), bound));
  } catch (const TooDeep&) {
    return errors::validation(
        fmt::format("{} nests arrays and objects more than {} levels deep", what, kMaxJsonDepth));
  } catch (const nlohmann::json::exception& e) {
    // nlohmann's messages start with "[json.exception.parse_error.101] "; the rest is for people.
    std::string_view message = e.what();
    if (auto tag_end = message.find("] "); tag_end != std::string_view::npos) {
      message.remove_prefix(tag_end + 2);
    }
    return errors::validation(fmt::format("{}: {}", what, to_valid_utf8(message)));
  }
}

}  // namespace faultbox
