#!/bin/bash
# run.sh — the userland suite: programs of a Debian bookworm arm64 root run
# under tern (chroot ROOT tern PROGRAM: no binfmt_misc needed) and compared
# with the same command run natively on this amd64 Debian 12 host, or with
# qemu-aarch64-static where the output names the architecture
# (tests/userland/cases.list says which and why).
#
#   tests/userland/run.sh [--root DIR] [--tern FILE] [NAME...]
#   tests/userland/run.sh --pytests     Python's own tests (test_json ...)
#   tests/userland/run.sh --pyloop      times a 1,000,000-iteration python3
#                                       loop: tern, qemu, native
#   tests/userland/run.sh --root-only   only build (or complete) the root and
#                                       exit (tests/container uses the same root)
#
# The root is built once by sysroot-tools/tern-mkroot (downloads cached under
# build/cache) and kept under build/userland/root-arm64; a root that is not
# finished is built again. Needs root (chroot, bind mounts): without it the
# suite prints "skipped: <reason>" and succeeds.
#
# Each case runs in a fixed environment (env -i, LC_ALL=C, TZ=UTC, PATH, HOME)
# in the data directory, ROOT/work on the host and /work in the guest, which
# this script fills with the same files (fixed contents and times) each run.
# stdout and the exit status are compared; stderr is shown on failure.
# Prints "PASS name" / "FAIL name" and finally "N passed, N failed".
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
root="$repo/build/userland/root-arm64"
tern="$repo/build/tern"
qemu=qemu-aarch64-static
mode=cases
while [ $# -gt 0 ]; do
    case $1 in
        --root) root=$2; shift 2 ;;
        --tern) tern=$2; shift 2 ;;
        --pytests) mode=pytests; shift ;;
        --pyloop) mode=pyloop; shift ;;
        --root-only) mode=root; shift ;;
        -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
        *) break ;;
    esac
done

if [ "$(id -u)" != 0 ]; then
    echo "skipped: the userland suite needs root (chroot and bind mounts)"
    exit 0
fi
[ -x "$tern" ] || { echo "run.sh: no tern at $tern (make first)" >&2; exit 2; }

# packages: unpacked by debootstrap, configured by the second stage under
# tern; the rest is installed by apt-get under tern (gcc: a compiler driver
# running its subprocesses, cc1, as, collect2, ld, each a foreign program;
# dpkg-dev for dpkg-buildpackage; procps for ps in tests/container)
INCLUDE=bash,coreutils,grep,sed,mawk,findutils,tar,gzip,xz-utils,perl,python3,sqlite3
PACKAGES=libpython3.11-testsuite,gcc,libc6-dev,make,dpkg-dev,procps,iproute2
if [ ! -e "$root/.tern-mkroot-done" ] || [ "$(cat "$root/.tern-userland-packages" 2>/dev/null)" != "$PACKAGES" ]; then
    echo "run.sh: building the arm64 root in $root (once; downloads cached under build/cache)"
    "$repo/sysroot-tools/tern-mkroot" --arch arm64 --suite bookworm --variant minbase \
        --include "$INCLUDE" --packages "$PACKAGES" --tern "$tern" "$root" || {
        echo "FAIL mkroot"; echo "0 passed, 1 failed"; exit 1; }
    echo "$PACKAGES" > "$root/.tern-userland-packages"
fi
install -D -m 755 "$tern" "$root/usr/libexec/tern"
[ "$mode" != root ] || exit 0

mounted=()
cleanup() { local m; for m in "${mounted[@]}"; do umount -l "$m" 2>/dev/null; done; }
trap cleanup EXIT
for m in proc dev dev/pts sys; do
    mkdir -p "$root/$m"
    if ! mountpoint -q "$root/$m"; then
        case $m in proc) mount -t proc proc "$root/proc" ;; *) mount --bind "/$m" "$root/$m" ;; esac
        mounted=("$root/$m" "${mounted[@]}")
    fi
done

ENV=(env -i LC_ALL=C TZ=UTC HOME=/root PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin TERM=dumb)
guest() { "${ENV[@]}" chroot "$root" /usr/libexec/tern "$@"; }
# qemu-user stands in for tern inside the root; with no binfmt_misc entry
# for it, it can run one program but not what that program executes, so
# "qemu" cases are one program and its arguments, run from /
oracle_qemu() { "${ENV[@]}" chroot "$root" /usr/libexec/qemu-aarch64-static "$@"; }
if command -v "$qemu" >/dev/null; then
    install -D -m 755 "$(command -v "$qemu")" "$root/usr/libexec/qemu-aarch64-static"
fi

# ---------------- the data directory ----------------
make_data() {
    local w="$root/work"
    rm -rf "$w"; mkdir -p "$w/data/sub"
    python3 - "$w" <<'EOF'
import os, random, sys
w = sys.argv[1]
r = random.Random(1234)
letters = "abcdefghijklmnopqrstuvwxyz"
words = ["".join(r.choice(letters) for _ in range(r.randint(2, 9))) for _ in range(3000)]
words += ["the", "zebra", "abcd", "bxyz", "the"]
open(os.path.join(w, "words.txt"), "w").write("\n".join(words) + "\n")
open(os.path.join(w, "numbers.txt"), "w").write("\n".join(str(r.randint(-10**6, 10**6)) for _ in range(500)) + "\n")
open(os.path.join(w, "table.csv"), "w").write("".join(
    "%d,%s,%.2f\n" % (i, r.choice(["red", "green", "blue"]), r.uniform(0, 100)) for i in range(200)))
open(os.path.join(w, "scratch.txt"), "w").write("xyz\nabc x\n")
open(os.path.join(w, "data", "notes.txt"), "w").write("a zebra crossing\n" * 40)
open(os.path.join(w, "data", "old.txt"), "w").write("old\n")
open(os.path.join(w, "data", "sub", "deep.txt"), "w").write("deep zebra\n")
open(os.path.join(w, "data", "big.bin"), "wb").write(bytes(r.getrandbits(8) for _ in range(300000)))
open(os.path.join(w, "data", "sub", "empty"), "w").close()
open(os.path.join(w, "script.sh"), "w").write('''#!/bin/bash
f() { local x=$1; echo "f:$x:${#x}"; return 4; }
for a in "$@"; do f "$a"; echo "rc=$?"; done
case "$1" in on*) echo matched ;; esac
printf '%05.1f|%-4s|%x\\n' 3.14159 ab 255
declare -A m=([k]=v [z]=q); for k in $(echo "${!m[@]}" | tr ' ' '\\n' | sort); do echo "$k=${m[$k]}"; done
exit 2
''')
open(os.path.join(w, "prog.py"), "w").write('''import json, re, hashlib, sqlite3, struct, math, os, collections
data = {"words": sorted(set(open("words.txt").read().split()))[:5], "n": math.factorial(30)}
print(json.dumps(data, sort_keys=True))
print(re.sub(r"(?P<w>[aeiou]+)", lambda m: m.group("w").upper(), "education is beautiful"))
print(hashlib.sha1(open("data/big.bin", "rb").read()).hexdigest())
print(hashlib.blake2b(b"tern", digest_size=16).hexdigest())
db = sqlite3.connect(":memory:")
db.execute("create table t (k text, v real)")
db.executemany("insert into t values (?, ?)", [(l.split(",")[1], float(l.split(",")[2])) for l in open("table.csv")])
for row in db.execute("select k, count(*), round(sum(v), 2) from t group by k order by k"):
    print(row)
print(struct.pack("<dIh", 1.5, 7, -2).hex(), struct.unpack(">q", b"\\xff" * 8))
print(collections.Counter(open("words.txt").read()).most_common(3))
print(sorted(os.listdir("data")), math.fsum([0.1] * 10), float.fromhex("0x1.8p3"))
''')
EOF
    touch -d '2001-02-03 04:05:06' "$w/data/old.txt"
    touch -d '2020-01-01 00:00:00' "$w/data/notes.txt" "$w/data/big.bin" \
        "$w/data/sub/deep.txt" "$w/data/sub/empty" "$w/data/sub" "$w/data"
    chmod 640 "$w/data/notes.txt"; chmod 755 "$w/script.sh"
    cp -a "$here/pkg" "$w/pkg"      # a source package (case dpkg-buildpackage)
}

# ---------------- modes ----------------
if [ "$mode" = pyloop ]; then
    code='s = 0
for i in range(1000000):
    s += i * i % 7
print(s)'
    t() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N)
          printf '%d.%03d' $(( (e - s) / 1000000000 )) $(( (e - s) / 1000000 % 1000 )); }
    echo "python3 -c (1,000,000-iteration loop), seconds of wall time, one run each:"
    echo "  native amd64: $(t "${ENV[@]}" /usr/bin/python3 -c "$code")"
    echo "  tern:         $(t guest /usr/bin/python3 -c "$code")"
    echo "  qemu:         $(t oracle_qemu /usr/bin/python3 -c "$code")"
    exit 0
fi

if [ "$mode" = pytests ]; then
    TESTS="test_json test_re test_string test_math test_struct test_os test_datetime"
    pass=0 fail=0
    for t in $TESTS; do
        g=$(cd / && guest /usr/bin/python3 -m test -q "$t" 2>&1); gs=$?
        if [ $gs = 0 ]; then echo "PASS python $t"; pass=$((pass+1)); continue; fi
        n=$(cd "$root/tmp" && "${ENV[@]}" /usr/bin/python3 -m test -q "$t" 2>&1); ns=$?
        if [ $ns != 0 ]; then
            echo "PASS python $t (fails natively too: status $ns)"; pass=$((pass+1))
        else
            echo "FAIL python $t (status $gs; passes natively)"; echo "$g" | tail -n 25 | sed 's/^/    /'
            fail=$((fail+1))
        fi
    done
    echo "$pass passed, $fail failed"
    [ $fail = 0 ]; exit
fi

make_data
pass=0 fail=0 why=""
declare -a only=("$@")
while IFS= read -r line; do
    case $line in
        "# qemu:"*) why=${line#\# qemu: }; continue ;;
        \#*|"") continue ;;
    esac
    read -r name oracle cmd <<<"$line"
    if [ ${#only[@]} -gt 0 ] && [[ " ${only[*]} " != *" $name "* ]]; then continue; fi
    gcmd=${cmd//@ADMINDIR@/}
    ncmd=${cmd//@ADMINDIR@/--admindir=$root/var/lib/dpkg}
    gout=$(mktemp) gerr=$(mktemp) nout=$(mktemp) nerr=$(mktemp)
    case $oracle in
        native)
            guest /bin/bash -c "cd /work && $gcmd" >"$gout" 2>"$gerr" </dev/null; gs=$?
            make_data >/dev/null 2>&1   # the same files for the second run
            (cd "$root/work" && "${ENV[@]}" /bin/bash -c "$ncmd") >"$nout" 2>"$nerr" </dev/null
            ns=$? ;;
        qemu)
            read -r -a words <<<"$gcmd"
            guest "${words[@]}" >"$gout" 2>"$gerr" </dev/null; gs=$?
            oracle_qemu "${words[@]}" >"$nout" 2>"$nerr" </dev/null; ns=$? ;;
        file:*)
            # a fixed expected stdout (tests/userland/<path>) and status 0:
            # for what only the guest can produce (an arm64 package)
            guest /bin/bash -c "cd /work && $gcmd" >"$gout" 2>"$gerr" </dev/null; gs=$?
            cp "$here/${oracle#file:}" "$nout"; ns=0 ;;
        *) echo "run.sh: $name: unknown oracle $oracle" >&2; exit 2 ;;
    esac
    make_data >/dev/null 2>&1   # for the next case
    if [ $gs = $ns ] && cmp -s "$gout" "$nout"; then
        echo "PASS $name"; pass=$((pass+1))
    else
        echo "FAIL $name (status tern $gs, $oracle $ns)${why:+ [oracle $oracle: $why]}"
        diff "$nout" "$gout" | head -n 20 | sed 's/^/    /'
        sed 's/^/    stderr: /' "$gerr" | head -n 10
        fail=$((fail+1))
    fi
    why=""
    rm -f "$gout" "$gerr" "$nout" "$nerr"
done < "$here/cases.list"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
