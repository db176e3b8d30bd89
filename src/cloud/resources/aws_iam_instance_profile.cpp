// aws_iam_instance_profile: the profile an instance's role comes with. The id is the name.
#include "cloud/resource_handler.h"
#include "cloud/resources/iam_resources.h"
#include "expr/value.h"

namespace faultbox::cloud::resources {

namespace {
Result<expr::Value> put(Cloud& cloud, const stack::ResourceChange& c) {
  ValueReader r(c.config, c.address);
  FAULTBOX_TRY(name, r.string("name", c.name));
  FAULTBOX_TRY(path, r.string("path", "/"));
  FAULTBOX_TRY(role, r.string("role"));
  auto& directory = iam_directory(cloud);
  auto old_name = state_string(c.state, "id");
  if (!old_name.empty() && old_name != name) {
    directory.delete_instance_profile(old_name);
  }
  const auto* profile = directory.put_instance_profile(
      {.name = name,
       .path = path,
       .roles = role.empty() ? std::vector<std::string>{} : std::vector<std::string>{role}});
  return with_computed(c.config, {{"id", expr::Value::string(profile->name)},
                                  {"name", expr::Value::string(profile->name)},
                                  {"arn", expr::Value::string(profile->arn)},
                                  {"unique_id", expr::Value::string(profile->id)}});
}
}  // namespace

ResourceHandler aws_iam_instance_profile() {
  auto handler =
      put_and_destroy("aws_iam_instance_profile", {"name", "role", "path", "tags", "tags_all"},
                      {"id", "arn", "unique_id"}, put,
                      [](Cloud& cloud, const stack::ResourceChange& c) -> Result<void> {
                        iam_directory(cloud).delete_instance_profile(state_string(c.state, "id"));
                        return {};
                      });
  handler.unique_name = iam_unique_name(
      [](const iam::Directory& d, const std::string& name) {
        return d.find_instance_profile(name) != nullptr;
      },
      iam::instance_profile_exists);
  return handler;
}

}  // namespace faultbox::cloud::resources
