#!/usr/bin/env bash
# run.sh — run the NEON tests under tern and compare (called by neon.mk).
#
#   neon_NAME  ($BUILD/neon/neon_NAME): stdout and exit status under tern must
#              equal qemu-aarch64's on the same binary; the output must end
#              with "NAME done" (a run that stopped early fails) and hold no
#              line starting with "FAIL" (neon_crypto's known answers) in
#              either run, so a wrong result fails even where qemu agrees.
#   vec_NAME   ($BUILD/neon/{aarch64,native}/vec_NAME): stdout and exit status
#              under tern must equal the native build's; before running,
#              objdump must show AdvSIMD instructions (a register like v3.4s)
#              in every loop_* function of the aarch64 build.
#
# Prints "PASS name" / "FAIL name" (with a short diff and, on SIGILL, the
# instruction tern refused) and finally exactly "N passed, N failed".
# Usage: tests/neon/run.sh [NAME...]     (default: every tests/neon/*.c)
# Environment: TERN (default build/tern), QEMU (default qemu-aarch64-static),
#              BUILD (default build), OBJDUMP (default aarch64-linux-gnu-objdump),
#              TEST_TIMEOUT seconds (default 60)
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2

read -r -a TERN_CMD <<< "${TERN:-build/tern}"
read -r -a QEMU_CMD <<< "${QEMU:-qemu-aarch64-static}"
BUILD=${BUILD:-build}
OBJDUMP=${OBJDUMP:-aarch64-linux-gnu-objdump}
TEST_TIMEOUT=${TEST_TIMEOUT:-60}

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
    for f in tests/neon/neon_*.c tests/neon/vec_*.c; do
        [ -e "$f" ] || continue
        n=${f##*/}; names+=("${n%.c}")
    done
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tern-neon.XXXXXX") || exit 2
trap 'rm -rf "$WORK"' EXIT

run() { # out-prefix cmd...
    local out=$1; shift
    env -i PATH=/usr/bin:/bin LC_ALL=C timeout -k 5 "$TEST_TIMEOUT" "$@" < /dev/null > "$out.out" 2> "$out.err"
    echo $? > "$out.rc"
}

# the loop_* functions of BIN that hold no AdvSIMD instruction
unvectorised() {
    "$OBJDUMP" -d --no-show-raw-insn "$1" | awk '
        /^[0-9a-f]+ <loop_[A-Za-z0-9_]+>:$/ { f = $2; gsub(/[<>:]/, "", f); n[f] = 0; next }
        /^$/ { f = "" }
        f != "" && /v[0-9]+\.(16b|8b|8h|4h|4s|2s|2d|1d)/ { n[f]++ }
        END { for (k in n) if (n[k] == 0) printf "%s ", k; for (k in n) c++; if (c == 0) printf "(no loop_* functions) " }'
}

pass=0 fail=0
for n in "${names[@]}"; do
    why=()
    case $n in
    neon_*)
        bin=$BUILD/neon/$n
        if [ ! -x "$bin" ]; then echo "FAIL $n (not built: make neon-build)"; fail=$((fail + 1)); continue; fi
        oracle=qemu
        run "$WORK/$n.want" "${QEMU_CMD[@]}" "$bin"
        run "$WORK/$n.got" "${TERN_CMD[@]}" "$bin"
        [ "$(tail -n 1 "$WORK/$n.want.out")" = "$n done" ] || why+=("qemu run did not finish")
        [ "$(tail -n 1 "$WORK/$n.got.out")" = "$n done" ] || why+=("tern run did not finish")
        grep -q '^FAIL' "$WORK/$n.got.out" && why+=("known-answer FAIL under tern")
        grep -q '^FAIL' "$WORK/$n.want.out" && why+=("known-answer FAIL under qemu")
        ;;
    vec_*)
        bin=$BUILD/neon/aarch64/$n
        native=$BUILD/neon/native/$n
        if [ ! -x "$bin" ] || [ ! -x "$native" ]; then
            echo "FAIL $n (not built: make neon-build)"; fail=$((fail + 1)); continue
        fi
        oracle=native
        if ! command -v "$OBJDUMP" > /dev/null 2>&1; then
            why+=("no $OBJDUMP to check the vectorisation")
        else
            scalar=$(unvectorised "$bin")
            [ -z "$scalar" ] || why+=("not vectorised by the compiler: ${scalar% }")
        fi
        run "$WORK/$n.want" "$native"
        run "$WORK/$n.got" "${TERN_CMD[@]}" "$bin"
        [ -s "$WORK/$n.want.out" ] || why+=("no output natively")
        ;;
    *) echo "FAIL $n (tests/neon holds neon_*.c and vec_*.c)"; fail=$((fail + 1)); continue ;;
    esac
    cmp -s "$WORK/$n.want.out" "$WORK/$n.got.out" || why+=("stdout differs")
    rw=$(cat "$WORK/$n.want.rc") rg=$(cat "$WORK/$n.got.rc")
    [ "$rw" = "$rg" ] || why+=("exit status $oracle $rw, tern $rg")
    if [ ${#why[@]} -eq 0 ]; then
        echo "PASS $n"
        pass=$((pass + 1))
    else
        reasons=$(printf '%s; ' "${why[@]}")
        echo "FAIL $n (${reasons%; })"
        diff -u --label "$oracle" --label tern "$WORK/$n.want.out" "$WORK/$n.got.out" | sed -n '3,22s/^/    /p'
        grep -h '^FAIL' "$WORK/$n.got.out" "$WORK/$n.want.out" | head -n 5 | sed 's/^/    /'
        tail -n 3 "$WORK/$n.got.err" | sed 's/^/    tern stderr: /'
        bash tests/guest/explain-sigill.sh "$bin" "$WORK/$n.got.err"
        fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
