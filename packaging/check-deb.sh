#!/bin/bash
# check-deb.sh — checks the tern .deb that `make deb` built (make deb-check).
#
#   packaging/check-deb.sh DEB VERSION BUILD
#
# 1. dpkg-deb -I: name, version, amd64, no dependencies, the maintainer scripts;
# 2. dpkg-deb -c: the programs, the tern-<arch> links, the binfmt.d files, docs;
# 3. the unpacked tern runs (-version) and the binfmt.d lines (tern-binfmt export) are well formed
#    (seven fields, flag F, an interpreter the package ships);
# 4. make install / make uninstall into a temporary DESTDIR give the same
#    files as the package and leave nothing behind;
# 5. as root: the package's whole life under dpkg, installed into a scratch
#    root (dpkg --root, scripts chrootless) inside a user namespace with a
#    binfmt_misc instance of its own (packaging/userns-run): postinst must
#    register tern-aarch64 and tern-riscv64 enabled with flag F, an arm64
#    program then runs by name, and prerm (dpkg -r) must remove the entries.
#    The host's binfmt_misc is never touched. Without root: "skipped: ...".
# Prints "PASS name" / "FAIL name" per check and "N passed, N failed".
set -uo pipefail

deb=$1 version=$2 build=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { echo "PASS $1"; pass=$((pass+1)); }
bad() { echo "FAIL $1${2:+: $2}"; fail=$((fail+1)); }
check() { local name=$1; shift; if "$@" >"$tmp/out" 2>&1; then ok "$name"; else bad "$name"; sed 's/^/    /' "$tmp/out" | head -n 15; fi; }

# ---- 1. control ----
info() {
    local i; i=$(dpkg-deb -I "$deb") || return 1
    grep -qx ' Package: tern' <<<"$i" || { echo "no Package: tern"; return 1; }
    grep -qx " Version: $version" <<<"$i" || { echo "version is not $version"; return 1; }
    grep -qx ' Architecture: amd64' <<<"$i" || { echo "not amd64"; return 1; }
    ! grep -qE '^ (Pre-)?Depends:' <<<"$i" || { echo "has dependencies"; return 1; }
    grep -qE '^ .* \* +postinst ' <<<"$i" && grep -qE '^ .* \* +prerm ' <<<"$i" ||
        { echo "no executable postinst/prerm"; return 1; }
}
check deb-info info

# ---- 2. contents ----
dpkg-deb -c "$deb" | awk '{ l = $1 " " $6; if ($7 == "->") l = l " -> " $8; print l }' > "$tmp/contents"
contents() {
    local f
    for f in ./usr/bin/tern ./usr/bin/tern-binfmt ./usr/bin/tern-mkroot ./usr/lib/binfmt.d/tern-aarch64.conf \
             ./usr/lib/binfmt.d/tern-riscv64.conf ./usr/share/doc/tern/README.md \
             ./usr/share/doc/tern/containers.md ./usr/share/doc/tern/examples/tern-binfmt-daemonset.yaml; do
        grep -q " $f\$" "$tmp/contents" || { echo "missing $f"; return 1; }
    done
    grep -q '^-rwxr-xr-x ./usr/bin/tern$' "$tmp/contents" || { echo "tern not 0755"; return 1; }
    grep -q '^lrwxrwxrwx ./usr/bin/tern-aarch64 -> tern$' "$tmp/contents" &&
        grep -q '^lrwxrwxrwx ./usr/bin/tern-riscv64 -> tern$' "$tmp/contents" ||
        { echo "tern-<arch> links missing"; return 1; }
    ! dpkg-deb -c "$deb" | awk '{ print $2 }' | grep -v '^root/root$' | grep -q . ||
        { echo "files not owned by root"; return 1; }
}
check deb-contents contents

# ---- 3. the unpacked package ----
dpkg-deb -x "$deb" "$tmp/x"
runs() {
    local v; v=$("$tmp/x/usr/bin/tern" -version | head -n 1)
    [ "$v" = "tern ${version%%+*}" ] || { echo "tern -version says '$v'"; return 1; }
    "$tmp/x/usr/bin/tern-mkroot" --help | grep -q -- '--enter' || { echo "tern-mkroot --help"; return 1; }
}
check deb-runs runs
binfmt_lines() {
    local conf line n f
    for conf in "$tmp"/x/usr/lib/binfmt.d/tern-*.conf; do
        n=0
        while IFS= read -r line; do
            case $line in '#'*|'') continue ;; esac
            n=$((n+1))
            IFS=: read -r -a f <<<"$line:"
            [ ${#f[@]} = 8 ] || { echo "$conf: ${#f[@]} fields: $line"; return 1; }
            [ "${f[1]}" = "$(basename "$conf" .conf)" ] && [ "${f[2]}" = M ] && [ "${f[7]}" = F ] ||
                { echo "$conf: name, type or flags: $line"; return 1; }
            [ -e "$tmp/x${f[6]}" ] || { echo "$conf: interpreter ${f[6]} not in the package"; return 1; }
        done < "$conf"
        [ $n = 1 ] || { echo "$conf: $n entries"; return 1; }
    done
}
check deb-binfmt.d binfmt_lines

# the DaemonSet example parses, and registers with F from a privileged container
manifest() {
    local y="$repo/packaging/k8s/tern-binfmt-daemonset.yaml"
    if python3 -c 'import yaml' 2>/dev/null; then
        python3 - "$y" <<'EOF'
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
assert len(docs) == 1, "one document"
d = docs[0]
assert d["apiVersion"] == "apps/v1" and d["kind"] == "DaemonSet", "a DaemonSet"
spec = d["spec"]
assert spec["selector"]["matchLabels"].items() <= spec["template"]["metadata"]["labels"].items(), "selector"
pod = spec["template"]["spec"]
init = pod["initContainers"][0]
assert init["securityContext"]["privileged"] is True, "privileged"
assert "tern-binfmt install" in " ".join(init["command"]) and "--persistent" in " ".join(init["command"]), "install with F"
assert "hostPath" not in str(pod), "no hostPath"
EOF
    else
        # no PyYAML: tabs (never valid indentation) and the key lines
        ! grep -q "$(printf '\t')" "$y" && grep -q '^kind: DaemonSet$' "$y" &&
            grep -q 'tern-binfmt install .*--persistent' "$y" && grep -q 'privileged: true' "$y"
    fi
}
check k8s-manifest manifest

# ---- 4. make install / uninstall ----
install_same() {
    make -s -C "$repo" --no-print-directory install BUILD="$build" PREFIX=/usr DESTDIR="$tmp/inst" >/dev/null || return 1
    (cd "$tmp/inst" && find . ! -type d | sort) > "$tmp/inst.list"
    (cd "$tmp/x" && find . ! -type d ! -path './usr/lib/binfmt.d/*' | sort) > "$tmp/deb.list"
    diff "$tmp/deb.list" "$tmp/inst.list" || return 1
    make -s -C "$repo" --no-print-directory uninstall BUILD="$build" PREFIX=/usr DESTDIR="$tmp/inst" >/dev/null || return 1
    local left; left=$(cd "$tmp/inst" && find . ! -type d)
    [ -z "$left" ] || { echo "left after uninstall: $left"; return 1; }
    [ ! -e "$tmp/inst/usr/share/doc/tern" ] || { echo "doc directory left"; return 1; }
}
check install-uninstall install_same

# ---- 5. dpkg life cycle with a private binfmt_misc ----
if [ "$(id -u)" != 0 ]; then
    echo "skipped: deb-dpkg-cycle needs root (dpkg --root in a user namespace with its own binfmt_misc)"
elif ! "$here/userns-run" --binfmt true 2>"$tmp/err"; then
    echo "skipped: deb-dpkg-cycle: $(cat "$tmp/err")"
elif ! command -v aarch64-linux-gnu-gcc >/dev/null; then
    echo "skipped: deb-dpkg-cycle: no aarch64-linux-gnu-gcc for the test program"
else
    printf '#include <stdio.h>\nint main(int c, char **v) { printf("arm64 by name: %%s %%d\\n", v[1], c); return 3; }\n' > "$tmp/h.c"
    aarch64-linux-gnu-gcc -static -O2 -o "$tmp/hello-arm64" "$tmp/h.c"
    r="$tmp/dpkgroot"
    mkdir -p "$r/var/lib/dpkg/info" "$r/var/lib/dpkg/updates"
    : > "$r/var/lib/dpkg/status"
    # shellcheck disable=SC2016
    "$here/userns-run" --binfmt bash -c '
        deb=$1 r=$2 hello=$3 b=/proc/sys/fs/binfmt_misc
        set -e
        # (this may be a container: registration is forced, as an admin would)
        TERN_POSTINST_REGISTER=yes dpkg --root="$r" --force-script-chrootless -i "$deb"
        for a in aarch64 riscv64; do
            [ "$(head -n 1 $b/tern-$a)" = enabled ] || { echo "tern-$a not enabled"; exit 1; }
            grep -q "^flags: F" $b/tern-$a || { echo "tern-$a has no flag F"; cat $b/tern-$a; exit 1; }
            grep -qx "interpreter $r/usr/bin/tern" $b/tern-$a || { cat $b/tern-$a; exit 1; }
        done
        set +e
        out=$("$hello" word); rc=$?
        [ "$out" = "arm64 by name: word 2" ] && [ $rc = 3 ] || { echo "by name: \"$out\" status $rc"; exit 1; }
        set -e
        dpkg --root="$r" --force-script-chrootless -r tern
        ls $b | grep -q "^tern-" && { echo "entries left after dpkg -r:"; ls $b; exit 1; }
        [ ! -e "$r/usr/bin/tern" ] || { echo "files left after dpkg -r"; exit 1; }
        echo ok' sh "$(readlink -f "$deb")" "$r" "$tmp/hello-arm64" > "$tmp/out" 2>&1
    if [ "$(tail -n 1 "$tmp/out")" = ok ]; then ok deb-dpkg-cycle
    else bad deb-dpkg-cycle; sed 's/^/    /' "$tmp/out" | head -n 15; fi
fi

echo "$pass passed, $fail failed"
[ $fail = 0 ]
