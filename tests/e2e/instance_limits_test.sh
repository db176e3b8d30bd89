#!/usr/bin/env bash
# Instances get their instance type's resources, enforced by the kernel (cgroups), on the
# workshop's own step03 (three t3.nano: 512 MiB and half a core each): every process of an
# instance is in its instance's cgroup; AWSFIS-Run-CPU-Stress sent with the real aws CLI takes
# at most the instance's half core, measured from the kernel's CPU times of its processes, and
# slows that instance's page only (medians at each address); the lab's own CPU and memory stay
# near idle with all three stressed; a
# program in an instance that asks for 900 MiB is killed at the instance's 512 MiB while the lab
# and the other instances serve on. After a kill -9 of the lab, `faultbox down` removes the cgroups
# it left.
source "$(dirname "$0")/lib.sh"
export FAULTBOX_SPEED=10
use_aws_cli
[ "$(id -u)" = 0 ] || fail "the kernel's bounds need root (the lab runs as root here)"
apply_workshop_repo init step03
wait_in_service
read -r -a ids <<<"$(awsx ec2 describe-instances --filters Name=instance-state-name,Values=running |
  json '" ".join(sorted(i["InstanceId"] for r in d["Reservations"] for i in r["Instances"]))')"
[ "${#ids[@]}" -eq 3 ] || fail "expected 3 running instances, got ${ids[*]}"
wait_ssm_agents 3
grep -q "bounded to their instance types by cgroup" "$WORK/.faultbox/lab.log" ||
  fail "the lab did not bound its instances: $(grep -i cgroup "$WORK/.faultbox/lab.log")"

# The lab's cgroups are named from its data directory (core/lab_fingerprint.h).
lab_name="faultbox_$(printf %s "$WORK/.faultbox" | sha256sum | cut -c1-12)"
lab_cgroups() { find /sys/fs/cgroup -mindepth 2 -maxdepth 8 -type d -name "$lab_name" 2>/dev/null || true; }
cgroup_dirs() { find /sys/fs/cgroup -mindepth 3 -maxdepth 9 -type d -path "*/$lab_name/$1" 2>/dev/null || true; }
memory_dir() {  # the instance's cgroup with its memory files (v1: the memory hierarchy's)
  local d
  for d in $(cgroup_dirs "$1"); do
    if [ -f "$d/memory.limit_in_bytes" ] || [ -f "$d/memory.max" ]; then echo "$d"; return; fi
  done
}
memory_limit() { local d; d=$(memory_dir "$1"); cat "$d/memory.limit_in_bytes" 2>/dev/null || cat "$d/memory.max"; }
cpu_cores_allowed() {
  local d
  for d in $(cgroup_dirs "$1"); do
    if [ -f "$d/cpu.cfs_quota_us" ]; then
      awk -v q="$(cat "$d/cpu.cfs_quota_us")" -v p="$(cat "$d/cpu.cfs_period_us")" 'BEGIN{print q/p}'; return
    elif [ -f "$d/cpu.max" ]; then
      awk '{print $1/$2}' "$d/cpu.max"; return
    fi
  done
}
instance_pids() {  # every process carrying the instance's identity
  grep -lz "^INSTANCE_ID=$1\$" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3 || true
}

# 1. Each instance is bounded to a t3.nano, and none of its processes is outside its cgroup.
for id in "${ids[@]}"; do
  [ "$(memory_limit "$id")" = 536870912 ] || fail "$id: memory limit '$(memory_limit "$id")', want 512 MiB"
  [ "$(cpu_cores_allowed "$id")" = 0.5 ] || fail "$id: CPU '$(cpu_cores_allowed "$id")' cores, want 0.5"
  members=$(cat "$(memory_dir "$id")/cgroup.procs")
  pids=$(instance_pids "$id")
  [ -n "$pids" ] || fail "$id: no process found"
  for pid in $pids; do
    grep -qx "$pid" <<<"$members" || fail "$id: process $pid ($(cat /proc/$pid/comm 2>/dev/null)) is outside its cgroup"
  done
done
echo "3 instances: 512 MiB and 0.5 cores each, all $(instance_pids "${ids[0]}" | wc -l) processes of ${ids[0]} inside"

# 2. CPU stress: stress-ng runs one stressor per processor at 100 %, and the instance gets its
# half core. CPU time is summed over the instance's processes (utime + stime) across 3 s. The
# stressed instance's page gets slower at its own address; the other two's stay as they were.
cpu_ticks() {  # PID... → their utime + stime, in clock ticks
  local total=0 pid t
  for pid in "$@"; do
    t=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + t))
  done
  echo "$total"
}
cores_over_3s() {  # COMMAND... → the cores the pids it prints use over 3 s
  local before after
  before=$(cpu_ticks $("$@"))
  sleep 3
  after=$(cpu_ticks $("$@"))
  awk -v d=$((after - before)) -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.3f", d / hz / 3}'
}
members() { cat "$(memory_dir "$1")/cgroup.procs"; }
read -r -a ips <<<"$(awsx ec2 describe-instances --instance-ids "${ids[@]}" |
  json '" ".join(i["PrivateIpAddress"] for i in sorted((i for r in d["Reservations"] for i in r["Instances"]), key=lambda i: i["InstanceId"]))')"
# The median time of 40 requests to each instance's own address, in ms. 25 ms apart, as a client
# that comes now and then: a throttled instance answers at the next CPU period it may run in.
medians() {
  python3 - "${ips[@]}" <<'PY'
import statistics, sys, time, urllib.request
out = []
for ip in sys.argv[1:]:
    times = []
    for _ in range(40):
        start = time.perf_counter()
        urllib.request.urlopen(f"http://{ip}/", timeout=10).read()
        times.append((time.perf_counter() - start) * 1000)
        time.sleep(0.025)
    out.append(f"{statistics.median(times):.2f}")
print(" ".join(out))
PY
}
lab_pid=$(json 'd["pid"]' <"$WORK/.faultbox/lab.json")
lab_rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$lab_pid/status"; }
read -r -a before <<<"$(medians)"
lab_idle=$(cores_over_3s echo "$lab_pid")
rss_idle=$(lab_rss_kib)

cmd=$(awsx ssm send-command --document-name AWSFIS-Run-CPU-Stress --instance-ids "${ids[0]}" \
  --parameters '{"DurationSeconds":["600"]}' | json 'd["Command"]["CommandId"]')
wait_invocation "$cmd" "${ids[0]}" InProgress >/dev/null
for _ in $(seq 40); do
  [ "$(grep -c . <(pgrep -x stress-ng -d '\n' | grep -xF -f <(members "${ids[0]}") || true))" -ge 2 ] && break
  sleep 0.25
done
sleep 1
used=$(cores_over_3s members "${ids[0]}")
echo "CPU-Stress in ${ids[0]}: its processes used $used cores (bound 0.5; the machine has $(nproc))"
awk -v u="$used" 'BEGIN{exit !(u >= 0.3 && u <= 0.6)}' || fail "the stressed instance used $used cores, want about 0.5"
read -r -a during <<<"$(medians)"
echo "median ms at each instance's address, before -> during: ${before[0]} -> ${during[0]} (stressed), ${before[1]} -> ${during[1]}, ${before[2]} -> ${during[2]}"
awk -v b="${before[0]}" -v d="${during[0]}" 'BEGIN{exit !(d > b * 1.5 && d > b + 1)}' ||
  fail "the stressed instance's page did not get slower: ${before[0]} -> ${during[0]} ms"
for n in 1 2; do  # within 20 %, or 2 ms on loopback's sub-millisecond times
  awk -v b="${before[$n]}" -v d="${during[$n]}" 'BEGIN{x = d - b; if (x < 0) x = -x; exit !(x <= b * 0.2 || x <= 2)}' ||
    fail "${ids[$n]} changed from ${before[$n]} to ${during[$n]} ms while another instance was stressed"
done
awsx ssm cancel-command --command-id "$cmd" >/dev/null
wait_invocation "$cmd" "${ids[0]}" Cancelled >/dev/null

# The lab itself while all three instances are stressed: its CPU and memory stay near idle.
cmd=$(awsx ssm send-command --document-name AWSFIS-Run-CPU-Stress --instance-ids "${ids[@]}" \
  --parameters '{"DurationSeconds":["600"]}' | json 'd["Command"]["CommandId"]')
for id in "${ids[@]}"; do wait_invocation "$cmd" "$id" InProgress >/dev/null; done
sleep 1
lab_stressed=$(cores_over_3s echo "$lab_pid")
rss_stressed=$(lab_rss_kib)
echo "the lab with 3 instances stressed: $lab_stressed cores (idle $lab_idle), RSS $((rss_stressed / 1024)) MiB (idle $((rss_idle / 1024)) MiB)"
awk -v i="$lab_idle" -v s="$lab_stressed" 'BEGIN{exit !(s <= i * 1.1 + 0.02)}' ||
  fail "the lab used $lab_stressed cores with 3 instances stressed, $lab_idle idle"
[ "$rss_stressed" -le $((rss_idle * 11 / 10 + 4096)) ] || fail "the lab grew from $rss_idle to $rss_stressed KiB"
awsx ssm cancel-command --command-id "$cmd" >/dev/null
for id in "${ids[@]}"; do wait_invocation "$cmd" "$id" Cancelled >/dev/null; done

# 3. Memory: a program that asks for 900 MiB meets the instance's 512 MiB: the kernel ends it,
# the command fails, the instance's other processes and the lab serve on.
cmd=$(awsx ssm send-command --document-name AWS-RunShellScript --instance-ids "${ids[1]}" \
  --parameters '{"commands":["python3 -c \"b = bytearray(900 * 2**20); print(len(b))\""]}' |
  json 'd["Command"]["CommandId"]')
inv=$(wait_invocation "$cmd" "${ids[1]}" Failed Success)
[ "$(json 'd["Status"]' <<<"$inv")" = Failed ] || fail "900 MiB fit in a t3.nano: $inv"
mem=$(memory_dir "${ids[1]}")
peak=$(cat "$mem/memory.max_usage_in_bytes" 2>/dev/null || cat "$mem/memory.peak" 2>/dev/null || echo 0)
echo "900 MiB in ${ids[1]}: $(json 'd["Status"]' <<<"$inv") (exit $(json 'd["ResponseCode"]' <<<"$inv")), its cgroup's peak $((peak / 1048576)) MiB"
[ "$peak" -le 536870912 ] || fail "the instance's memory peaked at $peak bytes, over 512 MiB"
wait_in_service 3
expect_rotation "$(cd "$WORK/repo/steps/step03" && fb --output json output | json 'd["outputs"]["elb_url"]["value"]')"

# 4. Each instance has a root disk of its own (1 GiB, ext4, sparse on the machine): df inside the
# instance sees it; AWSFIS-Run-Disk-Fill fills it to 90 % without taking the machine's disk, and
# cancelling frees it; AWSFIS-Run-IO-Stress writes on it.
rootfs() { echo "$WORK/.faultbox/instances/$1/rootfs"; }
use_percent() { df -P -k "$(rootfs "$1")" | awk 'NR == 2 {sub("%", "", $5); print $5}'; }
image_kib() { du -k "$WORK/.faultbox/instances/$1/disk.img" | cut -f1; }
run_in() {  # INSTANCE COMMAND → its output, once it succeeded
  local c
  c=$(awsx ssm send-command --document-name AWS-RunShellScript --instance-ids "$1" \
    --parameters "$(python3 -c 'import json,sys; print(json.dumps({"commands": [sys.argv[1]]}))' "$2")" |
    json 'd["Command"]["CommandId"]')
  wait_invocation "$c" "$1" Success | json 'd["StandardOutputContent"]'
}
victim=${ids[2]}
# The group keeps the instance whose disk is stressed (EC2 health checks): at --speed 10 the load
# balancer's 2 s check timeout is 200 ms of wall clock, which a page read from a disk under
# stress-ng's I/O can miss, and the group would replace the instance in the middle of the test.
group=$(awsx autoscaling describe-auto-scaling-groups | json 'd["AutoScalingGroups"][0]["AutoScalingGroupName"]')
awsx autoscaling update-auto-scaling-group --auto-scaling-group-name "$group" --health-check-type EC2
inside=$(run_in "$victim" "df -P -k /var | awk 'NR == 2 {print \$2}'")
[ "$inside" -gt 900000 ] && [ "$inside" -le 1048576 ] || fail "the instance's /var is $inside KiB, want its 1 GiB disk"
image_before=$(image_kib "$victim")
cmd=$(awsx ssm send-command --document-name AWSFIS-Run-Disk-Fill --instance-ids "$victim" \
  --parameters '{"DurationSeconds":["600"],"Percent":["90"]}' | json 'd["Command"]["CommandId"]')
for _ in $(seq 80); do [ "$(use_percent "$victim")" -ge 90 ] && break; sleep 0.25; done
[ "$(use_percent "$victim")" -ge 90 ] || fail "Disk-Fill left the disk $(use_percent "$victim")% full"
inside_use=$(run_in "$victim" "df -P /var | awk 'NR == 2 {print \$5}'")
grown=$(( $(image_kib "$victim") - image_before ))
echo "Disk-Fill 90 % in $victim: df in the instance says ${inside_use}, its image grew by $((grown / 1024)) MiB on the machine"
[ "$grown" -lt 65536 ] || fail "the fill took $((grown / 1024)) MiB of the machine's disk"
awsx ssm cancel-command --command-id "$cmd" >/dev/null
wait_invocation "$cmd" "$victim" Cancelled >/dev/null
for _ in $(seq 40); do [ "$(use_percent "$victim")" -lt 20 ] && break; sleep 0.25; done
[ "$(use_percent "$victim")" -lt 20 ] || fail "the cancelled fill left the disk $(use_percent "$victim")% full"

used_kib() { df -P -k "$(rootfs "$1")" | awk 'NR == 2 {print $3}'; }
used_before=$(used_kib "$victim")
cmd=$(awsx ssm send-command --document-name AWSFIS-Run-IO-Stress --instance-ids "$victim" \
  --parameters '{"DurationSeconds":["600"],"Percent":["20"]}' | json 'd["Command"]["CommandId"]')
written=0
for _ in $(seq 60); do
  written=$(( $(used_kib "$victim") - used_before ))
  [ "$written" -ge 1024 ] && break
  sleep 0.25
done
echo "IO-Stress in $victim: stress-ng's files took $((written / 1024)) MiB of its disk; the disk is $(use_percent "$victim")% full"
[ "$written" -ge 1024 ] || fail "IO-Stress wrote only $written KiB on the instance's disk"
awsx ssm cancel-command --command-id "$cmd" >/dev/null
wait_invocation "$cmd" "$victim" Cancelled >/dev/null

# A fill the instance goes down in the middle of (its lab killed) is gone at its next boot.
cmd=$(awsx ssm send-command --document-name AWSFIS-Run-Disk-Fill --instance-ids "$victim" \
  --parameters '{"DurationSeconds":["600"]}' | json 'd["Command"]["CommandId"]')
for _ in $(seq 80); do [ "$(use_percent "$victim")" -ge 95 ] && break; sleep 0.25; done
[ "$(use_percent "$victim")" -ge 95 ] || fail "Disk-Fill's default left the disk $(use_percent "$victim")% full"
lab_pid=$(json 'd["pid"]' <"$WORK/.faultbox/lab.json")
kill -9 "$lab_pid"
for _ in $(seq 50); do kill -0 "$lab_pid" 2>/dev/null || break; sleep 0.1; done
fb experiments list >/dev/null  # starts the next lab, which boots the instances again
wait_ssm_agents 3
for _ in $(seq 120); do [ "$(use_percent "$victim")" -lt 20 ] && break; sleep 0.25; done
[ "$(use_percent "$victim")" -lt 20 ] ||
  fail "after the restart the disk is $(use_percent "$victim")% full; $victim: $(awsx ec2 describe-instances --instance-ids "$victim" |
    json 'd["Reservations"][0]["Instances"][0]["State"]["Name"]'); its console: $(tail -n 8 "$WORK/.faultbox/instances/$victim/console.log")"
echo "Disk-Fill at a kill -9: the disk is $(use_percent "$victim")% full once the instance booted again"
wait_in_service 3

# 5. kill -9 of the lab: its instances end with it, their cgroups stay until `faultbox down`.
[ -n "$(lab_cgroups)" ] || fail "no cgroup of the lab found"
lab_pid=$(json 'd["pid"]' <"$WORK/.faultbox/lab.json")
kill -9 "$lab_pid"
for _ in $(seq 50); do kill -0 "$lab_pid" 2>/dev/null || break; sleep 0.1; done
for _ in $(seq 50); do [ -z "$(instance_pids "${ids[2]}")" ] && break; sleep 0.1; done
fb down >/dev/null
[ -z "$(lab_cgroups)" ] || fail "cgroups left after kill -9 and down: $(lab_cgroups)"
mounted=$(grep -c " $WORK/" /proc/self/mountinfo || true)
[ "$mounted" = 0 ] || fail "$mounted instance disk(s) still mounted after kill -9 and down"
echo PASS
