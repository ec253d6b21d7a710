#!/bin/bash
# run.sh — the arm64 root as a container: the Debian arm64 root of
# tests/userland, run under tern in new mount and pid namespaces
# (`unshare --mount --pid --fork --mount-proc` + chroot, what a container
# runtime does without the cgroups), must behave as it does in a plain chroot;
# and `tern-mkroot --enter` must leave no mount behind, however it ends.
#
#   tests/container/run.sh [--root DIR] [--tern FILE]    (make container-check)
#
# Cases (each prints PASS/FAIL, then "N passed, N failed"):
#   ns-*     the same shell snippet in the chroot and in the namespaces: uname,
#            a pipeline with PIPESTATUS, /proc/self, signals and wait, exit
#            status; outputs must be equal. ns-pid: in the namespaces the
#            shell is pid 1, ps sees only the container's processes, and an
#            orphan is reaped (no zombie).
#   enter-*  tern-mkroot --enter: status passed through; no mount under the
#            root visible on the host during or after; Ctrl-C (SIGINT to the
#            whole foreground process group) ends the command and unmounts,
#            both with the private mount namespace and with it disabled
#            (TERN_MKROOT_NS=1: the trap path); with a tern-aarch64 binfmt_misc
#            entry (flag F) it runs plain chroot, without a copy of tern.
# The root is built (or completed) by tests/userland/run.sh --root-only.
# Needs root: without it, prints "skipped: <reason>".
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
root="$repo/build/userland/root-arm64"
tern="$repo/build/tern"
while [ $# -gt 0 ]; do
    case $1 in
        --root) root=$2; shift 2 ;;
        --tern) tern=$2; shift 2 ;;
        *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
if [ "$(id -u)" != 0 ]; then
    echo "skipped: the container check needs root (namespaces, chroot, mounts)"; exit 0
fi
command -v unshare >/dev/null || { echo "skipped: no unshare (util-linux)"; exit 0; }
unshare --mount --pid --fork true 2>/dev/null ||
    { echo "skipped: cannot make mount and pid namespaces here"; exit 0; }

bash "$repo/tests/userland/run.sh" --root-only --root "$root" --tern "$tern" >/dev/null ||
    { echo "FAIL root (tests/userland/run.sh --root-only)"; echo "0 passed, 1 failed"; exit 1; }
install -D -m 755 "$tern" "$root/usr/libexec/tern"

pass=0 fail=0
ok() { echo "PASS $1"; pass=$((pass+1)); }
bad() { echo "FAIL $1${2:+: $2}"; fail=$((fail+1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ENV=(env -i LC_ALL=C TZ=UTC HOME=/root PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin TERM=dumb)

# mounts under the root as the host's mount namespace sees them
host_mounts() { awk -v r="$(readlink -f "$root")" '$5 == r || index($5, r "/") == 1 { print $5 }' /proc/self/mountinfo; }
before=$(host_mounts)

# the same binds as tern-mkroot --enter; in the container /proc is the new
# pid namespace's own (--mount-proc), and every mount dies with the namespace
in_ns() {
    "${ENV[@]}" unshare --mount --propagation private --pid --fork --mount-proc="$root/proc" \
        /bin/sh -c 'r=$1; shift
            for m in sys dev dev/pts; do mount --bind /$m "$r/$m" || exit 125; done
            exec chroot "$r" /usr/libexec/tern "$@"' sh "$root" "$@"
}
in_chroot() {
    "${ENV[@]}" unshare --mount --propagation private \
        /bin/sh -c 'r=$1; shift
            mount -t proc proc "$r/proc" || exit 125
            for m in sys dev dev/pts; do mount --bind /$m "$r/$m" || exit 125; done
            exec chroot "$r" /usr/libexec/tern "$@"' sh "$root" "$@"
}

# ---- the same snippet, chroot vs namespaces ----
same() {
    local name=$1 snippet=$2 cs ns
    in_chroot /bin/bash -c "$snippet" >"$tmp/c.out" 2>"$tmp/c.err" </dev/null; cs=$?
    in_ns /bin/bash -c "$snippet" >"$tmp/n.out" 2>"$tmp/n.err" </dev/null; ns=$?
    if [ $cs = $ns ] && [ $cs != 125 ] && cmp -s "$tmp/c.out" "$tmp/n.out" && [ -s "$tmp/n.out" ]; then
        ok "$name"
    else
        bad "$name" "status chroot $cs, namespaces $ns"
        diff "$tmp/c.out" "$tmp/n.out" | head -n 15 | sed 's/^/    /'
        sed 's/^/    stderr: /' "$tmp/n.err" | head -n 5
    fi
}
same ns-uname 'uname -s -m; uname -r | grep -c .; arch; getconf LONG_BIT; dpkg --print-architecture'
same ns-pipeline 'seq 1 3000 | grep 7 | sort -r | head -4; (exit 3) | true; echo "${PIPESTATUS[@]}"; echo abc | tr a-c x-z | od -c | head -1; x=$(seq 5 | paste -sd+); echo "$x"'
same ns-proc 'readlink /proc/self/exe; tr "\0" " " < /proc/self/cmdline; echo; grep -c "^processor" /proc/cpuinfo >/dev/null && echo cpuinfo-ok; grep -E "^(Name|State):" /proc/self/status; head -c 0 /proc/self/maps && grep -c "\[stack\]" /proc/self/maps'
same ns-signals 'sleep 30 & p=$!; sleep 0.3; kill -TERM $p; wait $p; echo "sleep: $?"; trap "echo got USR1" USR1; kill -USR1 $$; (kill -9 $BASHPID); echo "subshell: $?"; sh -c "exit 42"; echo "sh: $?"'
same ns-exit 'echo out; echo err >&2; exit 7'

# pid namespace: the shell is pid 1, ps sees the container only, orphans reaped
pidns() {
    in_ns /bin/bash -c '
        echo "pid $$"
        p=$(ps -e -o pid=,comm=); echo "$p" | sort -n | awk "{print \$1, \$2}"
        ( sleep 0.2 & ) ; sleep 1
        echo "zombies $(ps -e -o stat= | grep -c Z)"
        n=$(ps -e -o pid= | wc -l); echo "few processes $(( n >= 2 && n <= 5 ))"' </dev/null
}
out=$(pidns 2>"$tmp/err"); rc=$?
exp="pid 1
1 bash
3 ps
zombies 0
few processes 1"
# ps's pid depends on how many processes bash made before it: keep the pid 1
# line, the process names and the counts
got=$(printf '%s\n' "$out" | sed -E 's/^[0-9]+ ps$/3 ps/')
if [ $rc = 0 ] && [ "$got" = "$exp" ]; then ok ns-pid
else
    bad ns-pid "status $rc"; diff <(echo "$exp") <(echo "$got") | sed 's/^/    /'; sed 's/^/    stderr: /' "$tmp/err" | head -n 5
fi

# ---- tern-mkroot --enter ----
mkroot="$repo/sysroot-tools/tern-mkroot"
enter_status() {
    local out rc
    out=$("$mkroot" --enter "$root" /bin/bash -c 'mountpoint -q /proc && mountpoint -q /dev/pts && uname -m; exit 5' </dev/null 2>&1); rc=$?
    [ "$out" = aarch64 ] && [ $rc = 5 ] || { echo "output '$out', status $rc"; return 1; }
    [ "$(host_mounts)" = "$before" ] || { echo "host mounts left: $(host_mounts)"; return 1; }
}
if enter_status >"$tmp/out" 2>&1; then ok enter-status; else bad enter-status "$(cat "$tmp/out")"; fi

# Ctrl-C: SIGINT to the whole process group, as a terminal sends it, while
# the command runs inside; then nothing may stay mounted. With ns=1 the
# script's private mount namespace is disabled (TERN_MKROOT_NS preset), so
# its own trap has to unmount.
enter_ctrl_c() {
    local nsoff=$1 pid rc seen=0
    # a background job of this script starts with SIGINT ignored (no job
    # control): give it the default, as a terminal's foreground job has
    local ns=""; [ "$nsoff" = 1 ] && ns=1
    TERN_MKROOT_NS=$ns env --default-signal=INT setsid "$mkroot" --enter "$root" /bin/sleep 60 \
        </dev/null >"$tmp/e.out" 2>&1 &
    pid=$!
    # wait for the guest sleep: tern (a copy in the root, or the binfmt_misc
    # interpreter) running /bin/sleep, not the script naming it
    for _ in $(seq 1 100); do
        if pgrep -s "$pid" -f '^[^ ]*/tern[^ ]* /bin/sleep 60$' >/dev/null; then seen=1; break; fi
        sleep 0.1
    done
    [ $seen = 1 ] || { echo "the command never started"; kill -KILL -- -"$pid" 2>/dev/null; return 1; }
    if [ "$nsoff" = 1 ]; then
        [ -n "$(host_mounts)" ] || { echo "no mounts while running (ns disabled)"; kill -INT -- -"$pid"; return 1; }
    else
        [ "$(host_mounts)" = "$before" ] || { echo "mounts visible on the host while running"; kill -INT -- -"$pid"; return 1; }
    fi
    kill -INT -- -"$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { echo "still running 10 s after SIGINT"; kill -KILL -- -"$pid"; return 1; }
    wait "$pid"; rc=$?
    [ $rc = 130 ] || { echo "status $rc (want 130, the command's death by SIGINT)"; cat "$tmp/e.out"; return 1; }
    [ "$(host_mounts)" = "$before" ] || { echo "host mounts left: $(host_mounts)"; return 1; }
}
if enter_ctrl_c 0 >"$tmp/out" 2>&1; then ok enter-ctrl-c; else bad enter-ctrl-c "$(cat "$tmp/out")"; fi
if enter_ctrl_c 1 >"$tmp/out" 2>&1; then ok enter-ctrl-c-no-ns; else bad enter-ctrl-c-no-ns "$(cat "$tmp/out")"; fi

# with a tern-aarch64 entry (flag F) registered, --enter runs plain
# `chroot ROOT command`: no copy of tern in the root. Tried in a user
# namespace with a binfmt_misc instance of its own (packaging/userns-run), so
# the host's entries are not touched, and /usr/libexec covered by a tmpfs
# there, so a copy would show and the root's own is hidden.
binfmt=$(dirname "$tern")/tern-binfmt
if [ ! -x "$binfmt" ]; then
    echo "skipped: enter-binfmt: no tern-binfmt beside $tern"
elif ! "$repo/packaging/userns-run" --binfmt true 2>/dev/null; then
    echo "skipped: enter-binfmt: no private binfmt_misc instance (Linux >= 6.7)"
else
    # shellcheck disable=SC2016
    out=$("$repo/packaging/userns-run" --binfmt bash -c '
        root=$1 mkroot=$2 binfmt=$3 tern=$4
        mount -t tmpfs tmpfs "$root/usr/libexec" || exit 9
        "$binfmt" install --arch aarch64 --path "$tern" >/dev/null || exit 9
        "$mkroot" --enter "$root" /bin/bash -c "uname -m; ls /usr/libexec | wc -l; exit 4"; echo "status $?"
        echo -1 > /proc/sys/fs/binfmt_misc/tern-aarch64
        "$mkroot" --enter "$root" /bin/bash -c "uname -m; ls /usr/libexec"; echo "status $?"
        ' sh "$root" "$mkroot" "$binfmt" "$tern" 2>&1)
    exp="aarch64
0
status 4
aarch64
tern
status 0"
    if [ "$out" = "$exp" ]; then ok enter-binfmt
    else bad enter-binfmt; diff <(echo "$exp") <(echo "$out") | sed 's/^/    /'; fi
fi

echo "$pass passed, $fail failed"
[ $fail = 0 ]
