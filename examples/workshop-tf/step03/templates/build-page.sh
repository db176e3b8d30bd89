#!/bin/bash
# Builds the web page from the instance metadata service (IMDSv2), as the workshop's instances
# do on EC2: which server this is, and in which Availability Zone it runs.
set -euo pipefail
imds=http://169.254.169.254/latest
token=$(curl -sf -X PUT "$imds/api/token" -H "X-aws-ec2-metadata-token-ttl-seconds: 300")
meta() { curl -sf -H "X-aws-ec2-metadata-token: $token" "$imds/meta-data/$1"; }
INSTANCE_ID=$(meta instance-id)
AVAILABILITY_ZONE=$(meta placement/availability-zone)
NAME=$(meta tags/instance/Name)
PANDA=$(meta tags/instance/Panda)
export INSTANCE_ID AVAILABILITY_ZONE NAME PANDA
envsubst < /var/www/html/index.html.tmpl > /var/www/html/index.html
