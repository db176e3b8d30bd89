// The seed's step03 template (fis-spec §11) and a lab holding its three tagged instances.
#pragma once

#include <nlohmann/json.hpp>

#include "fis/fis_fakes.h"

namespace faultbox::fis::testing {

inline constexpr const char* kRoleArn = "arn:aws:iam::000000000000:role/funky_fis_iam_role";
inline constexpr const char* kAlarmArn =
    "arn:aws:cloudwatch:eu-west-2:000000000000:alarm:funky-elb-alarm";

inline nlohmann::json step03_template_json() {
  return nlohmann::json::parse(R"json({
    "clientToken": "6a1f0c1e-0000-4000-8000-000000000001",
    "description": "Stop step03 EC2 instances",
    "targets": {
      "Instances-Target-1": {
        "resourceType": "aws:ec2:instance",
        "resourceTags": {"Panda": "funky", "Experiment": "step03"},
        "selectionMode": "COUNT(2)"
      }
    },
    "actions": {
      "stop1": {"actionId": "aws:ec2:stop-instances", "parameters": {},
                "targets": {"Instances": "Instances-Target-1"}},
      "pause": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT3M"},
                "startAfter": ["stop1"]},
      "stop2": {"actionId": "aws:ec2:stop-instances", "parameters": {},
                "targets": {"Instances": "Instances-Target-1"}, "startAfter": ["pause"]}
    },
    "stopConditions": [{
      "source": "aws:cloudwatch:alarm",
      "value": "arn:aws:cloudwatch:eu-west-2:000000000000:alarm:funky-elb-alarm"
    }],
    "roleArn": "arn:aws:iam::000000000000:role/funky_fis_iam_role",
    "tags": {"Name": "funky-step03"},
    "experimentOptions": {"accountTargeting": "single-account", "emptyTargetResolutionMode": "fail"}
  })json");
}

// Three running instances in three AZs with the seed's tags, plus another panda's instance.
inline void add_step03_instances(FakeLab& lab) {
  lab.add_instance("i-0000000000000000a", "eu-west-2a",
                   {{"Panda", "funky"}, {"Experiment", "step03"}});
  lab.add_instance("i-0000000000000000b", "eu-west-2b",
                   {{"Panda", "funky"}, {"Experiment", "step03"}});
  lab.add_instance("i-0000000000000000c", "eu-west-2c",
                   {{"Panda", "funky"}, {"Experiment", "step03"}});
  lab.add_instance("i-0000000000000000d", "eu-west-2a",
                   {{"Panda", "other"}, {"Experiment", "step03"}});
  lab.roles.insert(kRoleArn);
  lab.alarms[kAlarmArn] = AlarmState::Ok;
}

}  // namespace faultbox::fis::testing
