#include "lab/stack_routes.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "cloud/stack_provider.h"
#include "core/caller_rights.h"
#include "core/file_write.h"
#include "core/json_text.h"
#include "expr/evaluation_budget.h"
#include "lab/lab_json.h"
#include "net/peer_socket.h"
#include "stack/render.h"
#include "stack/stack.h"

namespace faultbox::lab {

namespace fs = std::filesystem;

namespace {
// Each stack's state lives in <data dir>/stacks/<hash of its directory>/terraform.tfstate, in
// Terraform's format, so other tools can read it.
fs::path state_path(const LabContext& ctx, const std::string& dir) {
  auto stacks = fs::absolute(ctx.options.data_dir) / "stacks";
  auto key = std::to_string(std::hash<std::string>{}(dir));
  // Earlier CLIs named a stack applied from its own directory with a trailing '/': its state
  // moves to the one name every spelling now shares.
  auto legacy = stacks / std::to_string(std::hash<std::string>{}(dir + "/"));
  std::error_code ec;
  if (!fs::exists(stacks / key, ec) && fs::exists(legacy, ec)) {
    fs::rename(legacy, stacks / key, ec);
  }
  return stacks / key / "terraform.tfstate";
}

// Where a stack's state is kept: in the lab's data, or where a `backend "local" { path }` block
// says, so that other stacks (terraform_remote_state) and tools read it there. That file is the
// user's: read and written with the rights of who sent the request (core/caller_rights.h).
struct StateFile {
  fs::path path;
  bool users = false;
};

Result<StateFile> state_file(const LabContext& ctx, const stack::StackInput& input) {
  FAULTBOX_TRY(backend, stack::backend_state_path(input));
  return backend ? StateFile{*backend, true} : StateFile{state_path(ctx, input.directory), false};
}

Result<stack::State> load_state(const StateFile& file, const std::string& dir) {
  std::optional<std::string> text;
  if (file.users) {
    FAULTBOX_TRY(read, read_file_if_any_as_caller(file.path, "the stack's state"));
    text = std::move(read);
  } else if (std::ifstream in(file.path); in) {
    text = std::string(std::istreambuf_iterator<char>(in), {});
  }
  if (!text) {
    return stack::State{};
  }
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded()) {
    return errors::internal("the state of stack " + dir + " is corrupt: " + file.path.string());
  }
  return stack::state_from_json(j);
}

Result<void> save_state(const StateFile& file, const stack::State& s) {
  const auto text = json_text(stack::state_to_json(s), 2) + "\n";
  return file.users ? write_file_as_caller(file.path, text)
                    : write_file_atomically(file.path, text);
}

// Who sent the request, by its connection's socket (net/peer_socket.h).
std::optional<uid_t> caller_of(const net::HttpRequest& req, std::string& why_unknown) {
  auto peer = net::peer_socket(net::ends_of(req));
  if (!peer) {
    why_unknown = peer.error().message;
    return std::nullopt;
  }
  return static_cast<uid_t>(peer->uid);
}

Result<stack::StackInput> input_from(const net::HttpRequest& req) {
  FAULTBOX_TRY(body, parse_json(req.body, "the request body"));
  if (!body.is_object() || !body.contains("dir")) {
    return errors::validation("a stack request is a JSON object with dir, files, var_files, vars");
  }
  stack::StackInput in;
  try {
    in.directory = body.at("dir").get<std::string>();
    in.cwd = in.directory;
    in.files = body.value("files", std::map<std::string, std::string>{});
    for (const auto& f : body.value("var_files", nlohmann::json::array())) {
      in.var_files.emplace_back(f.at("name").get<std::string>(),
                                f.at("content").get<std::string>());
    }
    for (const auto& v : body.value("vars", std::vector<std::string>{})) {
      auto eq = v.find('=');
      if (eq == std::string::npos) {
        return errors::validation("--var \"" + v + "\" must look like NAME=VALUE");
      }
      in.vars.emplace_back(v.substr(0, eq), v.substr(eq + 1));
    }
    in.env = body.value("env", std::map<std::string, std::string>{});
    in.fallback_region = body.value("region", std::string("us-east-1"));
  } catch (const nlohmann::json::exception& e) {
    return errors::validation(std::string("malformed stack request: ") + e.what());
  }
  return in;
}

// `reveal`: sensitive values in full, as `terraform output -json` prints them (the way scripts
// read a stack's secrets, such as an access key's); elsewhere they show as <sensitive>.
nlohmann::json outputs_json(const std::map<std::string, stack::PlannedOutput>& outputs,
                            bool reveal = false) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, o] : outputs) {
    out[name] = {
        {"value", o.sensitive && !reveal ? nlohmann::json("<sensitive>") : expr::to_json(o.value)},
        {"sensitive", o.sensitive}};
  }
  return out;
}

nlohmann::json applied_json(const stack::ApplyResult& r, std::string text) {
  return {{"text", std::move(text)},
          {"added", r.added},
          {"changed", r.changed},
          {"destroyed", r.destroyed},
          {"outputs", outputs_json(r.outputs)}};
}

nlohmann::json plan_json(const stack::Plan& p) {
  return {{"text", stack::render_plan(p)},
          {"has_changes", p.has_changes()},
          {"to_add", p.count(stack::Action::Create)},
          {"to_change", p.count(stack::Action::Update)},
          {"to_destroy", p.count(stack::Action::Delete)}};
}

Result<nlohmann::json> run_verb(LabContext& ctx, const std::string& verb, stack::StackInput input) {
  input.clock = &ctx.clock;       // timestamp() reads lab time, as every other clock of the lab
  expr::EvaluationBudget budget;  // no stack may hold the control thread for long
  FAULTBOX_TRY(path, state_file(ctx, input));
  FAULTBOX_TRY(state, load_state(path, input.directory));
  cloud::CloudProvider provider(ctx.cloud, input.directory);
  if (verb == "plan") {
    FAULTBOX_TRY(p, stack::plan(input, state, provider));
    return plan_json(p);
  }
  if (verb == "plan-destroy") {
    return plan_json(stack::destroy_plan(state));
  }
  if (verb == "output") {
    std::map<std::string, stack::PlannedOutput> outputs;
    for (const auto& [name, o] : state.outputs) {
      outputs[name] = {o.value, o.sensitive, stack::Action::NoOp};
    }
    return nlohmann::json{{"text", stack::render_outputs(outputs)},
                          {"outputs", outputs_json(outputs, true)}};
  }
  bool destroying = verb == "destroy";
  if (!destroying && verb != "apply") {
    return errors::not_found("no stack verb \"" + verb + "\"");
  }
  auto result = destroying ? stack::destroy(state, provider) : stack::apply(input, state, provider);
  // Saved either way: after a failure mid-way the state says what exists.
  FAULTBOX_TRY_VOID(save_state(path, state));
  if (!result) {
    return result.error();
  }
  spdlog::info("stack {} {}: {} added, {} changed, {} destroyed", input.directory, verb,
               result->added, result->changed, result->destroyed);
  return applied_json(*result,
                      destroying ? stack::render_destroy(*result) : stack::render_apply(*result));
}
}  // namespace

net::HttpResponse handle_stack_request(LabContext& ctx, const net::HttpRequest& req) {
  auto verb = req.path().substr(std::string("/_faultbox/stack/").size());
  auto input = input_from(req);
  if (!input) {
    return error_response(input.error());
  }
  std::string why_unknown;
  const auto caller = caller_of(req, why_unknown);
  ActingFor acting(caller, why_unknown);  // the stack's files are its user's
  auto answer = run_verb(ctx, verb, *input);
  if (!answer) {
    return error_response(answer.error());
  }
  return json_response(200, *answer);
}

}  // namespace faultbox::lab
