#!/usr/bin/env bash
# run-guest-tests.sh — run the guest test programs under tern and compare.
#
# For each tests/guest/NAME.c (built by tests/tests.mk into
# $BUILD/guest/$GUEST_ARCH/NAME and $BUILD/guest/native/NAME) it runs
#     $TERN $BUILD/guest/$GUEST_ARCH/NAME ARGS
# and requires its stdout and exit status to equal the oracle's: the native
# build (default) or, for tests that tests/guest/tests.list marks "qemu" for
# this guest, qemu-user on the same guest binary. stderr is not compared (it is
# shown when a test fails).
#
# GUEST_ARCH names the build flavour: riscv64 (glibc), aarch64 (glibc) or
# aarch64-musl (musl libc), all static; riscv64-dyn and aarch64-dyn are the
# glibc programs dynamically linked, run with -L /usr/<triple>. The manifest may hold per-flavour lines
# ("NAME@aarch64-musl | qemu | | why"), which override the plain line for that
# flavour only; the plain line's arguments still apply unless the per-flavour
# line gives its own.
#
# Prints one line per test, "PASS name" or "FAIL name" plus a short diff, and
# finally exactly "N passed, N failed". Exits non-zero if anything failed.
#
# Every run starts from a fixed environment (env -i, a few variables) in the
# repository root, with stdin from /dev/null and a private $TMPDIR.
#
# Usage: tests/run-guest-tests.sh [options] [NAME...]
#   -j N              run N tests at once (default: number of CPUs)
#   --make-target T   also run `make T` as one test (e.g. elf-check); repeatable
#   --no-self-test    skip the check that the harness notices wrong output
# Environment:
#   TERN     the translator, may include options ("build/tern -d unimp"); default build/tern
#   QEMU     the qemu oracle; default qemu-riscv64-static or qemu-aarch64-static
#            after GUEST_ARCH
#   BUILD    build directory; default build
#   GUEST_ARCH  riscv64 (default), aarch64, aarch64-musl, riscv64-dyn, aarch64-dyn
#   TEST_TIMEOUT  seconds per program run; default 60
set -uo pipefail

cd "$(dirname "$0")/.." || exit 2

read -r -a TERN_CMD <<< "${TERN:-build/tern}"
BUILD=${BUILD:-build}
GUEST_ARCH=${GUEST_ARCH:-riscv64}
case $GUEST_ARCH in
riscv64) DEFAULT_QEMU=qemu-riscv64-static; BUILD_TARGET=guest-check ;;
aarch64) DEFAULT_QEMU=qemu-aarch64-static; BUILD_TARGET=guest-check-aarch64 ;;
aarch64-musl) DEFAULT_QEMU=qemu-aarch64-static; BUILD_TARGET=guest-check-aarch64-musl ;;
riscv64-dyn) DEFAULT_QEMU=qemu-riscv64-static; BUILD_TARGET=guest-check-dyn
             SYSROOT=/usr/riscv64-linux-gnu ;;
aarch64-dyn) DEFAULT_QEMU=qemu-aarch64-static; BUILD_TARGET=guest-check-dyn
             SYSROOT=/usr/aarch64-linux-gnu ;;
*) echo "run-guest-tests: unknown GUEST_ARCH '$GUEST_ARCH'" >&2; exit 2 ;;
esac
read -r -a QEMU_CMD <<< "${QEMU:-$DEFAULT_QEMU}"
# the -dyn flavours are the same programs linked against the cross glibc's
# shared libraries, run with -L (tern and qemu alike); the manifest's lines
# for the static flavour apply to them
MANIFEST_ARCH=${GUEST_ARCH%-dyn}
if [ -n "${SYSROOT:-}" ]; then
    TERN_CMD+=(-L "$SYSROOT")
    QEMU_CMD+=(-L "$SYSROOT")
fi
TEST_TIMEOUT=${TEST_TIMEOUT:-60}
MAKE=${MAKE:-make}
JOBS=$(nproc 2>/dev/null || echo 2)
SELF_TEST=1
MAKE_TARGETS=()
ONLY=()

while [ $# -gt 0 ]; do
    case $1 in
    -j) JOBS=$2; shift 2 ;;
    -j*) JOBS=${1#-j}; shift ;;
    --make-target) MAKE_TARGETS+=("$2"); shift 2 ;;
    --no-self-test) SELF_TEST=0; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run-guest-tests: unknown option $1" >&2; exit 2 ;;
    *) ONLY+=("$1"); shift ;;
    esac
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tern-guest-tests.XXXXXX") || exit 2
trap 'rm -rf "$WORK"' EXIT

# ---- the manifest ----
# Plain lines fill ORACLE/ARGS/WHY; lines for this GUEST_ARCH ("NAME@ARCH")
# fill the FLAVOUR_* maps and win afterwards, whatever the line order.
declare -A ORACLE ARGS WHY FLAVOUR_ORACLE FLAVOUR_ARGS FLAVOUR_WHY LISTED
while IFS='|' read -r name oracle args why; do
    name=$(echo "$name" | tr -d '[:space:]')
    case $name in ''|'#'*) continue ;; esac
    flavour=""
    case $name in *@*) flavour=${name#*@}; name=${name%@*} ;; esac
    case $flavour in
    ''|riscv64|aarch64|aarch64-musl) ;;
    *) echo "tests.list: $name: unknown guest flavour '$flavour'" >&2; exit 2 ;;
    esac
    oracle=$(echo "$oracle" | tr -d '[:space:]')
    case $oracle in
    native) ;;
    qemu) [ -n "${why// /}" ] || { echo "tests.list: $name${flavour:+@$flavour} uses qemu without a reason" >&2; exit 2; } ;;
    *) echo "tests.list: $name: unknown oracle '$oracle'" >&2; exit 2 ;;
    esac
    LISTED[$name]=1
    why=$(echo "$why" | sed 's/^ *//; s/ *$//')
    if [ -z "$flavour" ]; then
        ORACLE[$name]=$oracle
        ARGS[$name]=$args
        WHY[$name]=$why
    elif [ "$flavour" = "$MANIFEST_ARCH" ]; then
        FLAVOUR_ORACLE[$name]=$oracle
        [[ $args =~ [^[:space:]] ]] && FLAVOUR_ARGS[$name]=$args
        FLAVOUR_WHY[$name]=$why
    fi
done < tests/guest/tests.list
for name in "${!FLAVOUR_ORACLE[@]}"; do
    ORACLE[$name]=${FLAVOUR_ORACLE[$name]}
    WHY[$name]=${FLAVOUR_WHY[$name]}
    [ -n "${FLAVOUR_ARGS[$name]+set}" ] && ARGS[$name]=${FLAVOUR_ARGS[$name]}
done

if [ ${#ONLY[@]} -gt 0 ]; then
    TESTS=("${ONLY[@]}")
else
    TESTS=()
    for f in tests/guest/*.c; do TESTS+=("$(basename "$f" .c)"); done
fi
for name in "${!LISTED[@]}"; do
    [ -f "tests/guest/$name.c" ] || { echo "tests.list: no tests/guest/$name.c" >&2; exit 2; }
done

# ---- running one program ----
# run_prog OUTPREFIX TMPDIR CMD... : stdout -> OUTPREFIX.out, stderr -> .err, status -> .rc
run_prog() {
    local out=$1 tmp=$2
    shift 2
    rm -rf "$tmp" && mkdir -p "$tmp"
    env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$tmp" LC_ALL=C TMPDIR="$tmp" \
        GUEST_TEST_VAR="hello from the harness" \
        timeout -k 5 "$TEST_TIMEOUT" "$@" < /dev/null > "$out.out" 2> "$out.err"
    echo $? > "$out.rc"
}

# compare NAME WORKDIR TERN-WORDS... : writes WORKDIR/result ("PASS"/"FAIL") and WORKDIR/report
compare() {
    local name=$1 dir=$2
    shift 2
    local -a tern=("$@") args=()
    local guest=$BUILD/guest/$GUEST_ARCH/$name native=$BUILD/guest/native/$name
    local oracle=${ORACLE[$name]:-native}
    eval "args=(${ARGS[$name]:-})"
    mkdir -p "$dir"
    : > "$dir/report"
    if [ ! -x "$guest" ] || { [ "$oracle" = native ] && [ ! -x "$native" ]; }; then
        echo FAIL > "$dir/result"
        echo "    not built: $guest or $native (run: make $BUILD_TARGET)" > "$dir/report"
        return
    fi
    if [ "$oracle" = native ]; then
        run_prog "$dir/want" "$dir/tmp" "$native" "${args[@]}"
    else
        run_prog "$dir/want" "$dir/tmp" "${QEMU_CMD[@]}" "$guest" "${args[@]}"
    fi
    run_prog "$dir/got" "$dir/tmp" "${tern[@]}" "$guest" "${args[@]}"
    local want_rc got_rc ok=1
    want_rc=$(cat "$dir/want.rc")
    got_rc=$(cat "$dir/got.rc")
    if [ "$want_rc" = 124 ] || [ "$want_rc" = 137 ]; then
        echo "    the $oracle oracle timed out (status $want_rc)" >> "$dir/report"
        ok=0
    fi
    if ! cmp -s "$dir/want.out" "$dir/got.out"; then
        ok=0
        echo "    stdout differs (- $oracle, + tern):" >> "$dir/report"
        diff -u --label "$oracle" --label tern "$dir/want.out" "$dir/got.out" | sed -n '3,22s/^/    /p' >> "$dir/report"
    fi
    if [ "$want_rc" != "$got_rc" ]; then
        ok=0
        local what=""
        [ "$got_rc" = 124 ] && what=" (timed out after ${TEST_TIMEOUT}s)"
        [ "$got_rc" = 132 ] && what=" (SIGILL)"
        [ "$got_rc" = 139 ] && what=" (SIGSEGV)"
        echo "    exit status: $oracle $want_rc, tern $got_rc$what" >> "$dir/report"
    fi
    if [ $ok = 0 ] && [ -s "$dir/got.err" ]; then
        echo "    tern stderr (last lines):" >> "$dir/report"
        tail -n 8 "$dir/got.err" | sed 's/^/    | /' >> "$dir/report"
        bash tests/guest/explain-sigill.sh "$guest" "$dir/got.err" >> "$dir/report"
    fi
    if [ $ok = 1 ]; then echo PASS; else echo FAIL; fi > "$dir/result"
}

# The harness must notice wrong output: run hello and exit3 through shims that
# corrupt stdout, change the exit status, or drop the last byte, and require
# every one of those runs to be reported as a failure.
self_test() {
    local dir=$1
    mkdir -p "$dir"
    local q
    q=$(printf '%q ' "${TERN_CMD[@]}")
    printf '#!/usr/bin/env bash\n%s"$@" | sed s/world/World/; exit "${PIPESTATUS[0]}"\n' "$q" > "$dir/shim-stdout"
    printf '#!/usr/bin/env bash\n%s"$@"; exit $(( $? + 1 ))\n' "$q" > "$dir/shim-status"
    printf '#!/usr/bin/env bash\n%s"$@" | head -c -1; exit "${PIPESTATUS[0]}"\n' "$q" > "$dir/shim-trunc"
    chmod +x "$dir"/shim-*
    local bad="" shim t
    for shim in stdout status trunc; do
        for t in hello exit3 nonl; do
            [ $shim = stdout ] && [ $t != hello ] && continue
            compare "$t" "$dir/$shim-$t" "$dir/shim-$shim"
            [ "$(cat "$dir/$shim-$t/result")" = FAIL ] || bad="$bad $shim/$t"
        done
    done
    if [ -n "$bad" ]; then
        echo FAIL > "$dir/result"
        echo "    wrong output was not detected for:$bad" > "$dir/report"
    else
        echo PASS > "$dir/result"
        : > "$dir/report"
    fi
}

make_target() {
    local target=$1 dir=$2
    mkdir -p "$dir"
    if "$MAKE" --no-print-directory "$target" > "$dir/log" 2>&1; then
        echo PASS > "$dir/result"
        : > "$dir/report"
    else
        echo FAIL > "$dir/result"
        { echo "    make $target failed; last lines:"; tail -n 30 "$dir/log" | sed 's/^/    | /'; } > "$dir/report"
    fi
}

# ---- preflight: is there anything to run? ----
PRE_ERR=""
if ! command -v "${TERN_CMD[0]}" > /dev/null 2>&1 && [ ! -x "${TERN_CMD[0]}" ]; then
    PRE_ERR="tern not found: ${TERN_CMD[0]} (build it with: make)"
fi
for name in "${TESTS[@]}"; do
    if [ "${ORACLE[$name]:-native}" = qemu ] && ! command -v "${QEMU_CMD[0]}" > /dev/null 2>&1; then
        PRE_ERR="${PRE_ERR:+$PRE_ERR; }the qemu oracle ${QEMU_CMD[0]} is not installed (make deps)"
        break
    fi
done

# ---- run everything, JOBS at a time, report in a fixed order ----
ITEMS=()
for name in "${TESTS[@]}"; do ITEMS+=("guest:$name"); done
[ $SELF_TEST = 1 ] && [ -z "$PRE_ERR" ] && ITEMS+=("self:harness-self-test")
for t in "${MAKE_TARGETS[@]}"; do ITEMS+=("make:$t"); done

start_item() {
    local item=$1 dir=$WORK/${1#*:}
    case $item in
    guest:*)
        if [ -n "$PRE_ERR" ]; then
            mkdir -p "$dir"; echo FAIL > "$dir/result"; echo "    $PRE_ERR" > "$dir/report"
        else
            compare "${item#guest:}" "$dir" "${TERN_CMD[@]}"
        fi ;;
    self:*) self_test "$dir" ;;
    make:*) make_target "${item#make:}" "$dir" ;;
    esac
}

running=0
for item in "${ITEMS[@]}"; do
    if [ "$running" -ge "$JOBS" ]; then
        wait -n
        running=$((running - 1))
    fi
    start_item "$item" &
    running=$((running + 1))
done
wait

passed=0
failed=0
for item in "${ITEMS[@]}"; do
    name=${item#*:}
    dir=$WORK/$name
    result=$(cat "$dir/result" 2>/dev/null || echo FAIL)
    note=""
    [ "${item%%:*}" = guest ] && [ "${ORACLE[$name]:-native}" = qemu ] && note=" (vs qemu: ${WHY[$name]%%,*}...)"
    [ "${item%%:*}" = make ] && note=" (make $name)"
    echo "$result $name$note"
    [ -s "$dir/report" ] && cat "$dir/report"
    if [ "$result" = PASS ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
[ -n "$PRE_ERR" ] && echo "note: $PRE_ERR"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
