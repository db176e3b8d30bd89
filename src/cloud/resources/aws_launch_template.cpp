// aws_launch_template: what the group's instances boot (user data or the built-in web image).
#include "cloud/launch_templates/launch_templates.h"
#include "cloud/resource_handler.h"
#include "cloud/resources/market_options.h"
#include "cloud/resources/metadata_options.h"
#include "core/arn.h"
#include "core/base64.h"

namespace faultbox::cloud::resources {

namespace {
Result<LaunchTemplate> read(const ValueReader& r, const std::string& address) {
  LaunchTemplate lt;
  FAULTBOX_TRY(name, r.string("name"));
  FAULTBOX_TRY(prefix, r.string("name_prefix"));
  lt.name = name.empty() ? prefix + address : name;
  FAULTBOX_TRY(image, r.string("image_id"));
  FAULTBOX_TRY(type, r.string("instance_type"));
  FAULTBOX_TRY(user_data, r.string("user_data"));
  lt.image_id = image;
  lt.instance_type = type;
  if (!user_data.empty()) {
    auto decoded = base64_decode(user_data);
    if (!decoded) {
      return errors::validation(r.where() +
                                ": user_data must be base64-encoded (use base64encode())");
    }
    lt.user_data = *decoded;
  }
  FAULTBOX_TRY(metadata, metadata_options(r));
  lt.metadata = metadata;
  FAULTBOX_TRY(market, market_options(r));
  lt.market = market;
  for (const auto& spec : r.blocks("tag_specifications")) {
    FAULTBOX_TRY(kind, spec.string("resource_type"));
    FAULTBOX_TRY(tags, spec.string_map("tags"));
    if (kind == "instance") {
      lt.instance_tags.insert(tags.begin(), tags.end());
    }
  }
  return lt;
}

Result<expr::Value> put(Cloud& cloud, const stack::ResourceChange& c) {
  FAULTBOX_TRY(lt, read(ValueReader(c.config, c.address), c.name));
  lt.region = c.region;
  FAULTBOX_TRY(stored, cloud.kind<LaunchTemplates>().put(std::move(lt)));
  auto arn = arn::launch_template(c.region, cloud.options().account_id, stored->id);
  return with_computed(c.config, {{"id", expr::Value::string(stored->id)},
                                  {"name", expr::Value::string(stored->name)},
                                  {"arn", expr::Value::string(arn)},
                                  {"latest_version", expr::Value::number(stored->version)},
                                  {"default_version", expr::Value::number(1)}});
}
}  // namespace

ResourceHandler aws_launch_template() {
  return {
      .type = "aws_launch_template",
      .modelled = {"name", "name_prefix", "image_id", "instance_type", "user_data",
                   "tag_specifications", "tags", "metadata_options", "instance_market_options"},
      .computed = {"id", "arn", "latest_version", "default_version"},
      .schema = {{"vpc_security_group_ids", "set(string)"},
                 {"security_group_names", "set(string)"},
                 {"update_default_version", "bool"}},
      .validate = [](const Cloud&, const ValueReader& r) -> Result<void> {
        FAULTBOX_TRY(lt, read(r, "x"));
        (void)lt;
        return {};
      },
      .create = put,
      .update = put,
      .destroy = [](Cloud& cloud, const stack::ResourceChange& c) -> Result<void> {
        return cloud.kind<LaunchTemplates>().remove(state_string(c.state, "name"));
      },
      .unique_name =
          UniqueName{.attribute = "name",
                     .label_is_default = false,  // name_prefix: a name of AWS's making
                     .held =
                         [](Cloud& cloud, const std::string&, const std::string& name) {
                           return cloud.kind<LaunchTemplates>().find(name);
                         },
                     .already_exists =
                         [](const std::string&) {
                           return Error("InvalidLaunchTemplateName.AlreadyExistsException",
                                        "Launch template name already in use.", 400);
                         }},
  };
}

}  // namespace faultbox::cloud::resources
