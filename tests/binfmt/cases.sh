#!/bin/bash
# cases.sh BUILD MODE — the cases of make binfmt-check (run.sh starts it in
# a private mount namespace; MODE "private": also a private user namespace
# with its own binfmt_misc instance; "host": the host's binfmt_misc, which
# run.sh restores afterwards).
#
# Each case prints "ok: NAME" or "FAIL: NAME" (with what was seen); a case
# that cannot run here prints "skipped: NAME: reason". Exit status: the
# number of failures (0: all passed).
set -u
B=$1
MODE=$2
T=$B/binfmt-test
BF=/proc/sys/fs/binfmt_misc
TB="$B/tern-binfmt"
ROOT=$(cd "$B/.." && pwd)/build/userland/root-arm64
fails=0
pass() { echo "ok: $1"; }
fail() { echo "FAIL: $1"; shift; for x in "$@"; do printf '  | %s\n' "$x"; done; fails=$((fails + 1)); }
# check NAME TEXT PATTERN...: every grep pattern found in TEXT
check() {
    local name=$1 text=$2
    shift 2
    for p in "$@"; do
        if ! grep -qe "$p" <<<"$text"; then
            fail "$name" "missing: $p" "$text"
            return
        fi
    done
    pass "$name"
}

MAGIC='\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00'
MASK='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
# register NAME INTERPRETER FLAGS: an aarch64 entry written by hand
register() { printf '%s' ":$1:M::$MAGIC:$MASK:$2:$3" > $BF/register; }
drop() { [ -e $BF/$1 ] && echo -1 > $BF/$1; }

# private copies of what install --persistent and --replace write
mkdir -p /etc/binfmt.d
mount -t tmpfs tmpfs /etc/binfmt.d
mount -t tmpfs tmpfs /run
WORK=$(mktemp -d /tmp/tern-binfmt-cases-XXXXXX)
mount -t tmpfs -o mode=755 tmpfs "$WORK"
# private: always a new instance (a mount copied from the host's namespace
# would be the host's instance)
if [ "$MODE" = private ] || ! grep -q " $BF " /proc/self/mounts; then
    mount -t binfmt_misc binfmt_misc $BF || { echo "skipped: binfmt_misc cannot be mounted"; exit 0; }
fi
# a clean start: no tern entries (run.sh puts the host's back)
"$TB" uninstall >/dev/null

# ---- install refuses a dynamic interpreter ----
out=$("$TB" install --path /bin/true 2>&1); rc=$?
[ $rc -ne 0 ] && check "install refuses a dynamically linked interpreter" "$out" "dynamically linked" \
    || fail "install refuses a dynamically linked interpreter" "rc=$rc" "$out"
[ ! -e $BF/tern-aarch64 ] || fail "nothing registered after the refusal"

# ---- another handler of the same magic (qemu's) ----
FAKE_QEMU=
if [ -e $BF/qemu-aarch64 ]; then
    echo "note: using the host's qemu-aarch64 entry"
else
    qi=/usr/bin/qemu-aarch64-static
    [ -x $qi ] || qi="$B/tern"
    register qemu-aarch64 "$qi" F && FAKE_QEMU=1
fi
qemu_before=$(cat $BF/qemu-aarch64)
out=$("$TB" install --persistent 2>&1); rc=$?
if [ $rc -ne 0 ] && [ ! -e $BF/tern-aarch64 ]; then
    check "install leaves qemu-aarch64 alone without --replace" "$out" "qemu-aarch64" "replace"
else
    fail "install leaves qemu-aarch64 alone without --replace" "rc=$rc" "$out"
fi

# ---- install --persistent --replace ----
out=$("$TB" install --persistent --replace 2>&1); rc=$?
[ $rc -eq 0 ] && check "install --persistent --replace" "$out" "tern-aarch64: registered" \
    "tern-riscv64: registered" "qemu-aarch64: disabled" \
    || fail "install --persistent --replace" "rc=$rc" "$out"
for a in aarch64 riscv64; do
    f=/etc/binfmt.d/tern-$a.conf
    if [ -f $f ] && grep -q "^:tern-$a:M::.*:$B/tern:F\$" $f; then pass "$f written"; else fail "$f written" "$(cat $f 2>&1)"; fi
done
check "entry: flags, magic and mask" "$(cat $BF/tern-aarch64)" "^enabled" "interpreter $B/tern" \
    "flags: F" "magic 7f454c460201010000000000000000000200b700" \
    "mask ffffffffffffff00fffffffffffffffffeffffff"
out=$("$TB" status 2>&1)
check "status" "$out" "tern-aarch64: enabled" "tern-riscv64: enabled" "interpreter $B/tern (static)" \
    "flags F (fix-binary)" "persistent: /etc/binfmt.d/tern-aarch64.conf" \
    "also runs aarch64 programs: qemu-aarch64 (disabled.*\[disabled by install --replace\]"

# ---- programs run directly ----
cd "$T"
out=$(./showargs-aarch64 one two 2>&1)
check "aarch64 program run directly" "$out" "^machine=aarch64" "^argv\[1\]=one" "^argv\[2\]=two" \
    "^exe=$T/showargs-aarch64\$" "^firstfd=3\$" "^secure=0" "^flags=0"
out=$(./showargs-riscv64 one 2>&1)
check "riscv64 program run directly" "$out" "^machine=riscv64" "^argv\[1\]=one"
out=$(bash -c 'exec -a invoked-name ./showargs-aarch64' 2>&1)
# (bash hands the kernel the program's full name)
check "without P argv[0] is the path, not the name invoked by" "$out" "^argv\[0\]=.*/showargs-aarch64\$"
out=$(bash -c 'exec -a -x ./showargs-aarch64 -d unimp' 2>&1)
check "arguments that look like tern's options reach the program" "$out" "^argv\[1\]=-d" "^argv\[2\]=unimp"

# ---- chroot into a foreign root without tern ----
if [ -x "$ROOT/bin/sh" ]; then
    # hide what the root has of tern (and qemu) in this namespace only
    mount -t tmpfs tmpfs "$ROOT/usr/libexec"
    found=$(find "$ROOT/usr/bin" "$ROOT/usr/local" "$ROOT/usr/libexec" -name 'tern*' 2>/dev/null)
    if [ -n "$found" ]; then
        fail "the root has no tern" "$found"
    else
        out=$(chroot "$ROOT" /bin/sh -c 'uname -m; ls /' 2>&1)
        check "chroot ROOT /bin/sh -c 'uname -m; ls /' without tern in ROOT" "$out" "^aarch64\$" "^usr\$" "^etc\$"
    fi
else
    echo "skipped: chroot case: no $ROOT (make userland-check builds it)"
fi

# ---- uninstall ----
out=$("$TB" uninstall 2>&1); rc=$?
if [ $rc -eq 0 ] && [ ! -e $BF/tern-aarch64 ] && [ ! -e $BF/tern-riscv64 ] &&
   [ ! -e /etc/binfmt.d/tern-aarch64.conf ] && [ "$(cat $BF/qemu-aarch64)" = "$qemu_before" ]; then
    pass "uninstall removes the entries and files and enables qemu-aarch64 again"
else
    fail "uninstall removes the entries and files and enables qemu-aarch64 again" "rc=$rc" "$out" "$(cat $BF/qemu-aarch64)"
fi
[ -n "$FAKE_QEMU" ] && drop qemu-aarch64

# ---- P flag: argv[0] as invoked, also across exec inside a chroot ----
"$TB" install --preserve-argv0 --replace >/dev/null || fail "install --preserve-argv0"
check "P flag entry" "$(cat $BF/tern-aarch64)" "flags: PF"
out=$(bash -c 'exec -a invoked-name ./showargs-aarch64 a' 2>&1)
check "P flag: argv[0] is the name the program was invoked by" "$out" "^argv\[0\]=invoked-name\$" "^argv\[1\]=a\$"
if [ -x "$ROOT/bin/bash" ]; then
    # no /proc in the root: the inner exec goes back through binfmt_misc
    out=$(chroot "$ROOT" /bin/bash -c '(exec -a inner-name /bin/bash -c "echo \$0")' 2>&1)
    check "P flag: exec inside a chroot keeps argv[0]" "$out" "^inner-name\$"
fi

# ---- C flag: the binary's credentials, AT_EXECFD, AT_SECURE ----
"$TB" install --preserve-argv0 --credential --replace >/dev/null || fail "install --credential"
check "C flag entry" "$(cat $BF/tern-aarch64)" "flags: POCF"
cp showargs-aarch64 "$WORK/xonly" && chmod 0711 "$WORK/xonly"
cp showargs-aarch64 "$WORK/suid" && chown 0:0 "$WORK/suid" && chmod 4755 "$WORK/suid"
cp showargs-aarch64 "$WORK/plain" && chmod 0755 "$WORK/plain"
if command -v setpriv >/dev/null && setpriv --reuid=1000 --regid=1000 --clear-groups true 2>/dev/null; then
    asuser() { setpriv --reuid=1000 --regid=1000 --clear-groups "$@"; }
    out=$(asuser "$WORK/xonly" 2>&1)
    check "C flag: an execute-only program runs (read through AT_EXECFD)" "$out" "^machine=aarch64" \
        "^firstfd=3\$" "^exe=$WORK/xonly\$"
    out=$(asuser env TERN_STRACE=1 QEMU_LD_PREFIX=/nonexistent "$WORK/plain" 2>&1)
    check "TERN_STRACE applies to an ordinary program" "$out" "^secure=0" "openat("
    out=$(asuser env TERN_STRACE=1 QEMU_LOG_FILENAME="$WORK/log" QEMU_LD_PREFIX=/nonexistent "$WORK/suid" 2>&1)
    if grep -q "openat(" <<<"$out" || [ -e "$WORK/log" ]; then
        fail "AT_SECURE: QEMU_*/TERN_* ignored for a setuid program" "$out"
    else
        check "AT_SECURE: QEMU_*/TERN_* ignored for a setuid program" "$out" "^secure=1" "^euid=0"
    fi
else
    echo "skipped: C flag cases: cannot switch to uid 1000 here"
fi

# ---- doctor ----
"$TB" install --replace >/dev/null || fail "install for doctor"
out=$("$TB" doctor "$T/showargs-aarch64" 2>&1); rc=$?
[ $rc -eq 0 ] && check "doctor: a working set-up" "$out" "no problem found" || fail "doctor: a working set-up" "$out"
# every binfmt_misc stacked there goes; the host's, when it lies under the
# test's own, is locked in this user namespace and gets a tmpfs over it
out=$(unshare --mount --propagation private sh -c "while mountpoint -q $BF; do umount $BF 2>/dev/null || { mount -t tmpfs none $BF; break; }; done; '$TB' doctor '$T/showargs-aarch64'" 2>&1); rc=$?
[ $rc -ne 0 ] && check "doctor: binfmt_misc not mounted" "$out" "problem: binfmt_misc is not mounted" \
    || fail "doctor: binfmt_misc not mounted" "$out"
echo 0 > $BF/tern-aarch64
out=$("$TB" doctor "$T/showargs-aarch64" 2>&1); rc=$?
[ $rc -ne 0 ] && check "doctor: disabled entry" "$out" "problem: tern-aarch64 would run .* but is disabled" \
    || fail "doctor: disabled entry" "$out"
"$TB" uninstall >/dev/null
if [ -e $BF/qemu-aarch64 ]; then
    echo "skipped: doctor: no entry: the host's qemu-aarch64 entry takes the program"
else
    out=$("$TB" doctor "$T/showargs-aarch64" 2>&1); rc=$?
    [ $rc -ne 0 ] && check "doctor: no entry" "$out" "problem: no binfmt_misc entry takes .*aarch64" \
        || fail "doctor: no entry" "$out"
fi
register tern-aarch64 /nonexistent/tern ""
out=$("$TB" doctor "$T/showargs-aarch64" 2>&1); rc=$?
[ $rc -ne 0 ] && check "doctor: missing interpreter" "$out" "problem: the interpreter /nonexistent/tern of tern-aarch64 is missing" \
    || fail "doctor: missing interpreter" "$out"
drop tern-aarch64
# a small root: the program and nothing of the host
mkdir -p "$WORK/root/bin" && cp showargs-aarch64 "$WORK/root/bin/prog"
register tern-aarch64 "$B/tern" ""
out=$("$TB" doctor --root "$WORK/root" /bin/prog 2>&1); rc=$?
[ $rc -ne 0 ] && check "doctor: entry without F in a chroot (--root)" "$out" "problem: tern-aarch64 has no F flag" \
    || fail "doctor: entry without F in a chroot (--root)" "$out"
if [ -x "$ROOT/bin/true" ]; then
    mkdir -p "$WORK/bin" && cp "$TB" "$WORK/bin/"
    mount --bind "$WORK/bin" "$ROOT/mnt" && mount --rbind /proc "$ROOT/proc"
    chroot "$ROOT" /bin/true 2>/dev/null && fail "without F the chroot's programs fail"
    out=$(chroot "$ROOT" /mnt/tern-binfmt doctor /bin/true 2>&1); rc=$?
    [ $rc -ne 0 ] && check "doctor inside the chroot: entry without F" "$out" "inside a chroot" \
        "problem: tern-aarch64 has no F flag" || fail "doctor inside the chroot: entry without F" "$out"
    umount -R "$ROOT/proc"; umount "$ROOT/mnt"
fi
drop tern-aarch64
register tern-aarch64 /bin/true F
out=$("$TB" doctor --root "$WORK/root" /bin/prog 2>&1); rc=$?
[ $rc -ne 0 ] && check "doctor: dynamically linked interpreter" "$out" "problem: the interpreter /bin/true of tern-aarch64 is not static" \
    || fail "doctor: dynamically linked interpreter" "$out"
drop tern-aarch64
"$TB" install --arch aarch64 --replace >/dev/null
mkdir -p "$WORK/noexec" && mount -t tmpfs -o noexec tmpfs "$WORK/noexec" && cp showargs-aarch64 "$WORK/noexec/prog"
"$WORK/noexec/prog" >/dev/null 2>&1 && fail "a noexec mount stops the program"
out=$("$TB" doctor "$WORK/noexec/prog" 2>&1); rc=$?
[ $rc -ne 0 ] && check "doctor: noexec mount" "$out" "problem: .* is on a file system mounted noexec ($WORK/noexec)" \
    || fail "doctor: noexec mount" "$out"

# ---- export ----
mkdir -p "$WORK/sd" "$WORK/deb"
out=$("$TB" export --systemd "$WORK/sd" --debian "$WORK/deb" --preserve-argv0 2>&1) || fail "export" "$out"
check "export --systemd" "$(cat "$WORK/sd/tern-riscv64.conf")" "^:tern-riscv64:M::.*\\\\xf3\\\\x00:.*:$B/tern:FP\$"
check "export --debian" "$(cat "$WORK/deb/tern-aarch64")" "^package tern\$" "^interpreter $B/tern\$" \
    "^magic \\\\x7f\\\\x45" "^preserve yes\$" "^credentials no\$" "^fix_binary yes\$"

"$TB" uninstall >/dev/null
cd /
umount "$WORK/noexec" 2>/dev/null; umount "$WORK"; rmdir "$WORK"
echo "binfmt-check: $fails failure(s) ($MODE binfmt_misc)"
exit $fails
