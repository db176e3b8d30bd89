#include "api/wire_codecs.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

#include "core/iso8601.h"
#include "core/json_text.h"
#include "core/utf8.h"

namespace faultbox::api {

namespace {
using nlohmann::json;

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string> split_dots(const std::string& key) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    auto dot = key.find('.', start);
    out.push_back(key.substr(start, dot - start));
    if (dot == std::string::npos) {
      return out;
    }
    start = dot + 1;
  }
}

// Turns {"member": {"1": a, "2": b}} into [a, b] and {"entry": {"1": {key, value}}} into a map,
// bottom up.
json finish_tree(json node) {
  if (!node.is_object()) {
    return node;
  }
  for (auto& [k, v] : node.items()) {
    v = finish_tree(std::move(v));
  }
  auto indexed = [](const json& items) {
    std::vector<std::pair<long, json>> out;
    for (const auto& [k, v] : items.items()) {
      out.emplace_back(std::stol(k), v);
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
  };
  auto numbered = [](const json& items) {
    if (!items.is_object() || items.empty()) {
      return false;
    }
    for (const auto& [k, v] : items.items()) {
      if (!all_digits(k) || k.size() > 9) {
        return false;
      }
    }
    return true;
  };
  if (node.size() == 1 && node.contains("member") && numbered(node["member"])) {
    json list = json::array();
    for (auto& [n, v] : indexed(node["member"])) {
      list.push_back(std::move(v));
    }
    return list;
  }
  if (node.size() == 1 && node.contains("entry") && numbered(node["entry"])) {
    json map = json::object();
    for (auto& [n, v] : indexed(node["entry"])) {
      if (v.is_object() && v.contains("key") && v["key"].is_string()) {
        map[v["key"].get<std::string>()] = v.contains("value") ? v["value"] : json("");
      }
    }
    return map;
  }
  return node;
}

std::string number_text(const json& v) {
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) {
      return fmt::format("{:.1f}", d);  // "5.0", as AWS prints doubles
    }
    return fmt::format("{}", d);
  }
  return json_text(v);
}

json convert_time(const json& v) {
  if (v.is_string()) {
    if (auto t = instant_from_json(v)) {
      return static_cast<double>(t->time_since_epoch().count()) / 1000.0;
    }
  }
  return v;
}

// CBOR writer: definite lengths, shortest integer heads, doubles as float64.
class CborOut {
 public:
  explicit CborOut(const TimestampMembers& members) : members_(members) {}

  void value(const json& v, bool timestamp = false) {
    switch (v.type()) {
      case json::value_t::null:
      case json::value_t::discarded:
        out_ += static_cast<char>(0xf6);
        return;
      case json::value_t::boolean:
        out_ += static_cast<char>(v.get<bool>() ? 0xf5 : 0xf4);
        return;
      case json::value_t::number_integer:
      case json::value_t::number_unsigned:
      case json::value_t::number_float:
        if (timestamp) {
          out_ += static_cast<char>(0xc1);  // tag 1: epoch-based date/time
        }
        number(v);
        return;
      case json::value_t::string: {
        const auto& s = v.get_ref<const std::string&>();
        head(3, s.size());
        out_ += s;
        return;
      }
      case json::value_t::binary: {
        const auto& b = v.get_binary();
        head(2, b.size());
        out_.append(b.begin(), b.end());
        return;
      }
      case json::value_t::array:
        head(4, v.size());
        for (const auto& item : v) {
          value(item, timestamp);
        }
        return;
      case json::value_t::object:
        head(5, v.size());
        for (const auto& [k, item] : v.items()) {
          head(3, k.size());
          out_ += k;
          value(item, members_.count(k) > 0);
        }
        return;
    }
  }

  std::string take() { return std::move(out_); }

 private:
  void head(int major, std::uint64_t n) {
    auto type = static_cast<std::uint8_t>(major << 5);
    if (n < 24) {
      out_ += static_cast<char>(type | n);
    } else if (n <= 0xff) {
      out_ += static_cast<char>(type | 24);
      big_endian(n, 1);
    } else if (n <= 0xffff) {
      out_ += static_cast<char>(type | 25);
      big_endian(n, 2);
    } else if (n <= 0xffffffffULL) {
      out_ += static_cast<char>(type | 26);
      big_endian(n, 4);
    } else {
      out_ += static_cast<char>(type | 27);
      big_endian(n, 8);
    }
  }

  void big_endian(std::uint64_t n, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) {
      out_ += static_cast<char>((n >> (8 * i)) & 0xff);
    }
  }

  void number(const json& v) {
    if (v.is_number_unsigned()) {
      head(0, v.get<std::uint64_t>());
    } else if (v.is_number_integer()) {
      auto n = v.get<std::int64_t>();
      if (n >= 0) {
        head(0, static_cast<std::uint64_t>(n));
      } else {
        head(1, static_cast<std::uint64_t>(-1 - n));
      }
    } else {
      double d = v.get<double>();
      std::uint64_t bits = 0;
      std::memcpy(&bits, &d, sizeof bits);
      out_ += static_cast<char>(0xfb);
      big_endian(bits, 8);
    }
  }

  const TimestampMembers& members_;
  std::string out_;
};

// CBOR reader (RFC 8949) into JSON: tags are dropped (tag 1 leaves its epoch seconds; nlohmann's
// own reader rejects tags 0-5), byte strings become binary values, undefined becomes null.
class CborIn {
 public:
  explicit CborIn(std::string_view data) : data_(data) {}

  bool at_end() const { return at_ == data_.size(); }
  const std::string& problem() const { return problem_; }

  std::optional<json> item(int depth) {
    if (depth > 64) {
      return fail("nested too deeply");
    }
    if (at_end()) {
      return fail("it ends early");
    }
    auto initial = static_cast<std::uint8_t>(data_[at_++]);
    int major = initial >> 5;
    int info = initial & 0x1f;
    if (major == 7) {
      return simple(info);
    }
    if (info == 31) {
      return indefinite(major, depth);
    }
    auto n = argument(info);
    if (!n) {
      return std::nullopt;
    }
    switch (major) {
      case 0:
        return json(*n);
      case 1:
        return json(-1 - static_cast<std::int64_t>(*n));
      case 2:
      case 3: {
        if (*n > data_.size() - at_) {
          return fail("a string runs past the end");
        }
        auto text = data_.substr(at_, *n);
        at_ += *n;
        if (major == 3) {
          if (!is_valid_utf8(text)) {  // RFC 8949: a text string is UTF-8
            return fail("a text string that is not UTF-8 (" + describe_invalid_utf8(text) + ")");
          }
          return json(std::string(text));
        }
        return json::binary(std::vector<std::uint8_t>(text.begin(), text.end()));
      }
      case 4: {
        json list = json::array();
        for (std::uint64_t k = 0; k < *n; ++k) {
          auto v = item(depth + 1);
          if (!v) {
            return std::nullopt;
          }
          list.push_back(std::move(*v));
        }
        return list;
      }
      case 5: {
        json map = json::object();
        for (std::uint64_t k = 0; k < *n; ++k) {
          if (!entry(map, depth)) {
            return std::nullopt;
          }
        }
        return map;
      }
      default:  // 6: a tag; its item stands for itself
        return item(depth + 1);
    }
  }

 private:
  std::nullopt_t fail(std::string why) {
    if (problem_.empty()) {
      problem_ = std::move(why) + " (byte " + std::to_string(at_) + ")";
    }
    return std::nullopt;
  }

  std::optional<std::uint64_t> bytes(int count) {
    if (static_cast<std::size_t>(count) > data_.size() - at_) {
      fail("a number runs past the end");
      return std::nullopt;
    }
    std::uint64_t n = 0;
    for (int i = 0; i < count; ++i) {
      n = (n << 8) | static_cast<std::uint8_t>(data_[at_++]);
    }
    return n;
  }

  std::optional<std::uint64_t> argument(int info) {
    if (info < 24) {
      return static_cast<std::uint64_t>(info);
    }
    if (info <= 27) {
      return bytes(1 << (info - 24));
    }
    fail("a reserved length");
    return std::nullopt;
  }

  bool entry(json& map, int depth) {
    auto key = item(depth + 1);
    if (!key) {
      return false;
    }
    if (!key->is_string()) {
      fail("a map key is not a text string");
      return false;
    }
    auto value = item(depth + 1);
    if (!value) {
      return false;
    }
    map[key->get<std::string>()] = std::move(*value);
    return true;
  }

  bool next_is_break() {
    if (at_end()) {
      fail("an indefinite item never ends");
      return true;
    }
    if (static_cast<std::uint8_t>(data_[at_]) == 0xff) {
      ++at_;
      return true;
    }
    return false;
  }

  std::optional<json> indefinite(int major, int depth) {
    if (major == 2 || major == 3) {  // chunks of the same major type
      std::string text;
      while (!next_is_break()) {
        auto chunk = item(depth + 1);
        if (!chunk || !(chunk->is_string() || chunk->is_binary())) {
          return fail("a bad string chunk");
        }
        if (chunk->is_string()) {
          text += chunk->get<std::string>();
        } else {
          text.append(chunk->get_binary().begin(), chunk->get_binary().end());
        }
      }
      if (!problem_.empty()) {
        return std::nullopt;
      }
      return major == 3 ? json(text)
                        : json::binary(std::vector<std::uint8_t>(text.begin(), text.end()));
    }
    json out = major == 4 ? json::array() : json::object();
    if (major != 4 && major != 5) {
      return fail("an indefinite length on a number or tag");
    }
    while (!next_is_break()) {
      if (major == 4) {
        auto v = item(depth + 1);
        if (!v) {
          return std::nullopt;
        }
        out.push_back(std::move(*v));
      } else if (!entry(out, depth)) {
        return std::nullopt;
      }
    }
    if (!problem_.empty()) {
      return std::nullopt;
    }
    return out;
  }

  std::optional<json> simple(int info) {
    switch (info) {
      case 20:
        return json(false);
      case 21:
        return json(true);
      case 22:
      case 23:
        return json(nullptr);
      case 25: {  // half precision
        auto h = bytes(2);
        if (!h) {
          return std::nullopt;
        }
        int exp = (*h >> 10) & 0x1f;
        double mant = static_cast<double>(*h & 0x3ff);
        double v = exp == 0    ? std::ldexp(mant, -24)
                   : exp == 31 ? (mant == 0 ? INFINITY : NAN)
                               : std::ldexp(mant + 1024, exp - 25);
        return json((*h & 0x8000) ? -v : v);
      }
      case 26: {
        auto b = bytes(4);
        if (!b) {
          return std::nullopt;
        }
        auto bits = static_cast<std::uint32_t>(*b);
        float f = 0;
        std::memcpy(&f, &bits, sizeof f);
        return json(static_cast<double>(f));
      }
      case 27: {
        auto b = bytes(8);
        if (!b) {
          return std::nullopt;
        }
        double d = 0;
        std::memcpy(&d, &*b, sizeof d);
        return json(d);
      }
      default:
        return fail("an unsupported simple value");
    }
  }

  std::string_view data_;
  std::size_t at_ = 0;
  std::string problem_;
};
}  // namespace

json query_input(const Params& params) {
  json tree = json::object();
  for (const auto& [key, value] : params.pairs()) {
    if (key == "Action" || key == "Version" || key.empty()) {
      continue;
    }
    json* node = &tree;
    auto parts = split_dots(key);
    bool ok = true;
    for (size_t i = 0; i + 1 < parts.size() && ok; ++i) {
      auto& next = (*node)[parts[i]];
      if (next.is_null()) {
        next = json::object();
      }
      ok = next.is_object();  // "X=v" and "X.Y=w" together: the nested form loses
      node = &next;
    }
    if (ok && node->is_object()) {
      auto& leaf = (*node)[parts.back()];
      if (!leaf.is_object()) {
        leaf = value;
      }
    }
  }
  return finish_tree(std::move(tree));
}

void write_xml_members(XmlWriter& w, const json& object) {
  if (!object.is_object()) {
    return;
  }
  auto write_value = [&w](const std::string& name, const json& v, auto& self) -> void {
    if (v.is_null()) {
      return;
    }
    if (v.is_object()) {
      w.open(name);
      write_xml_members(w, v);
      w.close();
    } else if (v.is_array()) {
      w.open(name);
      for (const auto& item : v) {
        self("member", item, self);
      }
      w.close();
    } else if (v.is_string()) {
      w.leaf(name, v.get_ref<const std::string&>());
    } else if (v.is_boolean()) {
      w.boolean(name, v.get<bool>());
    } else if (v.is_number()) {
      w.leaf(name, number_text(v));
    }
  };
  for (const auto& [k, v] : object.items()) {
    write_value(k, v, write_value);
  }
}

json epoch_timestamps(const json& output, const TimestampMembers& members) {
  if (output.is_array()) {
    json out = json::array();
    for (const auto& item : output) {
      out.push_back(epoch_timestamps(item, members));
    }
    return out;
  }
  if (!output.is_object()) {
    return output;
  }
  json out = json::object();
  for (const auto& [k, v] : output.items()) {
    if (members.count(k) > 0) {
      if (v.is_array()) {
        json list = json::array();
        for (const auto& item : v) {
          list.push_back(convert_time(item));
        }
        out[k] = std::move(list);
      } else {
        out[k] = convert_time(v);
      }
    } else {
      out[k] = epoch_timestamps(v, members);
    }
  }
  return out;
}

std::string to_cbor(const json& value, const TimestampMembers& members) {
  CborOut out(members);
  out.value(value);
  return out.take();
}

Result<json> from_cbor(std::string_view body) {
  if (body.empty()) {
    return json::object();
  }
  CborIn in(body);
  auto value = in.item(0);
  if (!value || !in.at_end()) {
    return Error{"SerializationException",
                 "The CBOR body is malformed" +
                     (in.problem().empty() ? std::string(".") : ": " + in.problem() + "."),
                 400};
  }
  if (!value->is_object()) {
    return Error{"SerializationException", "The CBOR body is not a map of the input's members.",
                 400};
  }
  return std::move(*value);
}

}  // namespace faultbox::api
