# shx_signals — the shell's own signal handling: traps run for signals sent to
# itself, `wait` for a background job (which sleeps in rt_sigsuspend or wait4
# until SIGCHLD) and its status when the job was killed, a CHLD trap, `read`
# from pipes and with a timeout (ppoll), the EXIT trap.

# shx_: sleep is exec'd (not an in-process applet), so the amd64 busybox is
# the oracle.
trap 'echo "trap: USR1"' USR1
kill -USR1 $$
echo "after kill -USR1"

sleep 0.2 &
wait $!; echo "wait for sleep: status $?"

( sleep 5 ) &
job=$!
kill -TERM $job
wait $job; echo "wait for a killed job: status $?"

trap 'echo "trap: CHLD"' CHLD
sleep 0.1 &
wait
trap - CHLD

printf 'a b\nc d\n' | while read -r x y; do echo "read [$x] [$y]"; done
read -t 1 line < /dev/null; echo "read -t from /dev/null: status $?"
{ sleep 0.2; echo late; } | { read -r -t 5 v; echo "read -t 5 got: $v"; }

trap 'echo "trap: EXIT"' EXIT
echo done
