// A Provider for stack tests: records every call, computes id/arn/dns_name, checks ASG sizes.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "stack/provider.h"

namespace faultbox::stack::testing {

class FakeProvider : public Provider {
 public:
  std::vector<std::string> resource_types() const override {
    return {"aws_instance",
            "aws_elb",
            "aws_autoscaling_group",
            "aws_launch_template",
            "aws_cloudwatch_metric_alarm",
            "aws_iam_role"};
  }

  Result<std::vector<std::string>> validate(const ResourceChange& change) const override {
    ++validations;
    if (change.type == "aws_autoscaling_group") {
      const auto* min = change.config.find("min_size");
      const auto* max = change.config.find("max_size");
      if (min && max && min->is_number() && max->is_number() &&
          min->as_number() > max->as_number()) {
        return errors::validation("min_size (" + expr::format_number(min->as_number()) +
                                  ") must not exceed max_size (" +
                                  expr::format_number(max->as_number()) + ")");
      }
    }
    std::vector<std::string> ignored;
    for (const auto& [key, value] : change.config.attributes()) {
      if (key == "ignored_by_fake") {
        ignored.push_back(key);
      }
    }
    return ignored;
  }

  std::vector<std::string> computed_attributes(const std::string& type) const override {
    if (type == "aws_elb") {
      return {"id", "arn", "dns_name"};
    }
    return {"id", "arn"};
  }

  Result<expr::Value> create(const ResourceChange& change) override {
    calls.push_back("create " + change.address);
    if (change.address == fail_on) {
      return errors::internal("simulated failure");
    }
    if (!change.config.is_wholly_known()) {
      return errors::internal("config of " + change.address + " holds unknown values");
    }
    auto attributes = change.config.attributes();
    std::string id = change.type + "-" + std::to_string(++next_id_);
    attributes["id"] = expr::Value::string(id);
    attributes["arn"] =
        expr::Value::string("arn:aws:fake:" + change.region + ":000000000000:" + id);
    if (change.type == "aws_elb") {
      attributes["dns_name"] = expr::Value::string(id + ".elb.localhost");
    }
    live.insert(change.address);
    return expr::Value::object(std::move(attributes));
  }

  Result<expr::Value> update(const ResourceChange& change) override {
    calls.push_back("update " + change.address);
    auto attributes = change.state.attributes();
    for (const auto& [key, value] : change.config.attributes()) {
      attributes[key] = value;
    }
    return expr::Value::object(std::move(attributes));
  }

  Result<void> destroy(const ResourceChange& change) override {
    calls.push_back("destroy " + change.address);
    if (change.address == fail_on) {
      return errors::internal("simulated failure");
    }
    live.erase(change.address);
    return {};
  }

  bool exists(const ResourceChange& change) const override {
    return !deleted_outside.count(change.address);
  }

  bool created_unrecorded(const ResourceChange& change) const override {
    return unrecorded.count(change.address) != 0;
  }

  // Position of "<verb> <address>" in calls, or -1.
  int position(const std::string& call) const {
    for (size_t i = 0; i < calls.size(); ++i) {
      if (calls[i] == call) {
        return static_cast<int>(i);
      }
    }
    return -1;
  }

  std::vector<std::string> calls;
  std::set<std::string> live;
  std::string fail_on;                    // an address whose create/destroy fails
  std::set<std::string> deleted_outside;  // addresses whose resources are gone from the lab
  std::set<std::string> unrecorded;       // addresses a cut-short apply created
  mutable int validations = 0;

 private:
  int next_id_ = 0;
};

}  // namespace faultbox::stack::testing
