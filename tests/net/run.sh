#!/usr/bin/env bash
# run.sh — guest socket clients under tern talking to a host server
# (tests/net/net.mk: `make net-check`).
#
# Starts $NET_DIR/echo_server (native x86-64), which picks ephemeral TCP and
# UDP ports on 127.0.0.1 and writes them to a file in a private temporary
# directory; then runs $NET_DIR/echo_client-native (the oracle) and each
# guest build $NET_DIR/echo_client-<flavour> under $TERN against it. A guest
# passes when its stdout equals the native client's and its exit status is
# 0; the native run must itself report "client: all echoed", so a server
# that echoes nothing cannot pass everyone. Prints PASS/FAIL per flavour and
# "N passed, N failed"; exits non-zero on any failure.
#
# Robustness: every client run has a timeout (NET_TIMEOUT, default 60 s;
# the clients also time out their own receives after 10 s), the port file
# is waited for at most 10 s, and the server is killed and the directory
# removed on any exit (the server also dies with its parent and after
# 120 s on its own).
#
# Environment:
#   TERN      the translator, may include options; default build/tern
#   NET_DIR   where net.mk built the server and clients; default build/net
#   NET_FLAVOURS  guest builds to run; default "riscv64 aarch64 aarch64-musl"
set -uo pipefail

cd "$(dirname "$0")/../.." || exit 2
read -r -a TERN_CMD <<< "${TERN:-build/tern}"
NET_DIR=${NET_DIR:-build/net}
NET_TIMEOUT=${NET_TIMEOUT:-60}
read -r -a FLAVOURS <<< "${NET_FLAVOURS:-riscv64 aarch64 aarch64-musl}"

for f in echo_server echo_client-native; do
    [ -x "$NET_DIR/$f" ] || { echo "net-check: $NET_DIR/$f not built (make net-check)" >&2; exit 2; }
done
if ! command -v "${TERN_CMD[0]}" > /dev/null 2>&1 && [ ! -x "${TERN_CMD[0]}" ]; then
    echo "net-check: tern not found: ${TERN_CMD[0]}" >&2
    exit 2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tern-net.XXXXXX") || exit 2
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2> /dev/null
        wait "$SERVER_PID" 2> /dev/null
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$NET_DIR/echo_server" "$WORK/ports" 2> "$WORK/server.err" &
SERVER_PID=$!

# the port file appears once the server listens (written whole, by rename)
for _ in $(seq 100); do
    [ -s "$WORK/ports" ] && break
    kill -0 "$SERVER_PID" 2> /dev/null || break
    sleep 0.1
done
if ! read -r TCP_PORT UDP_PORT < "$WORK/ports" 2> /dev/null || [ -z "${UDP_PORT:-}" ]; then
    echo "net-check: the echo server did not start:"
    sed 's/^/    | /' "$WORK/server.err"
    exit 1
fi

# run_client NAME CMD... : stdout -> $WORK/NAME.out, stderr -> .err, status -> .rc
run_client() {
    local name=$1
    shift
    env -i PATH=/usr/local/bin:/usr/bin:/bin LC_ALL=C \
        timeout -k 5 "$NET_TIMEOUT" "$@" "$TCP_PORT" "$UDP_PORT" \
        < /dev/null > "$WORK/$name.out" 2> "$WORK/$name.err"
    echo $? > "$WORK/$name.rc"
}

passed=0
failed=0
run_client native "$NET_DIR/echo_client-native"
if [ "$(cat "$WORK/native.rc")" != 0 ] || ! grep -qx 'client: all echoed' "$WORK/native.out"; then
    echo "FAIL native oracle (status $(cat "$WORK/native.rc"))"
    sed 's/^/    | /' "$WORK/native.out" "$WORK/native.err" | tail -n 20
    echo "0 passed, 1 failed"
    exit 1
fi

for fl in "${FLAVOURS[@]}"; do
    prog=$NET_DIR/echo_client-$fl
    if [ ! -x "$prog" ]; then
        echo "FAIL $fl: $prog not built"
        failed=$((failed + 1))
        continue
    fi
    run_client "$fl" "${TERN_CMD[@]}" "$prog"
    rc=$(cat "$WORK/$fl.rc")
    if [ "$rc" = 0 ] && cmp -s "$WORK/native.out" "$WORK/$fl.out"; then
        echo "PASS $fl"
        passed=$((passed + 1))
    else
        echo "FAIL $fl (status $rc$([ "$rc" = 124 ] && echo ", timed out after ${NET_TIMEOUT}s"))"
        diff -u --label native --label "tern $fl" "$WORK/native.out" "$WORK/$fl.out" | sed -n '3,22s/^/    /p'
        [ -s "$WORK/$fl.err" ] && tail -n 8 "$WORK/$fl.err" | sed 's/^/    | /'
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
