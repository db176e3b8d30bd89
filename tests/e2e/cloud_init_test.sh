#!/usr/bin/env bash
# The Amazon-Linux-like image as a user meets it: cloud-config user data in HCL. A group whose
# runcmd fails: the console log says why, the instance fails its status check and the group
# replaces it (the log also through `aws ec2 get-console-output`). An instance's /etc and /var/www/html are its own; yum refuses a package the image
# does not have, in the console log; IMDS at 169.254.169.254 answers with the instance's own
# identity and keeps tags to itself unless instance_metadata_tags is "enabled". The instance's
# root cannot remount the machine's view nor write the machine's /root.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10

mkdir -p "$WORK/stack" && cd "$WORK/stack"
cat >main.tf <<'TF'
provider "aws" {
  region = "eu-west-2"
}

locals {
  broken = {
    write_files = [{ path = "/etc/app/ready", content = "no\n" }]
    runcmd      = ["echo checking the app config", "grep -q yes /etc/app/ready"]
  }
}

resource "aws_launch_template" "broken" {
  name      = "broken"
  image_id  = "ami-al2023"
  user_data = base64encode("#cloud-config\n${jsonencode(local.broken)}\n")
}

resource "aws_autoscaling_group" "broken" {
  name               = "broken"
  min_size           = 1
  max_size           = 2
  desired_capacity   = 1
  availability_zones = ["eu-west-2a"]

  launch_template {
    id      = aws_launch_template.broken.id
    version = "$Latest"
  }
}

resource "aws_instance" "tidy" {
  ami               = "ami-al2023"
  availability_zone = "eu-west-2b"
  tags              = { Name = "tidy" }
  user_data         = <<-EOT
    #cloud-config
    packages: [httpd, mariadb105-server]
    EOT
}

resource "aws_instance" "own" {
  ami               = "ami-al2023"
  availability_zone = "eu-west-2c"
  tags              = { Name = "own" }
  user_data         = <<-EOT
    #!/bin/bash
    set -eu
    echo "mine" > /etc/faultbox-e2e-marker
    # Trying to reach past its place: remount the machine's read-only view, write root's home.
    if mount -o remount,rw / 2>/dev/null; then echo remounted > /etc/faultbox-e2e-remounted; fi
    touch /root/faultbox-e2e-escape 2>/dev/null || true
    mkdir -p /var/www/html && echo "own page" > /var/www/html/index.html
    curl -s http://169.254.169.254/latest/meta-data/instance-id > /var/www/html/id
    curl -s -o /dev/null -w '%%{http_code}' http://169.254.169.254/latest/meta-data/tags/instance/Name > /var/www/html/tags
    yum install -y httpd
    systemctl start httpd
    EOT
}
TF
out=$(fb apply --auto-approve)
expect_contains "$out" "Apply complete! Resources: 4 added"

instance_json() { fb --output json instances; }

# The group's first instance fails its runcmd: the console log says so and its status fails.
first=""
for _ in $(seq 100); do
  first=$(instance_json | json "[i['InstanceId'] for i in d if i['Tags'].get('aws:autoscaling:groupName') == 'broken'][0]" 2>/dev/null || true)
  [ -n "$first" ] && break; sleep 0.1
done
[ -n "$first" ] || fail "the group launched no instance"
log="$WORK/.faultbox/instances/$first/console.log"
for _ in $(seq 100); do grep -q "runcmd exited with status 1" "$log" 2>/dev/null && break; sleep 0.1; done
expect_contains "$(cat "$log")" "checking the app config"
expect_contains "$(cat "$log")" "runcmd exited with status 1"
status_of() { instance_json | json "[i['Status'] for i in d if i['InstanceId'] == '$1'][0]"; }
for _ in $(seq 50); do [ "$(status_of "$first")" = impaired ] && break; sleep 0.1; done
[ "$(status_of "$first")" = impaired ] || fail "$first passed its status check after runcmd failed"
# The same log through EC2's API, as a user of the aws CLI reads it.
use_aws_cli
console=$(awsx ec2 get-console-output --instance-id "$first" | json 'd["Output"]')
expect_contains "$console" "runcmd exited with status 1"
# ... and the group replaces it (lab time runs 10x).
replaced=""
for _ in $(seq 300); do
  replaced=$(instance_json | json "' '.join(i['InstanceId'] for i in d if i['Tags'].get('aws:autoscaling:groupName') == 'broken' and i['InstanceId'] != '$first')")
  [ -n "$replaced" ] && break; sleep 0.1
done
[ -n "$replaced" ] || fail "the group never replaced $first: $(instance_json)"

# A package the image does not have: refused in the console log, the boot fails.
tidy=$(instance_json | json "[i['InstanceId'] for i in d if i['Tags'].get('Name') == 'tidy'][0]")
log="$WORK/.faultbox/instances/$tidy/console.log"
for _ in $(seq 100); do grep -q "finished at" "$log" 2>/dev/null && break; sleep 0.1; done
expect_contains "$(cat "$log")" "No match for argument: mariadb105-server"
expect_contains "$(cat "$log")" "packages: could not install"

# A script: its own /etc and /var/www/html, IMDS knows who asks, tags stay private.
own=$(instance_json | json "[i['InstanceId'] for i in d if i['Tags'].get('Name') == 'own'][0]")
ip=$(instance_json | json "[i['PrivateIpAddress'] for i in d if i['Tags'].get('Name') == 'own'][0]")
page=""
for _ in $(seq 100); do page=$(curl -sf "http://$ip/" 2>/dev/null || true); [ -n "$page" ] && break; sleep 0.1; done
[ "$page" = "own page" ] || fail "the own instance served '$page'; console: $(cat "$WORK/.faultbox/instances/$own/console.log")"
[ "$(curl -s "http://$ip/id")" = "$own" ] || fail "IMDS told the instance it is $(curl -s "http://$ip/id"), not $own"
[ "$(curl -s "http://$ip/tags")" = "404" ] || fail "tags without instance_metadata_tags: $(curl -s "http://$ip/tags")"
[ ! -e /etc/faultbox-e2e-marker ] || fail "the instance wrote the machine's /etc"
if [ -e /root/faultbox-e2e-escape ]; then
  rm -f /root/faultbox-e2e-escape
  fail "the instance wrote the machine's /root"
fi
[ ! -e "$WORK/.faultbox/instances/$own/rootfs/etc/faultbox-e2e-remounted" ] ||
  fail "the instance remounted the machine's read-only view"
[ -e "$WORK/.faultbox/instances/$own/rootfs/etc/faultbox-e2e-marker" ] || fail "the instance's own /etc lacks its file"

out=$(fb destroy --auto-approve)
expect_contains "$out" "Destroy complete! Resources: 4 destroyed."
echo "cloud_init: OK"
