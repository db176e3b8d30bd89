#!/usr/bin/env bash
# Invalid experiment templates, as a user would write them: each one derived from the workshop's
# stop-two-instances.json by one edit, created with `faultbox templates create --file`. Each must
# fail with one ValidationException naming what is wrong, and no template may be created.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
use_workshop_step step03

# The role and the alarm the template names must exist for the good template to pass.
fb apply --auto-approve --var-file ../common/common.tfvars >/dev/null

mkdir cases
# Writes cases/NN.json (the template) and cases/NN.expect (first line: what the case is; then
# the words the message must contain, one a line).
python3 - templates/stop-two-instances.json cases <<'EOF'
import copy, json, sys
base = json.load(open(sys.argv[1]))
out = sys.argv[2]
INSTANCE = "arn:aws:ec2:eu-west-2:000000000000:instance/i-0123456789abcdef0"
cases = []

def case(what, words, edit=None, raw=None):
    cases.append((what, words, edit, raw))

def target(t): return t["targets"]["step03-instances"]
def set_mode(mode): return lambda t: target(t).update(selectionMode=mode)
def by_arns(arns):
    def edit(t):
        tg = target(t)
        tg.pop("resourceTags"); tg.pop("filters")
        tg["resourceArns"] = arns
    return edit
def rename_action(old, new):
    def edit(t):
        t["actions"][new] = t["actions"].pop(old)
        for a in t["actions"].values():
            a["startAfter"] = [new if s == old else s for s in a.get("startAfter", [])]
    return edit

case("unknown action id", ["aws:fis:nap", "unknown actionId", "pause"],
     lambda t: t["actions"]["pause"].update(actionId="aws:fis:nap"))
case("action target not in targets", ["stop-instances", "target \"web\" is not defined"],
     lambda t: t["actions"]["stop-instances"].update(targets={"Instances": "web"}))
case("action target key the action does not have", ["target key \"Instance\" is not valid", "Instances"],
     lambda t: t["actions"]["stop-instances"].update(targets={"Instance": "step03-instances"}))
case("target of another resource type", ["aws:ec2:spot-instance", "Instances needs aws:ec2:instance"],
     lambda t: target(t).update(resourceType="aws:ec2:spot-instance"))
case("unknown resourceType", ["unknown resourceType \"aws:ec2:instances\"", "step03-instances"],
     lambda t: target(t).update(resourceType="aws:ec2:instances"))
case("both resourceArns and resourceTags", ["resourceArns cannot be combined with resourceTags"],
     lambda t: target(t).update(resourceArns=[INSTANCE]))
case("neither ARNs nor tags nor filters", ["specify resourceArns, resourceTags or filters"],
     lambda t: (target(t).pop("resourceTags"), target(t).pop("filters")))
case("selection mode COUNT(0)", ["Invalid selectionMode \"COUNT(0)\"", "n >= 1"], set_mode("COUNT(0)"))
case("selection mode COUNT(x)", ["Invalid selectionMode \"COUNT(x)\"", "step03-instances"], set_mode("COUNT(x)"))
case("selection mode PERCENT(101)", ["Invalid selectionMode \"PERCENT(101)\"", "1 <= n <= 100"], set_mode("PERCENT(101)"))
case("selection mode SOME", ["Invalid selectionMode \"SOME\"", "expected ALL, COUNT(n) or PERCENT(n)"], set_mode("SOME"))
case("selection mode missing", ["missing selectionMode"], lambda t: target(t).pop("selectionMode"))
case("bad ISO 8601 duration", ["pause", "Invalid ISO 8601 duration \"3 minutes\""],
     lambda t: t["actions"]["pause"]["parameters"].update(duration="3 minutes"))
case("duration over the 12 hour maximum", ["pause", "PT13H", "out of range (PT1M to PT12H)"],
     lambda t: t["actions"]["pause"]["parameters"].update(duration="PT13H"))
case("duration under the 1 minute minimum", ["pause", "PT30S", "out of range"],
     lambda t: t["actions"]["pause"]["parameters"].update(duration="PT30S"))
case("startInstancesAfterDuration not a duration", ["startInstancesAfterDuration", "\"PT5\""],
     lambda t: t["actions"]["stop-instances"].update(parameters={"startInstancesAfterDuration": "PT5"}))
case("boolean parameter not true/false", ["completeIfInstancesTerminated", "must be \"true\" or \"false\""],
     lambda t: t["actions"]["stop-instances"].update(parameters={"completeIfInstancesTerminated": "yes"}))
case("startAfter names an unknown action", ["pause", "startAfter names unknown action \"stop-first\""],
     lambda t: t["actions"]["pause"].update(startAfter=["stop-first"]))
case("startAfter cycle", ["startAfter forms a cycle", "stop-instances", "stop-again"],
     lambda t: t["actions"]["stop-instances"].update(startAfter=["stop-again"]))
case("startAfter itself", ["\"pause\": startAfter names the action itself"],
     lambda t: t["actions"]["pause"].update(startAfter=["pause"]))
case("role ARN malformed", ["Invalid roleArn \"funky-fis-role\"", "arn:aws:iam::<account>:role/<name>"],
     lambda t: t.update(roleArn="funky-fis-role"))
case("role not found", ["Role arn:aws:iam::000000000000:role/nobody", "does not exist"],
     lambda t: t.update(roleArn="arn:aws:iam::000000000000:role/nobody"))
case("role of another account", ["roleArn", "account 111111111111", "not this account"],
     lambda t: t.update(roleArn="arn:aws:iam::111111111111:role/funky-fis-role"))
case("stop condition alarm not found", ["alarm:nobody-elb-alarm does not exist"],
     lambda t: t["stopConditions"][0].update(value="arn:aws:cloudwatch:eu-west-2:000000000000:alarm:nobody-elb-alarm"))
case("stop condition alarm in another region", ["region us-east-1", "template is in eu-west-2"],
     lambda t: t["stopConditions"][0].update(value="arn:aws:cloudwatch:us-east-1:000000000000:alarm:funky-elb-alarm"))
case("stop condition alarm value not an ARN", ["funky-elb-alarm is not an alarm ARN"],
     lambda t: t["stopConditions"][0].update(value="funky-elb-alarm"))
case("stop condition source unknown", ["Invalid stop condition source \"aws:cloudwatch:metric\""],
     lambda t: t["stopConditions"][0].update(source="aws:cloudwatch:metric"))
case("stop condition none with a value", ["source \"none\" takes no value"],
     lambda t: t.update(stopConditions=[{"source": "none", "value": "funky-elb-alarm"}]))
case("stop condition none with an alarm", ["\"none\" cannot be combined"],
     lambda t: t["stopConditions"].append({"source": "none"}))
case("too many stop conditions", ["6 stop conditions", "at most 5"],
     lambda t: t.update(stopConditions=t["stopConditions"] * 6))
case("aws:fis:wait without duration", ["pause", "missing required parameter \"duration\""],
     lambda t: t["actions"]["pause"].update(parameters={}))
case("unknown action parameter", ["stop-instances", "unknown parameter \"force\"", "startInstancesAfterDuration"],
     lambda t: t["actions"]["stop-instances"].update(parameters={"force": "true"}))
case("missing roleArn", ["Missing required parameter", "\"roleArn\""], lambda t: t.pop("roleArn"))
case("missing description", ["Missing required parameter", "\"description\""], lambda t: t.pop("description"))
case("missing actions", ["at least one action", "actions"], lambda t: t.pop("actions"))
case("empty actions", ["at least one action", "actions"], lambda t: t.update(actions={}))
case("missing stopConditions", ["Missing required parameter", "\"stopConditions\""], lambda t: t.pop("stopConditions"))
case("filter with empty values", ["filters[0] (State.Name)", "at least one value"],
     lambda t: target(t).update(filters=[{"path": "State.Name", "values": []}]))
case("filter with a bad path", ["filters[0]", "invalid path \"State..Name\""],
     lambda t: target(t).update(filters=[{"path": "State..Name", "values": ["running"]}]))
case("filter without values", ["Missing required parameter in targets.step03-instances.filters[0]", "values"],
     lambda t: target(t).update(filters=[{"path": "State.Name"}]))
case("action name with a space", ["Invalid action name \"stop instances\""], rename_action("stop-instances", "stop instances"))
case("action name too long", ["Invalid action name \"" + "p" * 65 + "\"", "1 to 64 characters"], rename_action("pause", "p" * 65))
case("too many tags", ["51 tags", "at most 50"],
     lambda t: t.update(tags={"k%d" % i: "v" for i in range(51)}))
case("tag key with the reserved aws: prefix", ["Invalid tag key \"aws:owner\"", "reserved"],
     lambda t: t["tags"].update({"aws:owner": "funky"}))
case("unknown top-level member", ["Unknown parameter in input: \"startAfterDelay\""],
     lambda t: t.update(startAfterDelay="PT1M"))
case("unknown action member (duration at action level)", ["Unknown parameter in actions.pause: \"duration\""],
     lambda t: t["actions"]["pause"].update(duration="PT3M"))
case("wrong JSON type", ["Invalid type for parameter", "actions.pause.parameters.duration", "string"],
     lambda t: t["actions"]["pause"]["parameters"].update(duration=180))
case("instance ARN of another region", ["resourceArns[0]", "region us-east-1", "template is in eu-west-2"],
     by_arns([INSTANCE.replace("eu-west-2", "us-east-1")]))
case("instance ARN of another account", ["resourceArns[0]", "account 111111111111", "not this account"],
     by_arns([INSTANCE.replace("000000000000", "111111111111")]))
case("resource ARN not an instance ARN", ["resourceArns[0] i-0123456789abcdef0", "not an EC2 instance ARN"],
     by_arns(["i-0123456789abcdef0"]))
case("more than 5 resourceArns", ["6 resourceArns", "at most 5"],
     by_arns([INSTANCE[:-1] + str(i) for i in range(6)]))
case("more than 20 actions", ["21 actions", "at most 20"],
     lambda t: t["actions"].update({"wait%d" % i: {"actionId": "aws:fis:wait", "parameters": {"duration": "PT1M"}} for i in range(18)}))
case("invalid JSON", ["not valid JSON", "line 1, column"], raw='{"description": "half a template", "actions": {')

for i, (what, words, edit, raw) in enumerate(cases):
    name = "%s/%02d" % (out, i)
    if raw is None:
        t = copy.deepcopy(base)
        edit(t)
        raw = json.dumps(t, indent=1)
    open(name + ".json", "w").write(raw)
    open(name + ".expect", "w").write("\n".join([what] + words) + "\n")
EOF

templates_count() { fb --output json templates list | json 'len(d["experimentTemplates"])'; }
[ "$(templates_count)" -eq 0 ] || fail "the lab starts with templates"
kinds=0
for file in cases/*.json; do
  mapfile -t expect <"${file%.json}.expect"
  rc=0
  out=$(fb templates create --file "$file" 2>&1) || rc=$?
  [ $rc -ne 0 ] || fail "${expect[0]}: accepted (exit 0): $out"
  [ "$(grep -c ValidationException <<<"$out")" -eq 1 ] ||
    fail "${expect[0]}: expected one ValidationException, got: $out"
  for words in "${expect[@]:1}"; do
    [[ "$out" == *"$words"* ]] || fail "${expect[0]}: message lacks '$words': $out"
  done
  [ "$(templates_count)" -eq 0 ] || fail "${expect[0]}: a template was created"
  printf '  %-50s %s\n' "${expect[0]}" "${out#error: }"
  kinds=$((kinds + 1))
done
[ $kinds -ge 25 ] || fail "only $kinds kinds of invalid template tried"

# The unedited template still passes: the failures above come from the edits.
template=$(fb templates create --file templates/stop-two-instances.json)
[ "$(templates_count)" -eq 1 ] || fail "the valid template was not created"
# An update that would make the template invalid is refused and changes nothing.
rc=0
out=$(fb templates update "$template" --selection-mode step03-instances='COUNT(0)' 2>&1) || rc=$?
[ $rc -ne 0 ] || fail "an invalid update was accepted"
expect_contains "$out" "ValidationException"
expect_contains "$(fb --output json templates get "$template")" '"COUNT(2)"'
fb destroy --auto-approve >/dev/null
echo "template validation: $kinds kinds refused: ok"
