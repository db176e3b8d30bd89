#!/usr/bin/env bash
# Two labs on one machine (a workshop host with several participants): a stopped instance keeps
# its private IP, so the second lab must not hand that address out; when the first lab starts
# its instance again, it boots on its own address and answers there.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=20
use_workshop_step step01

fb apply --auto-approve -var-file=../common/common.tfvars >/dev/null
id=$(fb --output json output | json 'd["outputs"]["instance_id"]["value"]')
ip=$(fb --output json instances | json '[i["PrivateIpAddress"] for i in d if i["InstanceId"]=="'"$id"'"][0]')
fb instance stop "$id" >/dev/null
for _ in $(seq 100); do
  [ "$(fb --output json instances | json '[i["State"]["Name"] for i in d if i["InstanceId"]=="'"$id"'"][0]')" = stopped ] && break
  sleep 0.1
done

# A second lab, its own port and data directory, same stack.
port_b=$(free_port)
fb_b() { FAULTBOX_PORT=$port_b "$FAULTBOX" --data-dir "$WORK/.faultbox-b" "$@"; }
EXTRA_DATA_DIRS+=("$WORK/.faultbox-b")
cp -r "$WORK/workshop" "$WORK/workshop-b"
(cd "$WORK/workshop-b/step01" && fb_b apply --auto-approve -var-file=../common/common.tfvars >/dev/null)
ip_b=$(fb_b --output json instances | json 'd[0]["PrivateIpAddress"]')
[ "$ip_b" != "$ip" ] || fail "the second lab took $ip, which the first lab's stopped instance keeps"

fb instance start "$id" >/dev/null
for _ in $(seq 200); do
  [ "$(fb --output json instances | json '[i["State"]["Name"] for i in d if i["InstanceId"]=="'"$id"'"][0]')" = running ] && break
  sleep 0.1
done
out=$(fb --output json output | json 'd["outputs"]["instance_url"]["value"]')
got=""
for _ in $(seq 100); do got=$(curl -sf "$out/" || true); [[ "$got" == *"$id"* ]] && break; sleep 0.1; done
expect_contains "$got" "Server step01-funky ($id)"
echo "two labs: ok"
