#!/usr/bin/env bash
# An instance whose user data tries to reach past its place, as a participant's (or a
# compromised package's) script would, next to a neighbour instance. From inside, each attempt
# fails: remounting the machine's view or writing its files, reading a secret in the home of the
# lab's user or the machine's /etc/shadow, finding the lab's control token, stopping the lab,
# signalling it, reading the neighbour's metadata by its id or by binding its address (the
# metadata service knows its callers by their sockets, not their addresses), taking the
# neighbour's SSM commands. Its own metadata still answers it, IMDSv2 tokens and all. Checked
# from outside too: the lab is alive, the neighbour still serves, the machine is unchanged.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
make_home_secret
secret=$HOME_SECRET
MACHINE_FILES+=(/usr/faultbox-e2e-escape)  # if the sandbox let it through

mkdir -p "$WORK/stack" && cd "$WORK/stack"
cat >main.tf <<'TF'
provider "aws" {
  region = "eu-west-2"
}

resource "aws_instance" "neighbour" {
  ami               = "ami-al2023"
  availability_zone = "eu-west-2a"
  tags              = { Name = "neighbour" }
  user_data         = <<-EOT
    #!/bin/bash
    mkdir -p /var/www/html && echo "neighbour page" > /var/www/html/index.html
    yum install -y httpd
    systemctl start httpd
    EOT
}
TF
fb apply --auto-approve >/dev/null
instance_field() { fb --output json instances | json "[i['$2'] for i in d if i['Tags'].get('Name') == '$1'][0]"; }
neighbour=$(instance_field neighbour InstanceId)
neighbour_ip=$(instance_field neighbour PrivateIpAddress)
web=$neighbour_ip
[ "$(id -u)" = 0 ] || web=$neighbour_ip:8080  # a lab run by a user moves ports below 1024 up
for _ in $(seq 100); do curl -sf "http://$web/" >/dev/null 2>&1 && break; sleep 0.1; done
[ "$(curl -s "http://$web/")" = "neighbour page" ] || fail "the neighbour does not serve"
lab_pid=$(json 'd["pid"]' <"$WORK/.faultbox/lab.json")

# Each attempt prints "<what>: <result>"; the lab's address comes from the instance's own
# environment (AWS_EC2_METADATA_SERVICE_ENDPOINT), as a script would find it. (\$ is the shell's
# here; HCL reads \$\${ and %%{ as a plain \${ and %{.)
cat >hostile.tf <<TF
resource "aws_instance" "hostile" {
  ami               = "ami-al2023"
  availability_zone = "eu-west-2b"
  tags              = { Name = "hostile" }
  user_data         = <<-EOT
    #!/bin/bash
    lab=\$\${AWS_EC2_METADATA_SERVICE_ENDPOINT%/_imds/*}
    imds=http://169.254.169.254/latest
    code() { curl -s -o /dev/null -w '%%{http_code}' --max-time 5 "\$@"; }
    mount -o remount,rw / 2>/dev/null && echo "remount: done" || echo "remount: refused"
    touch /usr/faultbox-e2e-escape 2>/dev/null && echo "write /usr: done" || echo "write /usr: refused"
    cat "$secret" 2>/dev/null && echo "home secret: read" || echo "home secret: unseen"
    grep -q root /etc/shadow 2>/dev/null && echo "shadow: read" || echo "shadow: unseen"
    cat "$WORK/.faultbox/lab.json" >/dev/null 2>&1 && echo "lab.json: read" || echo "lab.json: unseen"
    kill -0 $lab_pid 2>/dev/null && echo "signal lab: reached" || echo "signal lab: unreachable"
    echo "shutdown: \$(code -X POST "\$lab/_faultbox/shutdown")"
    echo "neighbour imds by id: \$(code "\$lab/_imds/$neighbour/latest/meta-data/instance-id")"
    ask_as() { python3 -c 'import socket, sys; s = socket.create_connection(("169.254.169.254", 80), 5, (sys.argv[1], 0)); s.sendall(b"GET /latest/meta-data/instance-id HTTP/1.0\r\nHost: 169.254.169.254\r\n\r\n"); print(s.recv(100).split(b" ")[1].decode())' "\$@"; }
    echo "neighbour imds by address: \$(ask_as $neighbour_ip)"
    echo "own imds by address: \$(ask_as \$ADDRESS)"
    echo "neighbour ssm work: \$(code -X POST "\$lab/_ssm/$neighbour/work?session=x")"
    token=\$(curl -sf -X PUT "\$imds/api/token" -H "X-aws-ec2-metadata-token-ttl-seconds: 60")
    echo "own id: \$(curl -sf "\$imds/meta-data/instance-id" -H "X-aws-ec2-metadata-token: \$token")"
    echo "own id with a forged token: \$(code "\$imds/meta-data/instance-id" -H "X-aws-ec2-metadata-token: forged")"
    echo "probes done"
    EOT
}
TF
fb apply --auto-approve >/dev/null
hostile=$(instance_field hostile InstanceId)
log="$WORK/.faultbox/instances/$hostile/console.log"
for _ in $(seq 300); do grep -q "probes done" "$log" 2>/dev/null && break; sleep 0.1; done
console=$(cat "$log")
expect_contains "$console" "probes done"
echo "$console" | grep -E "^[a-z].*: " | grep -v "^\[" || true
for line in "remount: refused" "write /usr: refused" "home secret: unseen" "shadow: unseen" \
  "lab.json: unseen" "signal lab: unreachable" "shutdown: 403" "neighbour imds by id: 403" \
  "neighbour imds by address: 403" "own imds by address: 200" "neighbour ssm work: 403" "own id: $hostile" \
  "own id with a forged token: 401"; do
  expect_contains "$console" "$line"
done
[[ "$console" != *"the lab user's secret"* ]] || fail "the instance read a secret in \$HOME"

# From outside: the lab answers, the neighbour serves, the machine is as it was.
curl -sf "http://127.0.0.1:$FAULTBOX_PORT/_faultbox/health" >/dev/null || fail "the lab is gone"
[ "$(curl -s "http://$web/")" = "neighbour page" ] || fail "the neighbour stopped serving"
[ ! -e /usr/faultbox-e2e-escape ] || fail "the instance wrote the machine's /usr"
[ "$(cat "$secret")" = "the lab user's secret" ] || fail "the secret changed"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$FAULTBOX_PORT/_imds/$neighbour/latest/meta-data/instance-id")
[ "$code" = 403 ] || fail "the neighbour's metadata answered $code to a process outside it"
fb destroy --auto-approve >/dev/null
echo "hostile instance: OK"
