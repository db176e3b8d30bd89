// A small XML writer for the query and EC2 protocols: nested elements, escaped text, nothing else.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace faultbox::api {

// Escapes text and attribute values: & < > " ' and control characters other than tab, CR, LF
// (which XML 1.0 cannot carry) become character references or are dropped.
std::string xml_escape(std::string_view text);

class XmlWriter {
 public:
  // Starts the document with <?xml ...?> and the root element (with xmlns when given).
  XmlWriter(std::string_view root, std::string_view xml_namespace = "");

  void open(std::string_view name);
  void close();  // the innermost open element
  // <name>text</name>, escaped.
  void leaf(std::string_view name, std::string_view text);
  void number(std::string_view name, long long value);
  void boolean(std::string_view name, bool value);

  // Closes every open element and returns the document.
  std::string finish();

 private:
  std::string out_;
  std::vector<std::string> open_;
};

}  // namespace faultbox::api
