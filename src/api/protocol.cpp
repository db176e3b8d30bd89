#include "api/protocol.h"

#include <fmt/format.h>

#include <random>

#include "api/xml_writer.h"
#include "core/json_text.h"

namespace faultbox::api {

Error not_implemented(const ServiceInfo& service, std::string_view operation) {
  return Error{"NotImplemented",
               fmt::format("The {} operation {} is not implemented by faultbox.", service.title,
                           operation.empty() ? std::string_view("(none named)") : operation),
               501};
}

net::HttpResponse json_body(const nlohmann::json& body, const std::string& request_id, int status) {
  net::HttpResponse r;
  r.status = status;
  r.content_type = "application/json";
  r.headers["x-amzn-RequestId"] = request_id;
  r.body = json_text(body);
  return r;
}

net::HttpResponse xml_body(std::string document, const std::string& request_id) {
  net::HttpResponse r;
  r.content_type = "text/xml";
  r.headers["x-amzn-RequestId"] = request_id;
  r.body = std::move(document);
  return r;
}

net::HttpResponse error_response(const ServiceInfo& service, const Error& e,
                                 const std::string& request_id) {
  net::HttpResponse r;
  switch (service.protocol) {
    case Protocol::RestJson:
      r = json_body({{"message", e.message}}, request_id, e.http_status);
      r.headers["x-amzn-ErrorType"] = e.code;
      return r;
    case Protocol::Json:
    case Protocol::RpcV2Cbor:
      r = json_body({{"__type", e.code}, {"message", e.message}}, request_id, e.http_status);
      r.content_type = "application/x-amz-json-1.1";
      r.headers["x-amzn-ErrorType"] = e.code;
      return r;
    case Protocol::RestXml: {
      XmlWriter w("Error");
      w.leaf("Code", e.code);
      w.leaf("Message", e.message);
      w.leaf("RequestId", request_id);
      r = xml_body(w.finish(), request_id);
      r.content_type = "application/xml";
      r.status = e.http_status;
      return r;
    }
    case Protocol::Ec2: {
      XmlWriter w("Response");
      w.open("Errors");
      w.open("Error");
      w.leaf("Code", e.code);
      w.leaf("Message", e.message);
      w.close();
      w.close();
      w.leaf("RequestID", request_id);
      r = xml_body(w.finish(), request_id);
      // EC2 answers every client error with 400.
      r.status = e.http_status >= 500 ? e.http_status : 400;
      return r;
    }
    case Protocol::Query: {
      XmlWriter w("ErrorResponse", service.xml_namespace);
      w.open("Error");
      w.leaf("Type", e.http_status >= 500 ? "Receiver" : "Sender");
      w.leaf("Code", e.code);
      w.leaf("Message", e.message);
      w.close();
      w.leaf("RequestId", request_id);
      r = xml_body(w.finish(), request_id);
      r.status = e.http_status;
      return r;
    }
  }
  return r;
}

std::string new_request_id() {
  // Control strand only, so one generator suffices.
  static std::mt19937_64 rng(std::random_device{}());
  auto a = rng();
  auto b = rng();
  return fmt::format("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xfff,
                     0x8000 | (b >> 48 & 0x3fff), b & 0xffffffffffffULL);
}

}  // namespace faultbox::api
