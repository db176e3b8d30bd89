// Systems Manager (json 1.1, X-Amz-Target AmazonSSM.<Op>): Run Command to the agents on the
// lab's instances (cloud/ssm/ssm_commands.h) and the instances whose agent is online.
#include <fmt/format.h>

#include "api/operation_service.h"
#include "api/services/all_services.h"
#include "cloud/cloud.h"
#include "cloud/ssm/ssm_commands.h"
#include "compute/instance_manager.h"
#include "core/iso8601.h"
#include "core/page_token.h"

namespace faultbox::api {

namespace {
using nlohmann::json;

cloud::SsmCommands& commands(Call& call) { return call.cloud.kind<cloud::SsmCommands>(); }

Error invalid_parameters(std::string message) {
  return Error{"InvalidParameters", std::move(message), 400};
}

// Parameters: {"name": ["value", ...]}; a lone string is taken as a one-item list.
Result<ssm::ParameterValues> parameters_of(const Input& in) {
  ssm::ParameterValues out;
  const auto& members = in.members();
  auto it = members.find("Parameters");
  if (it == members.end() || it->is_null()) return out;
  if (!it->is_object()) return invalid_parameters("Parameters must be a map of lists of strings.");
  for (const auto& [name, values] : it->items()) {
    auto& list = out[name];
    for (const auto& v : values.is_array() ? values : json::array({values})) {
      if (!v.is_string()) {
        return invalid_parameters("Parameter \"" + name + "\" must be a list of strings.");
      }
      list.push_back(v.get<std::string>());
    }
  }
  return out;
}

// InstanceIds, or Targets by InstanceIds or tag:<key> (running instances of the region).
Result<std::vector<std::string>> instance_ids_of(Call& call, const Input& in) {
  FAULTBOX_TRY(ids, in.strings("InstanceIds"));
  FAULTBOX_TRY(targets, in.structures("Targets"));
  if (!ids.empty() && !targets.empty()) {
    return invalid_parameters("Specify InstanceIds or Targets, not both.");
  }
  for (const auto& target : targets) {
    FAULTBOX_TRY(key, target.string("Key", true));
    FAULTBOX_TRY(values, target.strings("Values"));
    if (key == "InstanceIds") {
      ids.insert(ids.end(), values.begin(), values.end());
      continue;
    }
    if (key.rfind("tag:", 0) != 0) {
      return invalid_parameters("Target key " + key +
                                " is not supported by the lab (InstanceIds, tag:<key>).");
    }
    for (const auto* i : call.cloud.instances().list()) {
      auto tag = i->tags.find(key.substr(4));
      if (i->region == call.region && i->state == compute::InstanceState::Running &&
          tag != i->tags.end() &&
          std::find(values.begin(), values.end(), tag->second) != values.end()) {
        ids.push_back(i->id);
      }
    }
  }
  return ids;
}

json parameters_json(const ssm::ParameterValues& values) {
  json out = json::object();
  for (const auto& [name, list] : values) out[name] = list;
  return out;
}

json command_json(const ssm::Command& c) {
  json ids = json::array();
  for (const auto& i : c.invocations) ids.push_back(i.instance_id);
  return {{"CommandId", c.id},
          {"DocumentName", c.document_name},
          {"DocumentVersion", "1"},
          {"Comment", c.comment},
          {"ExpiresAfter",
           format_iso8601(c.requested + std::chrono::seconds(c.delivery_timeout_seconds))},
          {"Parameters", parameters_json(c.parameters)},
          {"InstanceIds", ids},
          {"Targets", json::array()},
          {"RequestedDateTime", format_iso8601(c.requested)},
          {"Status", to_string(c.status())},
          {"StatusDetails", c.status_details()},
          {"MaxConcurrency", "50"},
          {"MaxErrors", "0"},
          {"TargetCount", c.invocations.size()},
          {"CompletedCount", c.completed_count()},
          {"ErrorCount", c.error_count()},
          {"DeliveryTimedOutCount", c.delivery_timed_out_count()},
          {"TimeoutSeconds", c.delivery_timeout_seconds},
          {"CloudWatchOutputConfig", {{"CloudWatchOutputEnabled", false}}}};
}

std::string instance_name(Call& call, const std::string& id) {
  const auto* i = call.cloud.instances().find(id);
  return i != nullptr ? i->private_dns_name() : "";
}

// One page of `items` from the NextToken's key on. Keys must be unique and in order.
template <class T, class Key>
Result<std::vector<T>> page_of(const std::vector<T>& items, Key key, const Input& in, long long max,
                               json& out) {
  FAULTBOX_TRY(limit, in.integer("MaxResults"));
  FAULTBOX_TRY(token, in.string("NextToken"));
  const auto n = limit.value_or(max);
  if (n < 1 || n > max) {
    return in.invalid(fmt::format("MaxResults must be from 1 to {}.", max));
  }
  std::size_t begin = 0;
  if (!token.empty()) {
    auto start = read_page_token(token);
    if (!start) return Error{"InvalidNextToken", "The specified token is not valid.", 400};
    while (begin < items.size() && key(items[begin]) < *start) ++begin;
  }
  const auto end = std::min(items.size(), begin + static_cast<std::size_t>(n));
  if (end < items.size()) out["NextToken"] = make_page_token(key(items[end]));
  return std::vector<T>(items.begin() + static_cast<std::ptrdiff_t>(begin),
                        items.begin() + static_cast<std::ptrdiff_t>(end));
}

Result<json> send_command(Call& call, const Input& in) {
  FAULTBOX_TRY(document, in.string("DocumentName", true));
  FAULTBOX_TRY(parameters, parameters_of(in));
  FAULTBOX_TRY(ids, instance_ids_of(call, in));
  FAULTBOX_TRY(comment, in.string("Comment"));
  FAULTBOX_TRY(timeout, in.integer("TimeoutSeconds"));
  if (timeout && (*timeout < 30 || *timeout > 2'592'000)) {
    return in.invalid("TimeoutSeconds must be from 30 to 2592000.");
  }
  FAULTBOX_TRY(command, commands(call).send({call.region, document, std::move(parameters),
                                             std::move(ids), comment, timeout.value_or(3600)}));
  return json{{"Command", command_json(*command)}};
}

Result<const ssm::Command*> command_of(Call& call, const std::string& id) {
  const auto* c = commands(call).find(id);
  if (c == nullptr || c->region != call.region) {
    return Error{"InvalidCommandId", "Command " + id + " does not exist.", 400};
  }
  return c;
}

Result<json> get_command_invocation(Call& call, const Input& in) {
  FAULTBOX_TRY(id, in.string("CommandId", true));
  FAULTBOX_TRY(instance_id, in.string("InstanceId", true));
  FAULTBOX_TRY(plugin, in.string("PluginName"));
  const auto* c = commands(call).find(id);
  const auto* i = c != nullptr && c->region == call.region ? c->invocation(instance_id) : nullptr;
  if (i == nullptr || (!plugin.empty() && plugin != c->plugin)) {
    return Error{"InvocationDoesNotExist",
                 "The command " + id + " has no invocation on instance " + instance_id +
                     (plugin.empty() ? "" : " with plugin " + plugin),
                 400};
  }
  auto elapsed = i->started && i->finished ? *i->finished - *i->started : Duration(0);
  return json{{"CommandId", c->id},
              {"InstanceId", i->instance_id},
              {"Comment", c->comment},
              {"DocumentName", c->document_name},
              {"DocumentVersion", "1"},
              {"PluginName", c->plugin},
              {"ResponseCode", i->response_code},
              {"ExecutionStartDateTime", i->started ? format_iso8601(*i->started) : ""},
              {"ExecutionElapsedTime",
               fmt::format("PT{:.3f}S", static_cast<double>(elapsed.count()) / 1000)},
              {"ExecutionEndDateTime", i->finished ? format_iso8601(*i->finished) : ""},
              {"Status", to_string(i->status)},
              {"StatusDetails", i->status_details},
              {"StandardOutputContent", i->output},
              {"StandardOutputUrl", ""},
              {"StandardErrorContent", i->errors},
              {"StandardErrorUrl", ""},
              {"CloudWatchOutputConfig", {{"CloudWatchOutputEnabled", false}}}};
}

Result<std::vector<const ssm::Command*>> listed_commands(Call& call, const Input& in) {
  FAULTBOX_TRY(id, in.string("CommandId"));
  FAULTBOX_TRY(instance_id, in.string("InstanceId"));
  FAULTBOX_TRY(filters, in.structures("Filters"));
  std::vector<std::pair<std::string, std::string>> wanted;
  for (const auto& f : filters) {
    FAULTBOX_TRY(key, f.string("key", true));
    FAULTBOX_TRY(value, f.string("value", true));
    if (key != "Status" && key != "DocumentName") {
      return Error{"InvalidFilterKey",
                   "Filter key " + key + " is not supported by the lab (Status, DocumentName).",
                   400};
    }
    wanted.emplace_back(key, value);
  }
  if (!id.empty()) FAULTBOX_TRY_VOID(command_of(call, id));
  std::vector<const ssm::Command*> out;
  for (const auto* c : commands(call).list(call.region)) {
    bool keep = (id.empty() || c->id == id) &&
                (instance_id.empty() || c->invocation(instance_id) != nullptr);
    for (const auto& [key, value] : wanted) {
      keep &= (key == "Status" ? to_string(c->status()) : c->document_name) == value;
    }
    if (keep) out.push_back(c);
  }
  // Newest first, as SSM lists them; keyed by request time and id for the page tokens.
  std::reverse(out.begin(), out.end());
  return out;
}

std::string list_key(const ssm::Command* c) {
  return fmt::format("{:020}", std::numeric_limits<long long>::max() -
                                   c->requested.time_since_epoch().count()) +
         c->id;
}

Result<json> list_commands(Call& call, const Input& in) {
  FAULTBOX_TRY(listed, listed_commands(call, in));
  json out{{"Commands", json::array()}};
  FAULTBOX_TRY(page, page_of(listed, list_key, in, 50, out));
  for (const auto* c : page) out["Commands"].push_back(command_json(*c));
  return out;
}

Result<json> list_command_invocations(Call& call, const Input& in) {
  FAULTBOX_TRY(listed, listed_commands(call, in));
  FAULTBOX_TRY(instance_id, in.string("InstanceId"));
  FAULTBOX_TRY(details, in.boolean("Details"));
  json out{{"CommandInvocations", json::array()}};
  FAULTBOX_TRY(page, page_of(listed, list_key, in, 50, out));
  for (const auto* c : page) {
    for (const auto& i : c->invocations) {
      if (!instance_id.empty() && i.instance_id != instance_id) continue;
      json entry{{"CommandId", c->id},
                 {"InstanceId", i.instance_id},
                 {"InstanceName", instance_name(call, i.instance_id)},
                 {"Comment", c->comment},
                 {"DocumentName", c->document_name},
                 {"DocumentVersion", "1"},
                 {"RequestedDateTime", format_iso8601(c->requested)},
                 {"Status", to_string(i.status)},
                 {"StatusDetails", i.status_details},
                 {"StandardOutputUrl", ""},
                 {"StandardErrorUrl", ""},
                 {"CommandPlugins", json::array()},
                 {"CloudWatchOutputConfig", {{"CloudWatchOutputEnabled", false}}}};
      if (details.value_or(false)) {
        json plugin{{"Name", c->plugin},
                    {"Status", to_string(i.status)},
                    {"StatusDetails", i.status_details},
                    {"ResponseCode", i.response_code},
                    {"Output", i.output + i.errors},
                    {"StandardOutputUrl", ""},
                    {"StandardErrorUrl", ""}};
        if (i.started) plugin["ResponseStartDateTime"] = format_iso8601(*i.started);
        if (i.finished) plugin["ResponseFinishDateTime"] = format_iso8601(*i.finished);
        entry["CommandPlugins"].push_back(plugin);
      }
      out["CommandInvocations"].push_back(entry);
    }
  }
  return out;
}

Result<json> cancel_command(Call& call, const Input& in) {
  FAULTBOX_TRY(id, in.string("CommandId", true));
  FAULTBOX_TRY(ids, in.strings("InstanceIds"));
  FAULTBOX_TRY_VOID(command_of(call, id));
  FAULTBOX_TRY_VOID(commands(call).cancel(id, ids));
  return json::object();
}

Result<json> describe_instance_information(Call& call, const Input& in) {
  std::vector<std::string> wanted;
  FAULTBOX_TRY(old_filters, in.structures("InstanceInformationFilterList"));
  FAULTBOX_TRY(filters, in.structures("Filters"));
  for (const auto& f : old_filters) {
    FAULTBOX_TRY(key, f.string("key", true));
    FAULTBOX_TRY(values, f.strings("valueSet"));
    if (key == "InstanceIds") wanted.insert(wanted.end(), values.begin(), values.end());
  }
  for (const auto& f : filters) {
    FAULTBOX_TRY(key, f.string("Key", true));
    FAULTBOX_TRY(values, f.strings("Values"));
    if (key == "InstanceIds") wanted.insert(wanted.end(), values.begin(), values.end());
  }
  auto agents = commands(call).agents(call.region);
  std::erase_if(agents, [&wanted](const cloud::AgentInfo& a) {
    return !wanted.empty() &&
           std::find(wanted.begin(), wanted.end(), a.instance_id) == wanted.end();
  });
  json out{{"InstanceInformationList", json::array()}};
  FAULTBOX_TRY(page,
               page_of(
                   agents, [](const cloud::AgentInfo& a) { return a.instance_id; }, in, 50, out));
  for (const auto& agent : page) {
    const auto* i = call.cloud.instances().find(agent.instance_id);
    out["InstanceInformationList"].push_back(
        {{"InstanceId", agent.instance_id},
         {"PingStatus", agent.online ? "Online" : "ConnectionLost"},
         {"LastPingDateTime", format_iso8601(agent.last_ping)},
         {"AgentVersion", "3.3.0.0-faultbox"},
         {"IsLatestVersion", true},
         {"PlatformType", "Linux"},
         {"PlatformName", "Amazon Linux"},
         {"PlatformVersion", "2023"},
         {"ResourceType", "EC2Instance"},
         {"IPAddress", i->private_ip},
         {"ComputerName", i->private_dns_name()},
         {"SourceId", agent.instance_id},
         {"SourceType", "AWS::EC2::Instance"}});
  }
  return out;
}

}  // namespace

const Service& ssm_api() {
  static const OperationService s(
      {"ssm", "SSM", {"ssm"}, Protocol::Json, "", "", "AmazonSSM"},
      WireOptions{"1.1",
                  false,
                  "ValidationException",
                  {"RequestedDateTime", "ExpiresAfter", "LastPingDateTime", "ResponseStartDateTime",
                   "ResponseFinishDateTime"}},
      {{"SendCommand", send_command},
       {"GetCommandInvocation", get_command_invocation},
       {"ListCommands", list_commands},
       {"ListCommandInvocations", list_command_invocations},
       {"CancelCommand", cancel_command},
       {"DescribeInstanceInformation", describe_instance_information}});
  return s;
}

}  // namespace faultbox::api
