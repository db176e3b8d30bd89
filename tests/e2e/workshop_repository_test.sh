#!/usr/bin/env bash
# The workshop's own repository (../shared/workshop, byte for byte as its users have it), run as
# its READMEs say, one directory after the other, on one lab: init, step01, step02 and step03
# apply unchanged; step01's server and step03's load balancer serve the workshop's page from
# instances in their AZs. (step04 needs Lambda and S3, which the lab does not have yet.)
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
workshop="$REPO_ROOT/../shared/workshop"
[ -f "$workshop/SHA256SUMS" ] || fail "the workshop repository is not at $workshop"
(cd "$workshop" && sha256sum --quiet -c SHA256SUMS) || fail "the workshop repository was changed"
cp -r "$workshop" "$WORK/repo"  # Terraform writes state next to it (../../statefiles)

for step in init step01 step02 step03; do
  out=$(cd "$WORK/repo/steps/$step" && fb apply --auto-approve --var-file ../common/common.tfvars 2>&1) ||
    fail "$step: apply failed: $out"
  expect_contains "$out" "Apply complete! Resources: "
done

# Planned again, each step has nothing left to do (the provider's default_tags read a local).
for step in init step01 step02 step03; do
  out=$(cd "$WORK/repo/steps/$step" && fb plan --var-file ../common/common.tfvars 2>&1) ||
    fail "$step: plan failed: $out"
  expect_contains "$out" "No changes."
done

# step01: one server, its page filled in by its cloud-init from IMDS (envsubst).
url=$(cd "$WORK/repo/steps/step01" && fb --output json output | json 'd["outputs"]["ec2_details"]["value"]["instance_ip_url"]')
id=$(cd "$WORK/repo/steps/step01" && fb --output json output | json 'd["outputs"]["ec2_details"]["value"]["instance_id"]')
page=""
for _ in $(seq 300); do page=$(curl -sf "$url/" || true); [[ "$page" == *"$id"* ]] && break; sleep 0.1; done
expect_contains "$page" "<h1>Server simple-funky ($id)</h1>"
expect_contains "$page" "I'm running in Availability Zone eu-west-2a"

# step03: three servers in three AZs behind the load balancer.
elb=$(cd "$WORK/repo/steps/step03" && fb --output json output | json 'd["outputs"]["elb_url"]["value"]')
step03_in_service() {
  fb --output json lbs | json 'sum(h["State"] == "InService" for b in d if b["LoadBalancerName"] == "step03-funky-elb" for h in b["InstanceHealth"])'
}
for _ in $(seq 600); do [ "$(step03_in_service)" -ge 3 ] && break; sleep 0.1; done
[ "$(step03_in_service)" -ge 3 ] || { fb lbs; fail "step03's instances are not InService"; }
expect_rotation "$elb"
expect_contains "$PAGES" "<h1>Server funky-step03 (i-"
echo "workshop repository: ok"
