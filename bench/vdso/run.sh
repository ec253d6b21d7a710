#!/usr/bin/env bash
# bench/vdso/run.sh — the vDSO measurement of docs/vdso.md: bench/vdso/
# clock_calls.c built natively and for each guest flavour (aarch64 and riscv64
# glibc, static and dynamic; aarch64 musl static), run natively, under tern
# with its vDSO, under tern -vdso off and under qemu-user; best of $REPS runs
# per cell, in ns per call.
#
# Usage: bash bench/vdso/run.sh [N]     (N calls per function, default 2000000)
# Environment: BUILD (default build), TERN (default $BUILD/tern), REPS (3),
# QEMU_AARCH64, QEMU_RISCV64 (default qemu-<arch>-static).
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
N=${1:-2000000}
BUILD=${BUILD:-build}
TERN=${TERN:-$BUILD/tern}
REPS=${REPS:-3}
QA=${QEMU_AARCH64:-qemu-aarch64-static}
QR=${QEMU_RISCV64:-qemu-riscv64-static}
OUT=$BUILD/bench/vdso
SRC=bench/vdso/clock_calls.c
CF="-std=gnu11 -O2 -Wall -Wextra -Werror"
mkdir -p "$OUT"

build() {   # name compiler flags...
    local name=$1 cc=$2; shift 2
    [ "$OUT/$name" -nt "$SRC" ] || "$cc" $CF "$@" -o "$OUT/$name" "$SRC" || exit 1
}
build native gcc
build aarch64 aarch64-linux-gnu-gcc -static
build aarch64-dyn aarch64-linux-gnu-gcc
build aarch64-musl aarch64-linux-musl-gcc -static
build riscv64 riscv64-linux-gnu-gcc -static
build riscv64-dyn riscv64-linux-gnu-gcc

# best of REPS: one "label ns" line per function
best() {
    for _ in $(seq "$REPS"); do "$@" "$N" 2>/dev/null; done |
        awk '/ns\/call/ { v = $(NF-1); l = $0; sub(/ +[0-9.]+ ns\/call$/, "", l);
                          if (!(l in m)) { o[l] = n++; m[l] = v } else if (v + 0 < m[l] + 0) m[l] = v }
             END { for (k in m) printf "%d\t%s\t%s\n", o[k], k, m[k] }' | sort -n | cut -f2-
}

row() {   # title command...
    local title=$1; shift
    echo "== $title"
    best "$@" | awk -F'\t' '{ printf "   %-28s %8.1f ns\n", $1, $2 }'
}

row "native x86-64 (host vDSO)" "$OUT/native"
for a in aarch64 aarch64-dyn aarch64-musl riscv64 riscv64-dyn; do
    case $a in
    aarch64-dyn) L=(-L /usr/aarch64-linux-gnu); Q=$QA ;;
    riscv64-dyn) L=(-L /usr/riscv64-linux-gnu); Q=$QR ;;
    riscv64) L=(); Q=$QR ;;
    *) L=(); Q=$QA ;;
    esac
    row "$a: tern (vDSO)" "$TERN" "${L[@]}" "$OUT/$a"
    row "$a: tern -vdso off" "$TERN" -vdso off "${L[@]}" "$OUT/$a"
    if command -v "$Q" > /dev/null; then
        row "$a: $Q" "$Q" "${L[@]}" "$OUT/$a"
    fi
done
