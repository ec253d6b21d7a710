#!/bin/sh
# run.sh BUILD — make binfmt-check: tern-binfmt and tern's binfmt_misc
# hand-off (docs/binfmt.md). The cases are in cases.sh.
#
# Needs root and binfmt_misc; otherwise prints "skipped: <reason>" and
# succeeds. The cases run in a private mount namespace and, where the kernel
# can (Linux >= 6.7), in a private user namespace with its own binfmt_misc
# instance: then nothing the test registers is seen by any other process on
# the machine. On an older kernel the host's binfmt_misc is used: the entries
# it touches (tern-*, qemu-aarch64) are saved first and put back by a trap,
# and the window during which tern is registered is kept short.
set -u
B=$(cd "${1:-build}" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
skip() { echo "skipped: $*"; exit 0; }

[ "$(id -u)" = 0 ] || skip "not root (registering with binfmt_misc needs root)"
[ -x "$B/tern" ] && [ -x "$B/tern-binfmt" ] || { echo "run.sh: build $B/tern and $B/tern-binfmt first" >&2; exit 1; }
command -v unshare >/dev/null || skip "no unshare (util-linux)"
command -v aarch64-linux-gnu-gcc >/dev/null || skip "no aarch64-linux-gnu-gcc"
command -v riscv64-linux-gnu-gcc >/dev/null || skip "no riscv64-linux-gnu-gcc"
T="$B/binfmt-test"
mkdir -p "$T"
aarch64-linux-gnu-gcc -O2 -static -Wall -Wextra -Werror -o "$T/showargs-aarch64" "$HERE/showargs.c" &&
riscv64-linux-gnu-gcc -O2 -static -Wall -Wextra -Werror -o "$T/showargs-riscv64" "$HERE/showargs.c" || exit 1

BF=/proc/sys/fs/binfmt_misc
# TERN_BINFMT_TEST_HOST=1 takes the host's path even where the private one works
if [ -z "${TERN_BINFMT_TEST_HOST:-}" ] &&
   unshare --user --map-root-user --mount --propagation private \
       sh -c "mount -t binfmt_misc binfmt_misc $BF" 2>/dev/null; then
    # a user namespace mapping uids 0..65535 as they are (the setuid case
    # needs a second user): the map is written from here, as root outside
    FIFO=$(mktemp -u /tmp/tern-binfmt-XXXXXX)
    mkfifo "$FIFO"
    unshare --user --mount --propagation private \
        sh -c "read go < '$FIFO'; exec bash '$HERE/cases.sh' '$B' private" &
    pid=$!
    sleep 0.2
    echo '0 0 65536' > /proc/$pid/uid_map && echo '0 0 65536' > /proc/$pid/gid_map
    echo go > "$FIFO"
    wait $pid
    rc=$?
    rm -f "$FIFO"
    exit $rc
fi

# the host's binfmt_misc
grep -qw binfmt_misc /proc/filesystems || modprobe binfmt_misc 2>/dev/null
grep -qw binfmt_misc /proc/filesystems || skip "this kernel has no binfmt_misc"
MOUNTED_HERE=
if ! grep -q " $BF " /proc/self/mounts; then
    mount -t binfmt_misc binfmt_misc $BF 2>/dev/null || skip "binfmt_misc cannot be mounted"
    MOUNTED_HERE=1
fi
SAVE=$(mktemp -d /tmp/tern-binfmt-save-XXXXXX)
NAMES="tern-aarch64 tern-riscv64 qemu-aarch64"
for n in $NAMES; do
    [ -e $BF/$n ] && cat $BF/$n > "$SAVE/$n"
done

# the registration line of a saved entry file
line_of() {
    awk -v name="$1" '
        function esc(h,   s, i) { s = ""; for (i = 1; i <= length(h); i += 2) s = s "\\x" substr(h, i, 2); return s }
        /^interpreter / { interp = substr($0, 13) }
        /^flags: / { flags = substr($0, 8) }
        /^offset / { off = $2 }
        /^magic / { magic = esc($2) }
        /^mask / { mask = esc($2) }
        END { printf ":%s:M:%s:%s:%s:%s:%s", name, off, magic, mask, interp, flags }' "$2"
}

restore() {
    for n in $NAMES; do
        if [ -e "$SAVE/$n" ]; then
            if [ -e $BF/$n ] && [ "$(tail -n +2 "$SAVE/$n")" = "$(tail -n +2 $BF/$n)" ]; then
                # only enabled/disabled differs: keep its place in the kernel's list
                if head -n1 "$SAVE/$n" | grep -q '^enabled'; then echo 1; else echo 0; fi > $BF/$n
            else
                [ -e $BF/$n ] && echo -1 > $BF/$n
                line_of "$n" "$SAVE/$n" > $BF/register
                head -n1 "$SAVE/$n" | grep -q '^disabled' && echo 0 > $BF/$n
            fi
        elif [ -e $BF/$n ]; then
            echo -1 > $BF/$n
        fi
    done
    rm -rf "$SAVE"
    [ -n "$MOUNTED_HERE" ] && umount $BF 2>/dev/null
}
trap restore EXIT
trap 'exit 1' INT TERM
unshare --mount --propagation private bash "$HERE/cases.sh" "$B" host
