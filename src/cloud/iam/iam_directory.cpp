// The IAM directory's record, and the way in for labs saved before it existed: their IAM was
// plain "record" records keyed by Terraform type, read here once into the directory.
#include "cloud/iam/iam_directory.h"

#include "cloud/cloud.h"

namespace faultbox::cloud {

using nlohmann::json;

namespace {
std::string text(const json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : "";
}

// A legacy record's name: stacks that left `name` out kept it only as the id.
std::string name_of(const json& body) {
  auto name = text(body, "name");
  return name.empty() ? text(body, "id") : name;
}

// One legacy record ({"type", "id", "body"}) into the directory; other types are not IAM's.
void read_legacy(iam::Directory& d, const json& record) {
  const std::string type = record.value("type", "");
  const json& b = record.at("body");
  if (type == "aws_iam_role") {
    d.put_role({.name = name_of(b),
                .path = text(b, "path"),
                .trust_policy = text(b, "assume_role_policy"),
                .description = text(b, "description")},
               TimePoint{});
  } else if (type == "aws_iam_policy") {
    d.put_policy({.name = name_of(b),
                  .path = text(b, "path"),
                  .document = text(b, "policy"),
                  .description = text(b, "description")},
                 TimePoint{});
  } else if (type == "aws_iam_role_policy_attachment") {
    (void)d.attach_role_policy(text(b, "role"), text(b, "policy_arn"));
  } else if (type == "aws_iam_policy_attachment" && b.contains("roles") && b["roles"].is_array()) {
    for (const auto& role : b["roles"]) {
      if (role.is_string()) {
        (void)d.attach_role_policy(role.get<std::string>(), text(b, "policy_arn"));
      }
    }
  } else if (type == "aws_iam_role_policy") {
    (void)d.put_role_policy(text(b, "role"), text(b, "name"), text(b, "policy"));
  } else if (type == "aws_iam_instance_profile") {
    auto role = text(b, "role");
    d.put_instance_profile(
        {.name = name_of(b),
         .path = text(b, "path"),
         .roles = role.empty() ? std::vector<std::string>{} : std::vector<std::string>{role}});
  }
}
}  // namespace

IamDirectory::IamDirectory(Cloud& cloud) : directory_(cloud.options().account_id) {}

void IamDirectory::save(Records& out) const {
  out["iam"].emplace_back("directory", directory_.to_json());
}

Result<void> IamDirectory::restore(const Records& saved) {
  for (const auto& [id, body] : records_of(saved, "iam")) {
    FAULTBOX_TRY_VOID(directory_.restore(body));
  }
  // Roles and policies first: attachments and inline policies name them.
  for (bool first_pass : {true, false}) {
    for (const auto& [id, record] : records_of(saved, "record")) {
      auto type = record.value("type", "");
      if ((type == "aws_iam_role" || type == "aws_iam_policy") == first_pass) {
        read_legacy(directory_, record);
      }
    }
  }
  return {};
}

std::unique_ptr<Kind> make_iam_directory(Cloud& cloud) {
  return std::make_unique<IamDirectory>(cloud);
}

}  // namespace faultbox::cloud
