// aws:ssm:send-command: Run Command of an SSM document (documentArn, documentParameters) on the
// target instances. As FIS does, the action completes when `duration` has passed, whether the
// command still runs or finished before; it fails when the command fails first. Stopping the
// experiment cancels the command.
#include <nlohmann/json.hpp>

#include "fis/action_registry.h"
#include "fis/actions/parameters.h"
#include "fis/wire.h"

namespace faultbox::fis::actions {
namespace {

constexpr std::string_view kId = "aws:ssm:send-command";
constexpr std::string_view kDocumentArn = "documentArn";
constexpr std::string_view kDocumentParameters = "documentParameters";
constexpr std::string_view kDuration = "duration";

using Parameters = std::map<std::string, std::vector<std::string>>;

// documentParameters: a JSON object as a string, each value a string or a list of strings.
Result<Parameters> document_parameters(const StringMap& params) {
  Parameters out;
  auto it = params.find(std::string(kDocumentParameters));
  if (it == params.end() || it->second.empty()) return out;
  auto j = nlohmann::json::parse(it->second, nullptr, false);
  const auto bad = errors::validation(
      "documentParameters of aws:ssm:send-command must be a JSON object whose values are strings "
      "or lists of strings, e.g. {\"DurationSeconds\":\"120\"}");
  if (!j.is_object()) return bad;
  for (const auto& [name, value] : j.items()) {
    for (const auto& v : value.is_array() ? value : nlohmann::json::array({value})) {
      if (!v.is_string()) return bad;
      out[name].push_back(v.get<std::string>());
    }
  }
  return out;
}

class SendCommand final : public Action {
 public:
  SendCommand(std::string document, Parameters parameters, Duration duration)
      : document_(std::move(document)), parameters_(std::move(parameters)), duration_(duration) {}

  static Result<std::unique_ptr<SendCommand>> create(const StringMap& params) {
    auto document = params.find(std::string(kDocumentArn));
    if (document == params.end() || document->second.rfind("arn:", 0) != 0 ||
        document->second.find(":document/") == std::string::npos) {
      return errors::validation(
          "documentArn of aws:ssm:send-command must be a document's ARN, e.g. "
          "arn:aws:ssm:eu-west-2::document/AWSFIS-Run-CPU-Stress");
    }
    FAULTBOX_TRY(parameters, document_parameters(params));
    FAULTBOX_TRY(d, duration_parameter(kId, params, kDuration));
    return std::make_unique<SendCommand>(document->second, std::move(parameters), d);
  }

  Result<void> start(ActionContext& ctx) override {
    started_at_ = ctx.now();
    std::vector<std::string> ids;
    for (const auto& r : ctx.resources(std::string(wire::kInstancesKey))) {
      FAULTBOX_TRY_VOID(ctx.authorize("ssm:SendCommand", r));
      ids.push_back(r.id);
    }
    // One command per action of an experiment: rebuilt after a lab restart, it finds its own.
    FAULTBOX_TRY(id, ctx.commands.send_command(document_, parameters_, ids,
                                               "FIS experiment " + ctx.experiment_id + " action " +
                                                   ctx.action_name));
    command_id_ = id;
    std::string list;
    for (const auto& i : ids) list += (list.empty() ? "" : ", ") + i;
    ctx.log("Sent SSM command " + id + " (" + document_ + ") to " + list);
    if (auto reach = ctx.commands.network_fault_reach(document_); !reach.empty()) ctx.log(reach);
    return {};
  }

  ActionProgress poll(ActionContext& ctx) override {
    if (ctx.now() - started_at_ >= duration_) return ActionProgress::completed();
    auto status = ctx.commands.command_status(command_id_);
    if (!status) return ActionProgress::failed(status.error().message);
    const auto& [state, details] = *status;
    if (state == "Failed" || state == "TimedOut" || state == "Cancelled") {
      return ActionProgress::failed("SSM command " + command_id_ + " ended " + state + " (" +
                                    details + ")");
    }
    return ActionProgress::running();
  }

  Result<void> stop(ActionContext& ctx) override {
    if (command_id_.empty()) return {};
    auto status = ctx.commands.command_status(command_id_);
    if (status && (status->first == "Pending" || status->first == "InProgress")) {
      ctx.log("Cancelling SSM command " + command_id_);
      return ctx.commands.cancel_command(command_id_);
    }
    return {};
  }

 private:
  std::string document_;
  Parameters parameters_;
  Duration duration_;
  TimePoint started_at_{};
  std::string command_id_;
};

}  // namespace

ActionSpec send_command() {
  return {.id = std::string(kId),
          .description = "Run the specified SSM document.",
          .targets = {{std::string(wire::kInstancesKey), std::string(wire::kEc2Instance)}},
          .parameters = {{.name = std::string(kDocumentArn),
                          .required = true,
                          .description = "The ARN of the document to run: "
                                         "arn:aws:ssm:<region>::document/AWSFIS-Run-CPU-Stress, "
                                         "-Kill-Process, or AWS-RunShellScript."},
                         {.name = "documentVersion",
                          .description = "The version of the document (the lab's have one)."},
                         {.name = std::string(kDocumentParameters),
                          .description = "The document's parameters, as a JSON object in a "
                                         "string: {\"DurationSeconds\":\"120\"}."},
                         {.name = std::string(kDuration),
                          .required = true,
                          .type = ParamType::IsoDuration,
                          .description = "How long the action lasts (ISO 8601, PT1M to PT12H); "
                                         "the command may run longer or end sooner.",
                          .min = std::chrono::minutes(1),
                          .max = std::chrono::hours(12)}},
          .make = make_action<SendCommand>};
}

}  // namespace faultbox::fis::actions
