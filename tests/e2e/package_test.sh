#!/usr/bin/env bash
# The Debian package (scripts/package.sh): its dependencies declared, its files where the
# installed binary looks for them, and the binary unpacked from it runs a lab by itself: the
# workshop's step03 service (instances read their identity through the packaged IMDS library),
# an HCL stack (read by the packaged converter), completion scripts and --version.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
bash "$REPO_ROOT/scripts/package.sh" "$WORK/pkg" >package.log 2>&1 || fail "package.sh: $(tail -20 package.log)"
deb=$(ls "$WORK"/pkg/faultbox_*_amd64.deb) || fail "no faultbox_<version>_amd64.deb"
version=$(dpkg-deb -f "$deb" Version)
[[ "$(basename "$deb")" == "faultbox_${version}_amd64.deb" ]] || fail "package name $(basename "$deb")"
depends=$(dpkg-deb -f "$deb" Depends)
for needed in libc6 libsqlite3-0 libzip4 libre2-9 bubblewrap gettext-base curl python3-boto3 nodejs; do
  expect_contains "$depends" "$needed"
done

dpkg-deb -x "$deb" "$WORK/root"
for file in usr/bin/faultbox usr/lib/faultbox/libfaultbox-imds.so \
  usr/share/faultbox/tools/hcl2json/convert.js \
  usr/share/faultbox/tools/hcl2json/node_modules/@cdktf/hcl2json/package.json \
  usr/share/bash-completion/completions/faultbox usr/share/zsh/vendor-completions/_faultbox; do
  [ -e "$WORK/root/$file" ] || fail "the package has no /$file"
done
FAULTBOX="$WORK/root/usr/bin/faultbox"  # the cleanup stops this test's lab with it too
commit=$(git -C "$REPO_ROOT" rev-parse --short=12 HEAD)
expect_contains "$("$FAULTBOX" --version)" "faultbox $version (commit $commit)"
sections=$(readelf -S "$FAULTBOX") || fail "readelf cannot read the packaged binary"
[[ "$sections" != *".symtab"* ]] || fail "the packaged binary is not stripped"

# The packaged binary starts the lab; step03's instances boot from user data that reads IMDS.
use_workshop_step step03
fb apply --auto-approve -var-file=../common/common.tfvars >/dev/null
wait_in_service 3
url=$(fb --output json output | json 'd["outputs"]["elb_url"]["value"]')
page=$(curl -sf "$url/") || fail "the load balancer did not answer"
[[ "$page" =~ i-[0-9a-f]{17} ]] || fail "the instance page has no instance id from IMDS: $page"
fb destroy --auto-approve >/dev/null

# HCL through the packaged converter (no source tree beside this binary).
mkdir -p "$WORK/hcl" && cd "$WORK/hcl"
cat >main.tf <<'TF'
resource "aws_s3_bucket" "b" {
  bucket = "packaged-${var.name}"
}
variable "name" {
  default = "hcl"
}
output "bucket" {
  value = aws_s3_bucket.b.bucket
}
TF
fb apply --auto-approve >apply.out || fail "HCL apply: $(cat apply.out)"
[ "$(fb --output json output | json 'd["outputs"]["bucket"]["value"]')" = packaged-hcl ] ||
  fail "the HCL stack's output: $(fb output)"
fb destroy --auto-approve >/dev/null
echo "package: ok ($(basename "$deb"), $(du -h "$deb" | cut -f1))"
