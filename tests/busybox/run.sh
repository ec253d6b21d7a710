#!/usr/bin/env bash
# run.sh — run shell scripts through Debian's arm64 busybox under tern and
# require the same results as an oracle: qemu-user running the same binary,
# or the same busybox version built for the host.
#
# Usage: tests/busybox/run.sh [CASE...]    (default: every tests/busybox/cases/*.sh)
# Environment: TERN (default build/tern), QEMU (default qemu-aarch64-static),
#              BUSYBOX (default build/busybox/busybox, see busybox.mk),
#              NATIVE_BUSYBOX (default build/busybox/native/busybox),
#              TEST_TIMEOUT seconds per run (default 30), KEEP=1 keeps the
#              work directory (outputs, stderr) for a look afterwards
#
# Three kinds of case, by file name:
#   sh_NAME.sh   run whole by the guest shell: `$TERN busybox sh sh_NAME.sh`,
#                against `$QEMU busybox sh sh_NAME.sh`. Loops, functions,
#                pipes, subshells and forks all happen inside the translated
#                process tree; only applets busybox runs without exec.
#   app_NAME.sh  run by the host's bash, with `bb ARGS` meaning
#                `$TERN busybox ARGS` (against `$QEMU busybox ARGS`): every
#                applet is its own translated process and the pipes between
#                them are the host's. For the applets sh_ cases cannot use.
#   shx_NAME.sh  run whole by the guest shell like sh_, any applet allowed,
#                against the amd64 busybox-static of the same Debian version
#                running the script natively.
# Why: Debian's busybox-static is built with FEATURE_SH_STANDALONE and
# FEATURE_PREFER_APPLETS. Its sh runs NOFORK applets (echo, printf, test,
# expr...) in-process and NOEXEC applets (sort, md5sum, sha*sum, awk, find,
# xargs, head, cut, ls, seq, ...) in a forked child without exec. Every other
# applet (cat, grep, sed, wc, uniq, tr, tail, od, gzip, gunzip, tar, ...) is
# run by re-executing /proc/self/exe: execve of an aarch64 binary, which tern
# handles (it re-enters itself) but qemu-user only where binfmt_misc hands it
# to an emulator, which a container usually lacks. So sh_ cases keep to
# in-process applets (the harness fails a case whose qemu run printed
# "not found", the sign of an exec'd applet), app_ cases cover the others
# with qemu as the oracle, and shx_ cases run everything inside the guest
# shell with the host build of busybox as the oracle (same source, so the
# same output for scripts that print nothing architecture-specific).
#
# Each run happens in its own temporary directory holding the same fixed
# input files (made once per invocation by make_fixtures below, with fixed
# contents and times), with env -i, TZ=UTC0, LC_ALL=C, stdin /dev/null and a
# PATH with nothing in it (so no host program can sneak in) but, for shx_
# cases, a "gzip" link to the busybox under test. stdout and the
# exit status must be equal under tern and the oracle and stdout must not be
# empty; a line starting with "BAD" (a case's own known-answer check) fails
# the case even when both agree. stderr is not compared (it names temp
# paths) but is shown on failure. Wall-clock times of both runs are printed
# per case. Prints "PASS name"/"FAIL name" lines, then exactly
# "N passed, N failed".
set -uo pipefail

cd "$(dirname "$0")/../.." || exit 2
REPO=$PWD

read -r -a TERN_CMD <<< "${TERN:-build/tern}"
read -r -a QEMU_CMD <<< "${QEMU:-qemu-aarch64-static}"
BUSYBOX=${BUSYBOX:-build/busybox/busybox}
NATIVE_BUSYBOX=${NATIVE_BUSYBOX:-build/busybox/native/busybox}
TEST_TIMEOUT=${TEST_TIMEOUT:-30}

# the runs happen elsewhere: make the commands absolute
absolute() {
    case $1 in
    */*) [ -e "$1" ] && echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")" ;;
    *) command -v "$1" ;;
    esac
}
t=$(absolute "${TERN_CMD[0]}") || { echo "busybox-check: tern not found: ${TERN_CMD[0]} (make)"; exit 1; }
TERN_CMD[0]=$t
q=$(absolute "${QEMU_CMD[0]}") || { echo "busybox-check: ${QEMU_CMD[0]} not installed (make deps)"; exit 1; }
QEMU_CMD[0]=$q
BUSYBOX=$(absolute "$BUSYBOX") || { echo "busybox-check: no busybox at ${BUSYBOX} (make busybox-fetch)"; exit 1; }
# only the shx_ cases need it: checked there
NATIVE_BUSYBOX=$(absolute "$NATIVE_BUSYBOX") || NATIVE_BUSYBOX=""

if [ $# -gt 0 ]; then
    CASES=("$@")
else
    CASES=()
    for f in tests/busybox/cases/*.sh; do CASES+=("$(basename "$f" .sh)"); done
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tern-busybox.XXXXXX") || exit 2
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

# ---- fixed input files ----
# Built with bash builtins only, from a fixed linear congruential sequence, so
# every run of every case sees byte-identical files; times are pinned with
# touch so listings and tar headers do not depend on when the test ran.
lcg=12345
next() { lcg=$(( (lcg * 1103515245 + 12345) % 2147483648 )); }
make_fixtures() {
    local d=$1 i j b line words
    mkdir -p "$d" && cd "$d" || return 1
    words=(apple banana cherry delta echo foxtrot golf hotel india juliet kilo
           lima mike november oscar papa quebec romeo sierra tango uniform
           victor whiskey xray yankee zulu alpha beta gamma epsilon zeta eta
           theta iota kappa lambda mu nu xi omicron)
    lcg=12345
    # words.txt: 400 lines "word number word"
    for ((i = 0; i < 400; i++)); do
        next; line=${words[lcg % ${#words[@]}]}
        next; line="$line $((lcg % 1000))"
        next; line="$line ${words[lcg % 13]}"
        echo "$line"
    done > words.txt
    # nums.txt: 300 signed integers, some repeated
    for ((i = 0; i < 300; i++)); do
        next; echo $(( (lcg % 20001) - 10000 ))
    done > nums.txt
    # data.bin: 24 KiB of pseudo-random bytes, built 16 bytes per printf
    for ((i = 0; i < 1536; i++)); do
        line=""
        for ((j = 0; j < 16; j++)); do next; printf -v b '\\%03o' $(( (lcg >> 16) & 255 )); line+=$b; done
        printf "$line"
    done > data.bin
    # a small tree for find/tar/cp
    mkdir -p tree/a/b tree/c tree/empty
    printf 'one\nfirst file\n' > tree/a/one.txt
    printf 'two\n%.0s' {1..300} > tree/a/b/two.txt
    for ((i = 0; i < 200; i++)); do printf 'line %d of three\n' "$i"; done > tree/c/three.dat
    printf 'spaces in the name\n' > "tree/c/with space.txt"
    ln -s a/one.txt tree/link
    printf 'crlf line 1\r\ncrlf line 2\r\n' > crlf.txt
    touch -h -d '2021-02-03 04:05:06 UTC' tree/link
    find . -depth ! -type l -exec touch -d '2021-02-03 04:05:06 UTC' {} +
}

FIXTURES=$WORK/fixtures
( make_fixtures "$FIXTURES" ) || { echo "busybox-check: cannot make the input files"; exit 2; }

now_ns() { date +%s%N; }

# run_case CASE WHO OUTPREFIX BUSYBOX [RUNNER...] : the case in a fresh copy
# of the fixtures; RUNNER (tern or qemu and their options) runs BUSYBOX, or
# nothing for the native busybox
run_case() {
    local name=$1 who=$2 out=$3 bb=$4 dir
    shift 4
    local -a cmd=("$@")
    dir=$WORK/$name.$who
    rm -rf "$dir" && cp -a "$FIXTURES" "$dir" && mkdir -p "$dir/.path"
    # tar -cz runs its compressor by a PATH search for "gzip": in shx_ cases
    # that finds the busybox under test (an execve of a guest ELF under tern)
    case $name in shx_*) ln -s "$bb" "$dir/.path/gzip" ;; esac
    local -a envv=(env -i HOME="$dir" PATH="$dir/.path" LC_ALL=C TZ=UTC0 TERM=dumb)
    local t0 t1
    t0=$(now_ns)
    case $name in
    sh_*|shx_*)
        (cd "$dir" && timeout -k 5 "$TEST_TIMEOUT" "${envv[@]}" "${cmd[@]}" "$bb" sh \
            "$REPO/tests/busybox/cases/$name.sh") < /dev/null > "$out.out" 2> "$out.err" ;;
    app_*)
        # bb() runs one translated busybox applet; BB_RUN holds the runner words
        local bbrun
        bbrun=$(printf '%q ' "${cmd[@]}" "$bb")
        (cd "$dir" && timeout -k 5 "$TEST_TIMEOUT" "${envv[@]}" BB_RUN="$bbrun" \
            "$BASH" -c 'eval "bb() { $BB_RUN \"\$@\"; }"; . "$0"' \
            "$REPO/tests/busybox/cases/$name.sh") < /dev/null > "$out.out" 2> "$out.err" ;;
    esac
    echo $? > "$out.rc"
    t1=$(now_ns)
    echo $((t1 - t0)) > "$out.ns"
}

sec() { awk -v ns="$1" 'BEGIN { printf "%.2f", ns / 1e9 }'; }
status_word() {   # an exit status, with what 124/128+n mean
    case $1 in
    124) echo "$1 (timed out after ${TEST_TIMEOUT}s)" ;;
    132) echo "$1 (SIGILL)" ;;
    139) echo "$1 (SIGSEGV)" ;;
    *) echo "$1" ;;
    esac
}

pass=0 fail=0 tot_t=0 tot_q=0 tot_n=0
for name in "${CASES[@]}"; do
    src=tests/busybox/cases/$name.sh
    case $name in
    sh_*|app_*) oracle=qemu ;;
    shx_*) oracle=native ;;
    *) echo "FAIL $name (a case is named sh_*.sh, app_*.sh or shx_*.sh)"; fail=$((fail + 1)); continue ;;
    esac
    if [ ! -f "$src" ]; then echo "FAIL $name (no $src)"; fail=$((fail + 1)); continue; fi
    if [ $oracle = native ] && [ -z "$NATIVE_BUSYBOX" ]; then
        echo "FAIL $name (no native busybox: make busybox-fetch)"; fail=$((fail + 1)); continue
    fi
    want=$WORK/$name.$oracle
    run_case "$name" tern "$WORK/$name.tern" "$BUSYBOX" "${TERN_CMD[@]}"
    if [ $oracle = qemu ]; then
        run_case "$name" qemu "$want" "$BUSYBOX" "${QEMU_CMD[@]}"
    else
        run_case "$name" native "$want" "$NATIVE_BUSYBOX"
    fi
    tt=$(cat "$WORK/$name.tern.ns") to=$(cat "$want.ns")
    tot_t=$((tot_t + tt))
    if [ $oracle = qemu ]; then tot_q=$((tot_q + to)); else tot_n=$((tot_n + to)); fi
    why=()
    [ -s "$want.out" ] || why+=("no output under $oracle")
    cmp -s "$WORK/$name.tern.out" "$want.out" || why+=("stdout differs")
    rt=$(cat "$WORK/$name.tern.rc") ro=$(cat "$want.rc")
    [ "$rt" = "$ro" ] || why+=("exit status tern $(status_word "$rt"), $oracle $(status_word "$ro")")
    grep -q '^BAD' "$want.out" "$WORK/$name.tern.out" && why+=("a known-answer check printed BAD")
    case $name in
    sh_*) grep -q 'not found' "$want.err" &&
              why+=("the script uses an applet busybox sh would exec (see run.sh)") ;;
    esac
    times="tern $(sec "$tt")s, $oracle $(sec "$to")s"
    if [ ${#why[@]} -eq 0 ]; then
        echo "PASS $name ($times)"
        pass=$((pass + 1))
    else
        reasons=$(printf '%s; ' "${why[@]}")
        echo "FAIL $name (${reasons%; }; $times)"
        diff -u --label $oracle --label tern "$want.out" "$WORK/$name.tern.out" | sed -n '3,22s/^/    /p'
        grep '^BAD' "$want.out" "$WORK/$name.tern.out" | head -n 5 | sed 's/^/    /'
        tail -n 5 "$WORK/$name.tern.err" | sed 's/^/    tern stderr: /'
        [ "$ro" = 0 ] || tail -n 3 "$want.err" | sed "s/^/    $oracle stderr: /"
        bash tests/guest/explain-sigill.sh "$BUSYBOX" "$WORK/$name.tern.err"
        fail=$((fail + 1))
    fi
done
echo "busybox $(cat "$(dirname "$BUSYBOX")/busybox.version" 2>/dev/null || echo '(version unknown)'):" \
     "total tern $(sec "$tot_t")s, qemu $(sec "$tot_q")s, native $(sec "$tot_n")s"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
