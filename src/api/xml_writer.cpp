#include "api/xml_writer.h"

#include <fmt/format.h>

#include "core/markup_escape.h"

namespace faultbox::api {

std::string xml_escape(std::string_view text) { return escape_markup(text, Markup::Xml); }

XmlWriter::XmlWriter(std::string_view root, std::string_view xml_namespace) {
  out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<";
  out_ += root;
  if (!xml_namespace.empty()) {
    out_ += " xmlns=\"" + xml_escape(xml_namespace) + "\"";
  }
  out_ += ">";
  open_.emplace_back(root);
}

void XmlWriter::open(std::string_view name) {
  out_ += "<";
  out_ += name;
  out_ += ">";
  open_.emplace_back(name);
}

void XmlWriter::close() {
  if (open_.empty()) {
    return;
  }
  out_ += "</" + open_.back() + ">";
  open_.pop_back();
}

void XmlWriter::leaf(std::string_view name, std::string_view text) {
  out_ += fmt::format("<{0}>{1}</{0}>", name, xml_escape(text));
}

void XmlWriter::number(std::string_view name, long long value) {
  out_ += fmt::format("<{0}>{1}</{0}>", name, value);
}

void XmlWriter::boolean(std::string_view name, bool value) {
  out_ += fmt::format("<{0}>{1}</{0}>", name, value ? "true" : "false");
}

std::string XmlWriter::finish() {
  while (!open_.empty()) {
    close();
  }
  return std::move(out_);
}

}  // namespace faultbox::api
