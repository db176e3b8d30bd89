#!/usr/bin/env bash
# Runs the README's two commands from a clean clone in a minbase Debian 12 (bookworm) chroot,
# with nothing installed but debootstrap's minbase set: what a new user's fresh machine has.
# As root, with debootstrap; times each command.
#   scripts/fresh-debian.sh [--main-only] [DIR]   (DIR defaults to /var/tmp/faultbox-fresh;
#                                                  an existing DIR is removed first)
#   scripts/fresh-debian.sh --base-only [DIR]     only debootstrap (into DIR.base.tar)
#   scripts/fresh-debian.sh --deb FILE [DIR]      no clone: `apt-get install ./FILE` (a package
#                                                  from scripts/package.sh), then `faultbox
#                                                  workshop` from a login shell
# FAULTBOX_FRESH_CCACHE=DIR shares that ccache directory with the chroot (a repeated check then
# compiles little; its times are not a new machine's).
# The debootstrapped system is kept as DIR.base.tar and unpacked again by later runs (delete it
# for a new debootstrap).
# FAULTBOX_DEBIAN_MIRROR sets the mirror (default http://deb.debian.org/debian). The host's CA
# certificates and proxy settings are carried in, for machines that reach the registries through
# a TLS proxy. The clone is of the committed HEAD of this repository.
set -euo pipefail
main_only=0 base_only=0 deb=""
case "${1:-}" in
  --main-only) main_only=1; shift ;;
  --base-only) base_only=1; shift ;;
  --deb) deb=$(readlink -f "${2:?--deb needs a .deb file}"); shift 2 ;;
esac
root=${1:-/var/tmp/faultbox-fresh}
repo=$(cd "$(dirname "$0")/.." && pwd)
mirror=${FAULTBOX_DEBIAN_MIRROR:-http://deb.debian.org/debian}
[ "$(id -u)" -eq 0 ] || { echo "fresh-debian: run as root (debootstrap, chroot, mounts)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "fresh-debian: needs debootstrap (apt-get install debootstrap)" >&2; exit 2; }

mounted=()
unmount_all() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
  mounted=()
}
trap unmount_all EXIT
mount_at() {  # mount_at TARGET mount-arguments...
  local target=$1
  shift
  mkdir -p "$target"
  mount "$@" "$target"
  mounted+=("$target")
}

if [ -d "$root" ]; then
  findmnt -rn -o TARGET | grep -q "^$root" && { echo "fresh-debian: $root has mounts; unmount them first" >&2; exit 2; }
  rm -rf "$root"
fi
start=$SECONDS
if [ -f "$root.base.tar" ]; then
  echo "==> unpacking the minbase bookworm system of an earlier run ($root.base.tar)"
  mkdir -p "$root" && tar -xf "$root.base.tar" -C "$root"
else
  echo "==> debootstrap --variant=minbase bookworm $root"
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 ||
    { tail -20 "$root.debootstrap.log"; exit 1; }
  cat >"$root/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
SOURCES
  tar -cf "$root.base.tar" -C "$root" .
fi
echo "==> the base system took $((SECONDS - start)) s"
((base_only)) && exit 0

# The host's CA certificates, also where update-ca-certificates looks if a package runs it.
if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  mkdir -p "$root/etc/ssl/certs" "$root/usr/local/share/ca-certificates"
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"

# `/` a mount point inside, as on a real machine (bubblewrap needs it), and the kernel's files.
mount_at "$root" --bind "$root"
mount_at "$root/proc" -t proc proc
mount_at "$root/sys" --rbind /sys
mount_at "$root/dev" --rbind /dev
mount_at "$root/run" -t tmpfs tmpfs
mount_at "$root/tmp" -t tmpfs tmpfs
if [ -n "${FAULTBOX_FRESH_CCACHE:-}" ]; then
  mount_at "$root/root/.cache/ccache" --bind "$FAULTBOX_FRESH_CCACHE"
  echo "==> sharing the ccache in $FAULTBOX_FRESH_CCACHE: the times below are not cold"
fi

mkdir -p "$root/root/faultbox"
[ -n "$deb" ] || git clone -q "$repo" "$root/root/faultbox"
# The workshop's repository beside the clone, where the acceptance tests find it (as CI has it).
if [ -d "$repo/../shared/workshop" ]; then
  mkdir -p "$root/root/shared" && cp -r "$repo/../shared/workshop" "$root/root/shared/workshop"
fi
carried=()
for v in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY NODE_EXTRA_CA_CERTS \
  SSL_CERT_FILE; do
  [ -n "${!v:-}" ] && carried+=("$v=${!v}")
done
# A shared ccache hits across the host and the chroot when the compilers are the same package
# (their files differ only in mtime).
[ -n "${FAULTBOX_FRESH_CCACHE:-}" ] && carried+=(CCACHE_COMPILERCHECK=content)
in_chroot() {
  chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "${carried[@]}" \
    /bin/bash -c "cd /root/faultbox && $1"
}

run_timed() {  # run_timed NAME COMMAND
  local started=$SECONDS
  echo "==> $1 in the chroot: $2"
  if in_chroot "$2" >"$root.$1.log" 2>&1; then
    echo "==> $1 passed in $((SECONDS - started)) s (log: $root.$1.log)"
  else
    tail -40 "$root.$1.log"
    echo "==> $1 FAILED after $((SECONDS - started)) s (log: $root.$1.log)"
    return 1
  fi
}
if [ -n "$deb" ]; then
  cp "$deb" "$root/root/faultbox/"
  run_timed deb "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ./$(basename "$deb") >/dev/null && bash -lc 'faultbox --version && faultbox workshop'"
  exit 0
fi
run_timed main "bash scripts/workshop.sh"
# The README's by-hand section, line by line, from a new login shell (faultbox found on the
# PATH); the ids it prints are carried to the next lines, the traffic loop is stopped at the end.
cat >"$root/root/by-hand.sh" <<'BYHAND'
set -euxo pipefail
command -v faultbox && faultbox --version
cd examples/workshop/step03
faultbox apply --auto-approve --var-file ../common/common.tfvars
for _ in $(seq 60); do curl -sf http://127.20.0.20/ && break; sleep 1; done
# `faultbox alarms` until the alarm is OK (the 503s before the first instance was InService
# fired it).
until faultbox --output json alarms | python3 -c 'import json, sys; sys.exit(any(a["StateValue"] != "OK" for a in json.load(sys.stdin)["MetricAlarms"]))'; do sleep 5; done
faultbox traffic http://127.20.0.20/ >traffic.out 2>&1 &
traffic=$!
template=$(faultbox templates create --file file://templates/stop-two-instances.json)
faultbox experiments start "$template" --watch
faultbox templates update "$template" --selection-mode step03-instances=ALL
rc=0
faultbox experiments start "$template" --watch || rc=$?
[ $rc -eq 2 ]  # run 2 is stopped by the alarm
experiment=$(faultbox --output json experiments list | python3 -c 'import json,sys; print([e["id"] for e in json.load(sys.stdin)["experiments"] if e["state"]["status"] == "stopped"][0])')
faultbox report "$experiment"
kill "$traffic"
faultbox destroy --auto-approve && faultbox down
BYHAND
run_timed by-hand "bash -l /root/by-hand.sh"
((main_only)) || run_timed tests "bash scripts/test.sh"
