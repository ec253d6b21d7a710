#!/usr/bin/env bash
# run.sh — run the aarch64 family tests under tern and under qemu, compare.
#
# For each program $BUILD/a64/NAME (built by tests/a64/a64.mk) it runs
#     $TERN $BUILD/a64/NAME       and      $QEMU $BUILD/a64/NAME
# with stdin from /dev/null and a fixed environment, and requires equal stdout
# and equal exit status. Prints "PASS name" / "FAIL name" (with a short diff)
# per test and finally exactly "N passed, N failed"; exits non-zero on failure.
# A test prints nothing on stdout only if it is broken, so empty output fails.
#
# Usage: tests/a64/run.sh [NAME...]     (default: every program built)
# Environment: TERN (default build/tern), QEMU (default qemu-aarch64-static),
#              BUILD (default build), TEST_TIMEOUT seconds (default 60)
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2

read -r -a TERN_CMD <<< "${TERN:-build/tern}"
read -r -a QEMU_CMD <<< "${QEMU:-qemu-aarch64-static}"
BUILD=${BUILD:-build}
TEST_TIMEOUT=${TEST_TIMEOUT:-60}

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
    for f in tests/a64/*.S tests/a64/*.c; do
        [ -e "$f" ] || continue
        n=${f##*/}; names+=("${n%.*}")
    done
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tern-a64.XXXXXX") || exit 2
trap 'rm -rf "$WORK"' EXIT

run() { # out-file cmd...
    local out=$1; shift
    env -i PATH=/usr/bin:/bin LANG=C timeout "$TEST_TIMEOUT" "$@" < /dev/null > "$out" 2> "$out.err"
    echo $? > "$out.rc"
}

pass=0 fail=0
for n in "${names[@]}"; do
    bin=$BUILD/a64/$n
    if [ ! -x "$bin" ]; then
        echo "FAIL $n (not built)"; fail=$((fail + 1)); continue
    fi
    run "$WORK/$n.tern" "${TERN_CMD[@]}" "$bin"
    run "$WORK/$n.qemu" "${QEMU_CMD[@]}" "$bin"
    if [ -s "$WORK/$n.qemu" ] && cmp -s "$WORK/$n.tern" "$WORK/$n.qemu" &&
       cmp -s "$WORK/$n.tern.rc" "$WORK/$n.qemu.rc"; then
        echo "PASS $n"; pass=$((pass + 1))
    else
        echo "FAIL $n (exit tern $(cat "$WORK/$n.tern.rc"), qemu $(cat "$WORK/$n.qemu.rc"))"
        diff "$WORK/$n.qemu" "$WORK/$n.tern" | head -20 | sed 's/^/    /'
        head -5 "$WORK/$n.tern.err" | sed 's/^/    tern stderr: /'
        fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
