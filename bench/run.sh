#!/usr/bin/env bash
# bench/run.sh — time the benchmark kernels natively, under tern and under
# qemu-user in one run, and print the ratios, for each guest architecture.
# Called by `make bench`, which builds $BUILD/bench/{native,ARCH}/NAME and
# each ARCH's hello first.
#
# For every guest architecture in $BENCH_ARCHES (default "riscv64 aarch64")
# and every kernel: best of $BENCH_REPS (default 3) wall-clock runs each way;
# the three outputs (a checksum line) must agree, or the row is marked WRONG
# and the script exits non-zero. Then the whole-process time of that
# architecture's hello (start-up cost), best of $BENCH_HELLO_REPS (default 20).
# The native column is the same x86-64 build for both guests.
#
# Environment: TERN (default build/tern; may carry options), QEMU_RISCV64
# (default: $QEMU, else qemu-riscv64-static), QEMU_AARCH64 (default
# qemu-aarch64-static), BUILD (default build), BENCH_ARCHES, BENCH_SCALE (work
# multiplier passed to each kernel, default 1), BENCH_REPS, BENCH_HELLO_REPS,
# BENCH_KERNELS (space-separated subset).
# A missing tern or qemu only drops its column, with a note.
set -uo pipefail

cd "$(dirname "$0")/.." || exit 2
read -r -a TERN_CMD <<< "${TERN:-build/tern}"
QEMU_RISCV64=${QEMU_RISCV64:-${QEMU:-qemu-riscv64-static}}
QEMU_AARCH64=${QEMU_AARCH64:-qemu-aarch64-static}
read -r -a ARCHES <<< "${BENCH_ARCHES:-riscv64 aarch64}"
BUILD=${BUILD:-build}
SCALE=${BENCH_SCALE:-1}
REPS=${BENCH_REPS:-3}
HELLO_REPS=${BENCH_HELLO_REPS:-20}

have() { command -v "$1" > /dev/null 2>&1 || [ -x "$1" ]; }
HAVE_TERN=1
have "${TERN_CMD[0]}" || HAVE_TERN=0

if [ -n "${BENCH_KERNELS:-}" ]; then
    read -r -a KERNELS <<< "$BENCH_KERNELS"
else
    KERNELS=()
    for f in bench/*.c; do KERNELS+=("$(basename "$f" .c)"); done
fi

OUT=$(mktemp -d "${TMPDIR:-/tmp}/tern-bench.XXXXXX") || exit 2
trap 'rm -rf "$OUT"' EXIT

now_ns() { date +%s%N; }

# best_of N OUTFILE CMD... : runs CMD N times, stdout of the last run to
# OUTFILE, prints the best wall time in nanoseconds (or "fail" if a run failed)
best_of() {
    local n=$1 out=$2 best="" t0 t1 dt i
    shift 2
    for ((i = 0; i < n; i++)); do
        t0=$(now_ns)
        if ! "$@" > "$out" 2> "$out.err" < /dev/null; then
            echo fail
            return
        fi
        t1=$(now_ns)
        dt=$((t1 - t0))
        if [ -z "$best" ] || [ "$dt" -lt "$best" ]; then best=$dt; fi
    done
    echo "$best"
}

sec() {     # nanoseconds -> seconds with 3 decimals; "-" and "fail" pass through
    case $1 in -|fail) echo "$1" ;; *) awk -v ns="$1" 'BEGIN { printf "%.3f", ns / 1e9 }' ;; esac
}
to_ms() {   # nanoseconds -> milliseconds with 2 decimals
    case $1 in -|fail) echo "$1" ;; *) awk -v ns="$1" 'BEGIN { printf "%.2f", ns / 1e6 }' ;; esac
}

ratio() {   # ratio A B -> A/B with 2 decimals, or "-"
    case "$1$2" in *-*|*fail*|'') echo "-"; return ;; esac
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'
}

echo "tern benchmarks: best of $REPS wall-clock runs, scale $SCALE, guests: ${ARCHES[*]}"
echo "host: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //') ($(nproc) CPUs)"
[ $HAVE_TERN = 1 ] || echo "note: ${TERN_CMD[0]} not found (build it with: make); tern column skipped"
status=0
SUMMARY=()

# bench_arch ARCH: the table and the start-up line for one guest architecture
bench_arch() {
    local arch=$1 qemu k nat gb tn tt tq check who t r_tn r_qt
    local geo_tn=0 geo_qt=0 n_tn=0 n_qt=0 have_qemu=1
    case $arch in
    riscv64) qemu=$QEMU_RISCV64 ;;
    aarch64) qemu=$QEMU_AARCH64 ;;
    *) echo "bench: unknown guest architecture $arch (BENCH_ARCHES)"; status=1; return ;;
    esac
    local -a QEMU_CMD
    read -r -a QEMU_CMD <<< "$qemu"
    have "${QEMU_CMD[0]}" || have_qemu=0
    echo
    echo "== $arch guest"
    [ $have_qemu = 1 ] || echo "note: ${QEMU_CMD[0]} not found (make deps); qemu column skipped"
    printf '%-12s %9s %9s %9s %12s %10s  %s\n' kernel "native s" "tern s" "qemu s" "tern/native" "qemu/tern" check
    for k in "${KERNELS[@]}"; do
        nat=$BUILD/bench/native/$k
        gb=$BUILD/bench/$arch/$k
        if [ ! -x "$nat" ] || [ ! -x "$gb" ]; then
            printf '%-12s not built (make bench builds %s and %s)\n' "$k" "$nat" "$gb"
            status=1
            continue
        fi
        rm -f "$OUT/$k.tern" "$OUT/$k.qemu"
        tn=$(best_of "$REPS" "$OUT/$k.native" "$nat" "$SCALE")
        tt=-
        tq=-
        [ $HAVE_TERN = 1 ] && tt=$(best_of "$REPS" "$OUT/$k.tern" "${TERN_CMD[@]}" "$gb" "$SCALE")
        [ $have_qemu = 1 ] && tq=$(best_of "$REPS" "$OUT/$k.qemu" "${QEMU_CMD[@]}" "$gb" "$SCALE")
        check=ok
        for who in tern qemu; do
            [ -f "$OUT/$k.$who" ] || continue
            t=$tt
            [ $who = qemu ] && t=$tq
            if [ "$t" = fail ]; then
                check="$who FAILED"
                status=1
            elif ! cmp -s "$OUT/$k.native" "$OUT/$k.$who"; then
                check="WRONG ($who: $(head -c 60 "$OUT/$k.$who" | tr '\n' ' '))"
                status=1
            fi
        done
        [ "$tn" = fail ] && { check="native FAILED"; status=1; }
        r_tn=$(ratio "$tt" "$tn")
        r_qt=$(ratio "$tq" "$tt")
        printf '%-12s %9s %9s %9s %12s %10s  %s\n' "$k" "$(sec "$tn")" "$(sec "$tt")" "$(sec "$tq")" \
            "$r_tn" "$r_qt" "$check"
        if [ "$check" = ok ]; then
            [ "$r_tn" != - ] && { geo_tn=$(awk -v g="$geo_tn" -v r="$r_tn" 'BEGIN { print g + log(r) }'); n_tn=$((n_tn + 1)); }
            [ "$r_qt" != - ] && { geo_qt=$(awk -v g="$geo_qt" -v r="$r_qt" 'BEGIN { print g + log(r) }'); n_qt=$((n_qt + 1)); }
        fi
    done
    printf '%-12s %9s %9s %9s %12s %10s\n' "geomean" "" "" "" "$(gm "$geo_tn" "$n_tn")" "$(gm "$geo_qt" "$n_qt")"
    SUMMARY+=("$(printf '%-8s tern/native %s, qemu/tern %s' "$arch" "$(gm "$geo_tn" "$n_tn")" "$(gm "$geo_qt" "$n_qt")")")

    # start-up: the whole hello process
    local hello=$BUILD/guest/$arch/hello hn=- ht=- hq=-
    if [ -x "$hello" ]; then
        rm -f "$OUT/hello.tern" "$OUT/hello.qemu"
        [ -x "$BUILD/guest/native/hello" ] && hn=$(best_of "$HELLO_REPS" "$OUT/hello.native" "$BUILD/guest/native/hello")
        [ $HAVE_TERN = 1 ] && ht=$(best_of "$HELLO_REPS" "$OUT/hello.tern" "${TERN_CMD[@]}" "$hello")
        [ $have_qemu = 1 ] && hq=$(best_of "$HELLO_REPS" "$OUT/hello.qemu" "${QEMU_CMD[@]}" "$hello")
        printf '%s hello (whole process, best of %s): native %s ms, tern %s ms, qemu %s ms, qemu/tern %s\n' \
            "$arch" "$HELLO_REPS" "$(to_ms "$hn")" "$(to_ms "$ht")" "$(to_ms "$hq")" "$(ratio "$hq" "$ht")"
        for who in tern qemu; do
            if [ -f "$OUT/hello.$who" ] && ! grep -q '^Hello, world!$' "$OUT/hello.$who"; then
                echo "$arch hello under $who printed the wrong thing"
                status=1
            fi
        done
    else
        echo "$arch hello: $hello not built"
    fi
}

gm() { [ "$2" -gt 0 ] && awk -v s="$1" -v n="$2" 'BEGIN { printf "%.2f", exp(s / n) }' || echo -; }
for arch in "${ARCHES[@]}"; do bench_arch "$arch"; done
if [ ${#SUMMARY[@]} -gt 1 ]; then
    echo
    echo "geomeans:"
    printf '  %s\n' "${SUMMARY[@]}"
fi
exit $status
