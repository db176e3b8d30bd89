// A service of the query or EC2 protocol: the Action parameter picks an operation from a table;
// each operation writes its result elements into the response document.
#pragma once

#include <functional>
#include <map>

#include "api/service.h"
#include "api/xml_writer.h"
#include "core/result.h"

namespace faultbox::api {

// Writes the operation's output members (inside <OpResult> for the query protocol, directly
// under <OpResponse> after <requestId> for EC2). An error replaces the whole response.
using QueryHandler = std::function<Result<void>(Call&, XmlWriter&)>;
using QueryOperations = std::map<std::string, QueryHandler, std::less<>>;

class QueryService : public Service {
 public:
  QueryService(ServiceInfo info, QueryOperations operations)
      : info_(std::move(info)), operations_(std::move(operations)) {}

  const ServiceInfo& info() const override { return info_; }
  bool has_operation(std::string_view operation) const override {
    return operations_.find(operation) != operations_.end();
  }
  net::HttpResponse handle(Call& call) const override;
  std::string action_of(const Call& call) const override {
    return call.params.get("Action").value_or("");
  }

 private:
  ServiceInfo info_;
  QueryOperations operations_;
};

// A parameter the operation needs; MissingParameter (EC2) / ValidationError (query) otherwise.
Result<std::string> required_param(const Call& call, const std::string& name);

}  // namespace faultbox::api
