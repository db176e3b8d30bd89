#!/usr/bin/env bash
# One lab per data directory, decided by the lock the lab holds, never by how fast it answers:
# a frozen lab (SIGSTOP) is waited for, not replaced; a second `serve` and a CLI asking for
# another port are refused by name; a lab killed with -9 is replaced by the next command; a port
# in use is reported as such.
source "$(dirname "$0")/lib.sh"

fb instances >/dev/null 2>&1  # starts the lab in the background
pid=$(json 'd["pid"]' <.faultbox/lab.json)
kill -0 "$pid" || fail "no lab process"
serves() { pgrep -f -- "--data-dir $WORK/.faultbox serve" | wc -l; }

# Frozen for 5 s while 5 commands wait: all of them get their answers afterwards.
kill -STOP "$pid"
waiters=()
for i in 1 2 3 4 5; do
  fb --output json instances >"out$i" 2>"err$i" &
  waiters+=($!)
done
sleep 5
[ "$(serves)" -eq 1 ] || fail "$(serves) serve processes while the lab was frozen, expected 1"
kill -CONT "$pid"
for i in 1 2 3 4 5; do
  wait "${waiters[$((i - 1))]}" || fail "command $i failed: $(cat "err$i")"
  [ "$(json 'len(d)' <"out$i")" = 0 ] || fail "command $i answered: $(cat "out$i")"
done
expect_contains "$(cat err1)" "The lab (pid $pid, http://127.0.0.1:$FAULTBOX_PORT) is slow to answer"
[ "$(serves)" -eq 1 ] || fail "$(serves) serve processes after the freeze, expected 1"
[ "$(json 'd["pid"]' <.faultbox/lab.json)" = "$pid" ] || fail "lab.json changed: $(cat .faultbox/lab.json)"

# A second lab on the same directory, on any port, is refused and names the running one.
out=$("$FAULTBOX" "${D[@]}" serve --port "$(free_port)" 2>&1) && fail "a second serve started"
expect_contains "$out" "ConflictException: a lab already serves $WORK/.faultbox (pid $pid, http://127.0.0.1:$FAULTBOX_PORT)"
out=$(FAULTBOX_PORT=$(free_port) fb instances 2>&1) && fail "a command for another port used this lab"
expect_contains "$out" "runs at http://127.0.0.1:$FAULTBOX_PORT (pid $pid)"
[ "$(serves)" -eq 1 ] || fail "$(serves) serve processes, expected 1"

# Killed with -9: the lock went with the process, so the next command starts a new lab.
kill -9 "$pid"
for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
out=$(fb instances 2>&1) || fail "no new lab after kill -9: $out"
expect_contains "$out" "Started a lab in the background"
new_pid=$(json 'd["pid"]' <.faultbox/lab.json)
[ "$new_pid" != "$pid" ] || fail "lab.json still names the killed lab"

# A port another program holds: the lab says so (it once said "Success").
busy=$(free_port)
python3 -c 'import socket,sys,time; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(); time.sleep(30)' "$busy" &
STARTED_PIDS+=($!)
sleep 0.5
out=$("$FAULTBOX" --data-dir "$WORK/other" serve --port "$busy" 2>&1) && fail "serve on a busy port started"
expect_contains "$out" "cannot listen on 127.0.0.1:$busy: Address already in use"
echo "lab frozen: ok"
