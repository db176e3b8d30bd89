// `faultbox templates ...`, `faultbox experiments ...`, `faultbox actions`: FIS on the lab.
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/experiment_watch.h"
#include "cli/lab_connection.h"
#include "cli/table.h"
#include "core/json_text.h"

namespace faultbox::cli {

namespace {
using nlohmann::json;

// Keeps the members of `from` that `names` lists.
json only(const json& from, std::initializer_list<const char*> names) {
  json out = json::object();
  for (const char* n : names) {
    if (from.contains(n) && !from[n].is_null()) {
      out[n] = from[n];
    }
  }
  return out;
}

// A template as CreateExperimentTemplate takes it (aws fis create-experiment-template
// --cli-input-json): no id, ARN or times, and only the input shapes' members (botocore's fis
// model). The CLI adds the clientToken itself.
json create_template_input(const json& t) {
  auto out = only(t, {"description", "roleArn", "tags", "experimentReportConfiguration"});
  const json given_targets = t.value("targets", json::object());
  const json given_actions = t.value("actions", json::object());
  const json given_stops = t.value("stopConditions", json::array());
  json targets = json::object();
  for (const auto& [name, target] : given_targets.items()) {
    targets[name] = only(target, {"resourceType", "resourceArns", "resourceTags", "filters",
                                  "selectionMode", "parameters"});
  }
  json actions = json::object();
  for (const auto& [name, action] : given_actions.items()) {
    actions[name] =
        only(action, {"actionId", "description", "parameters", "targets", "startAfter"});
  }
  json stops = json::array();
  for (const auto& s : given_stops) {
    stops.push_back(only(s, {"source", "value"}));
  }
  out["targets"] = targets;
  out["actions"] = actions;
  out["stopConditions"] = stops;
  if (t.contains("logConfiguration") && t["logConfiguration"].is_object()) {
    out["logConfiguration"] = only(t["logConfiguration"], {"cloudWatchLogsConfiguration",
                                                           "s3Configuration", "logSchemaVersion"});
  }
  // FIS's defaults are left out: the template is the same without them, and aws CLIs older than
  // the options (Debian 12's 2.9) refuse any input that names them.
  if (t.contains("experimentOptions") && t["experimentOptions"].is_object()) {
    const json defaults = {{"accountTargeting", "single-account"},
                           {"emptyTargetResolutionMode", "fail"}};
    json options = json::object();
    for (const auto& [name, value] : defaults.items()) {
      if (t["experimentOptions"].contains(name) && t["experimentOptions"][name] != value) {
        options[name] = t["experimentOptions"][name];
      }
    }
    if (!options.empty()) out["experimentOptions"] = options;
  }
  return out;
}

// A template file: a path, or file://path as the aws CLI takes it.
json read_json_file(std::string path) {
  if (path.rfind("file://", 0) == 0) {
    path = path.substr(7);
  }
  std::ifstream in(path);
  if (!in) {
    fail(errors::validation("cannot read " + path));
  }
  std::stringstream text;
  text << in.rdbuf();
  try {
    return json::parse(text.str());
  } catch (const json::parse_error& e) {
    // Keep "parse error at line L, column C: ...", drop the library's "[json.exception...] ".
    std::string why = e.what();
    why = why.substr(why.find(']') == std::string::npos ? 0 : why.find(']') + 2);
    fail(errors::validation(path + " is not valid JSON: " + why));
  }
}

void print_json(const json& j) { std::cout << json_text(j, 2) << "\n"; }

void print_experiment(const json& e) {
  std::cout << e.value("id", "") << "  " << e["state"].value("status", "") << "  "
            << e["state"].value("reason", "") << "\n";
  std::vector<std::vector<std::string>> rows;
  const json actions = e.value("actions", json::object());  // named: items() must not dangle
  for (const auto& [name, a] : actions.items()) {
    rows.push_back({"  " + name, a.value("actionId", ""), a["state"].value("status", ""),
                    a["state"].value("reason", "")});
  }
  std::cout << render_table({"  ACTION", "ACTION ID", "STATUS", "REASON"}, rows);
}

void add_templates(CLI::App& app, GlobalOptions& global) {
  auto* cmd = app.add_subcommand("templates", "FIS experiment templates (AWS's JSON schema)");
  cmd->require_subcommand(1);
  set_examples(cmd, {"faultbox templates create --file file://templates/stop-two-instances.json",
                     "faultbox templates list"});
  auto file = std::make_shared<std::string>();
  auto id = std::make_shared<std::string>();
  auto modes = std::make_shared<std::vector<std::string>>();
  auto* create = cmd->add_subcommand("create", "Create a template from a JSON file");
  create->add_option("--file,--cli-input-json", *file, "Template JSON (path or file://path)")
      ->required();
  set_examples(create,
               {"faultbox templates create --file file://templates/stop-two-instances.json"});
  create->callback([&global, file] {
    auto out = lab_request(global, "POST", "/_faultbox/templates", read_json_file(*file));
    global.output == "json"
        ? print_json(out)
        : void(std::cout << out["experimentTemplate"]["id"].get<std::string>() << "\n");
  });
  auto* get = cmd->add_subcommand("get", "Show a template");
  get->add_option("id", *id, "Template id (EXT...)")->required();
  set_examples(get, {"faultbox templates get EXT4bQ9xYk2LmN7pR",
                     "faultbox --output aws-json templates get EXT4bQ9xYk2LmN7pR > template.json"});
  get->callback([&global, id] {
    auto out = lab_request(global, "GET", "/_faultbox/templates/" + *id);
    print_json(global.aws_json ? create_template_input(out["experimentTemplate"]) : out);
  });
  auto* update = cmd->add_subcommand(
      "update", "Update a template from a JSON file and/or set targets' selection modes");
  update->add_option("id", *id, "Template id (EXT...)")->required();
  update->add_option("--file", *file, "UpdateExperimentTemplate JSON (path or file://path)");
  update->add_option("--selection-mode", *modes,
                     "TARGET=MODE, e.g. Instances-Target=ALL or web=COUNT(3) (repeatable)");
  set_examples(update, {"faultbox templates update EXT4bQ9xYk2LmN7pR --selection-mode "
                        "step03-instances=ALL",
                        "faultbox templates update EXT4bQ9xYk2LmN7pR --file file://update.json"});
  update->callback([&global, id, file, modes] {
    json body = file->empty() ? json::object() : read_json_file(*file);
    if (!modes->empty()) {
      auto current =
          lab_request(global, "GET", "/_faultbox/templates/" + *id)["experimentTemplate"];
      json targets = body.value("targets", current["targets"]);
      for (const auto& m : *modes) {
        auto eq = m.find('=');
        if (eq == std::string::npos || !targets.contains(m.substr(0, eq))) {
          fail(errors::validation("--selection-mode \"" + m +
                                  "\": expected TARGET=MODE with a "
                                  "target of the template"));
        }
        targets[m.substr(0, eq)]["selectionMode"] = m.substr(eq + 1);
      }
      body["targets"] = targets;
    }
    auto out = lab_request(global, "PATCH", "/_faultbox/templates/" + *id, body);
    global.output == "json" ? print_json(out) : void(std::cout << "updated " << *id << "\n");
  });
  auto* del = cmd->add_subcommand("delete", "Delete a template");
  del->add_option("id", *id, "Template id (EXT...)")->required();
  set_examples(del, {"faultbox templates delete EXT4bQ9xYk2LmN7pR"});
  del->callback([&global, id] {
    lab_request(global, "DELETE", "/_faultbox/templates/" + *id);
    std::cout << "deleted " << *id << "\n";
  });
  auto* list = cmd->add_subcommand("list", "List templates");
  set_examples(list, {"faultbox templates list"});
  list->callback([&global] {
    auto out = lab_request(global, "GET", "/_faultbox/templates");
    if (global.output == "json") {
      return print_json(out);
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& t : out["experimentTemplates"]) {
      rows.push_back({t.value("id", ""), t.value("description", "")});
    }
    std::cout << render_table({"ID", "DESCRIPTION"}, rows);
  });
}

void add_experiments(CLI::App& app, GlobalOptions& global) {
  auto* cmd = app.add_subcommand("experiments", "Start, follow and stop FIS experiments");
  cmd->require_subcommand(1);
  set_examples(
      cmd, {"faultbox experiments start EXT4bQ9xYk2LmN7pR --watch", "faultbox experiments list"});
  auto id = std::make_shared<std::string>();
  auto seed = std::make_shared<uint64_t>(0);
  auto wait = std::make_shared<bool>(false);
  auto* start = cmd->add_subcommand("start", "Start an experiment from a template");
  start->add_option("template", *id, "Template id (EXT...)")->required();
  start->add_option("--seed", *seed, "Target-selection seed, to replay an earlier run");
  start->add_flag("--watch,--wait", *wait,
                  "Follow it live to the end (actions, alarm, healthy hosts, traffic strip); "
                  "exit 0 completed, 2 stopped, 1 failed");
  set_examples(start, {"faultbox experiments start EXT4bQ9xYk2LmN7pR --watch",
                       "faultbox experiments start EXT4bQ9xYk2LmN7pR --seed 1234567890"});
  start->callback([&global, id, seed, wait, start] {
    json body = {{"experimentTemplateId", *id}};
    if (start->count("--seed") > 0) {
      body["seed"] = *seed;
    }
    auto e = lab_request(global, "POST", "/_faultbox/experiments", body)["experiment"];
    std::cout << "started " << e.value("id", "") << "\n";
    if (*wait) {
      exit_for_status(watch_experiment(global, e.value("id", "")));
    }
  });
  auto* get = cmd->add_subcommand("get", "Show an experiment, its targets and log");
  get->add_option("id", *id, "Experiment id (EXP...)")->required();
  set_examples(get, {"faultbox experiments get EXP7cTn2KzQ9bWx4R"});
  get->callback([&global, id] {
    auto out = lab_request(global, "GET", "/_faultbox/experiments/" + *id);
    if (global.output == "json") {
      return print_json(out);
    }
    print_experiment(out["experiment"]);
    std::cout << "seed " << json_text(out.value("seed", json())) << " (replay: experiments start "
              << out["experiment"].value("experimentTemplateId", "") << " --seed "
              << json_text(out.value("seed", json())) << ")\n";
    for (const auto& r : out.value("resolvedTargets", json::array())) {
      std::cout << "  target " << r.value("targetName", "") << "  "
                << r["targetInformation"].value("arn", "") << "\n";
    }
    // The experiment's log, as FIS writes it to CloudWatch Logs: when, what, and which action.
    for (const auto& record : out.value("log", json::array())) {
      const auto details = record.value("details", json::object());
      std::cout << "  " << record.value("event_timestamp", "") << "  "
                << record.value("log_type", "");
      for (const char* key : {"action_name", "message"}) {
        if (!details.contains(key)) continue;
        const auto& v = details[key];
        std::cout << "  " << (v.is_string() ? v.get<std::string>() : json_text(v));
      }
      std::cout << "\n";
    }
  });
  auto* follow = cmd->add_subcommand(
      "watch", "Follow an experiment live until it ends: actions, stop-condition alarms, healthy "
               "hosts and a strip of the traffic ('.' answered, 'X' failures, '_' idle)");
  follow->add_option("id", *id, "Experiment id (EXP...)")->required();
  set_examples(follow, {"faultbox experiments watch EXP7cTn2KzQ9bWx4R"});
  follow->callback([&global, id] { exit_for_status(watch_experiment(global, *id)); });
  auto* stop = cmd->add_subcommand("stop", "Stop a running experiment");
  stop->add_option("id", *id, "Experiment id (EXP...)")->required();
  set_examples(stop, {"faultbox experiments stop EXP7cTn2KzQ9bWx4R"});
  stop->callback([&global, id] {
    print_experiment(
        lab_request(global, "POST", "/_faultbox/experiments/" + *id + "/stop")["experiment"]);
  });
  auto* list = cmd->add_subcommand("list", "List experiments");
  set_examples(list, {"faultbox experiments list", "faultbox --output json experiments list"});
  list->callback([&global] {
    auto out = lab_request(global, "GET", "/_faultbox/experiments");
    if (global.output == "json") {
      return print_json(out);
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : out["experiments"]) {
      rows.push_back({e.value("id", ""), e.value("experimentTemplateId", ""),
                      e["state"].value("status", ""), e["state"].value("reason", "")});
    }
    std::cout << render_table({"ID", "TEMPLATE", "STATUS", "REASON"}, rows);
  });
}
}  // namespace

void add_fis_commands(CLI::App& app, GlobalOptions& global) {
  add_templates(app, global);
  add_experiments(app, global);
  auto* actions = app.add_subcommand("actions", "List the FIS actions the lab supports");
  set_examples(actions, {"faultbox actions", "faultbox --output json actions"});
  actions->callback([&global] {
    auto out = lab_request(global, "GET", "/_faultbox/actions");
    if (global.output == "json") {
      return print_json(out);
    }
    for (const auto& a : out["actions"]) {
      std::cout << a.value("id", "") << "  " << a.value("description", "") << "\n";
    }
    // What aws:ssm:send-command can run, with each document's parameters (* required).
    std::cout << "\nSSM documents for aws:ssm:send-command (documentArn "
                 "arn:aws:ssm:<region>::document/<name>):\n";
    const auto documents = lab_request(global, "GET", "/_faultbox/ssm-documents");
    for (const auto& d : documents["documents"]) {
      std::string parameters;
      for (const auto& p : d["parameters"]) {
        parameters += (parameters.empty() ? "" : ", ") + p.value("name", "") +
                      (p.value("required", false) ? "*" : "");
      }
      std::cout << "  " << d.value("name", "") << "  " << parameters << "\n";
    }
  });
}

}  // namespace faultbox::cli
