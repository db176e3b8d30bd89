// The lab's own request counters: every request its port answered, by the API that answered it
// and the HTTP status (served as faultbox_lab_requests_total). Control strand only.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace faultbox::lab {

class RequestCounts {
 public:
  // `api`: an AWS service's id ("fis", "ec2"), "unknown" for an AWS service the lab does not
  // implement, "imds" for instance metadata, "lab" for the lab's own routes and console.
  void add(const std::string& api, int status) { ++counts_[{api, status}]; }
  // By (api, status).
  const std::map<std::pair<std::string, int>, std::uint64_t>& all() const { return counts_; }

 private:
  std::map<std::pair<std::string, int>, std::uint64_t> counts_;
};

}  // namespace faultbox::lab
