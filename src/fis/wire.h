// AWS FIS wire names (JSON members, enum values), declared once; code refers to these constants.
#pragma once

#include <string_view>

namespace faultbox::fis::wire {

// Experiment template members (CreateExperimentTemplate / GetExperimentTemplate).
inline constexpr std::string_view kId = "id";
inline constexpr std::string_view kArn = "arn";
inline constexpr std::string_view kClientToken = "clientToken";
inline constexpr std::string_view kDescription = "description";
inline constexpr std::string_view kTargets = "targets";
inline constexpr std::string_view kActions = "actions";
inline constexpr std::string_view kStopConditions = "stopConditions";
inline constexpr std::string_view kRoleArn = "roleArn";
inline constexpr std::string_view kTags = "tags";
inline constexpr std::string_view kLogConfiguration = "logConfiguration";
inline constexpr std::string_view kExperimentOptions = "experimentOptions";
inline constexpr std::string_view kReportConfiguration = "experimentReportConfiguration";
inline constexpr std::string_view kCreationTime = "creationTime";
inline constexpr std::string_view kLastUpdateTime = "lastUpdateTime";

// Target members.
inline constexpr std::string_view kResourceType = "resourceType";
inline constexpr std::string_view kResourceArns = "resourceArns";
inline constexpr std::string_view kResourceTags = "resourceTags";
inline constexpr std::string_view kFilters = "filters";
inline constexpr std::string_view kPath = "path";
inline constexpr std::string_view kValues = "values";
inline constexpr std::string_view kSelectionMode = "selectionMode";
inline constexpr std::string_view kParameters = "parameters";

// Action members.
inline constexpr std::string_view kActionId = "actionId";
inline constexpr std::string_view kStartAfter = "startAfter";
inline constexpr std::string_view kRequired = "required";
inline constexpr std::string_view kAction = "action";

// Stop conditions, logging and options.
inline constexpr std::string_view kSource = "source";
inline constexpr std::string_view kValue = "value";
inline constexpr std::string_view kSourceAlarm = "aws:cloudwatch:alarm";
inline constexpr std::string_view kSourceNone = "none";
inline constexpr std::string_view kCloudWatchLogs = "cloudWatchLogsConfiguration";
inline constexpr std::string_view kLogGroupArn = "logGroupArn";
inline constexpr std::string_view kS3Configuration = "s3Configuration";
inline constexpr std::string_view kBucketName = "bucketName";
inline constexpr std::string_view kPrefix = "prefix";
inline constexpr std::string_view kLogSchemaVersion = "logSchemaVersion";
inline constexpr std::string_view kAccountTargeting = "accountTargeting";
inline constexpr std::string_view kEmptyTargetMode = "emptyTargetResolutionMode";
inline constexpr std::string_view kActionsMode = "actionsMode";
inline constexpr std::string_view kSingleAccount = "single-account";
inline constexpr std::string_view kMultiAccount = "multi-account";
inline constexpr std::string_view kModeFail = "fail";
inline constexpr std::string_view kModeSkip = "skip";
inline constexpr std::string_view kRunAll = "run-all";
inline constexpr std::string_view kSkipAll = "skip-all";

// Experiment members (GetExperiment, ListExperimentResolvedTargets).
inline constexpr std::string_view kExperimentTemplateId = "experimentTemplateId";
inline constexpr std::string_view kState = "state";
inline constexpr std::string_view kStatus = "status";
inline constexpr std::string_view kReason = "reason";
inline constexpr std::string_view kError = "error";
inline constexpr std::string_view kCode = "code";
inline constexpr std::string_view kLocation = "location";
inline constexpr std::string_view kStartTime = "startTime";
inline constexpr std::string_view kEndTime = "endTime";
inline constexpr std::string_view kResolvedTargets = "resolvedTargets";
inline constexpr std::string_view kTargetName = "targetName";
inline constexpr std::string_view kTargetInformation = "targetInformation";

// Experiment log records (log schema version 2).
inline constexpr std::string_view kLogId = "id";
inline constexpr std::string_view kLogType = "log_type";
inline constexpr std::string_view kLogTimestamp = "event_timestamp";
inline constexpr std::string_view kLogVersion = "version";
inline constexpr std::string_view kLogDetails = "details";

// Resource types and the EC2 instance target key.
inline constexpr std::string_view kEc2Instance = "aws:ec2:instance";
inline constexpr std::string_view kInstancesKey = "Instances";
inline constexpr std::string_view kLambdaFunction = "aws:lambda:function";
inline constexpr std::string_view kFunctionsKey = "Functions";
inline constexpr std::string_view kAutoScalingGroup = "aws:ec2:autoscaling-group";
inline constexpr std::string_view kAutoScalingGroupsKey = "AutoScalingGroups";
inline constexpr std::string_view kIamRole = "aws:iam:role";
inline constexpr std::string_view kSpotInstance = "aws:ec2:spot-instance";
inline constexpr std::string_view kSpotInstancesKey = "SpotInstances";
inline constexpr std::string_view kRolesKey = "Roles";
inline constexpr std::string_view kEc2Subnet = "aws:ec2:subnet";
inline constexpr std::string_view kSubnetsKey = "Subnets";

// Experiment error codes (ExperimentError.code).
inline constexpr std::string_view kInvalidTarget = "InvalidTarget";
inline constexpr std::string_view kAuthorizationFailure = "AuthorizationFailure";
inline constexpr std::string_view kConfigurationFailure = "ConfigurationFailure";
inline constexpr std::string_view kDependentServiceFailure = "DependentServiceFailure";

}  // namespace faultbox::fis::wire
