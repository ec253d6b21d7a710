#!/usr/bin/env bash
# fetch.sh — fetch a Debian busybox-static package and unpack it.
#
# Usage: tests/busybox/fetch.sh DIR [PACKAGE]
# PACKAGE defaults to busybox-static:arm64 (the guest); busybox.mk also
# fetches busybox-static:amd64, the same source built for the host.
# Leaves DIR/busybox (the static binary) and DIR/busybox.version.
# Called by tests/busybox/busybox.mk only when DIR/busybox is missing, so a
# cached copy is never downloaded again.
#
# `apt-get download busybox-static:arm64` needs the arm64 dpkg architecture
# (sysroot-tools/install-deps.sh adds it) and package lists that include it:
# when the first download fails, the lists are refreshed once with
# `apt-get update` (as root, or through a password-less sudo) and the
# download retried. Every network step runs under a timeout; on failure one
# line says what to do and the script exits 1 without leaving a partial binary.
set -uo pipefail

dir=${1:?usage: fetch.sh DIR [PACKAGE]}
pkg=${2:-busybox-static:arm64}
mkdir -p "$dir/dl" || exit 1
dir=$(cd "$dir" && pwd)
log=$dir/dl/log
: > "$log"

fail() {
    echo "busybox-check: cannot fetch $pkg: $1 (log: $log)" >&2
    exit 1
}

command -v apt-get > /dev/null 2>&1 || fail "no apt-get here (a Debian 12 host is expected)"
command -v dpkg-deb > /dev/null 2>&1 || fail "no dpkg-deb here"
case $pkg in
*:arm64)
    dpkg --print-foreign-architectures 2>/dev/null | grep -qx arm64 ||
        fail "the arm64 dpkg architecture is not enabled (run: make deps)" ;;
esac

APT_OPTS=(-q -o Acquire::Retries=1 -o Acquire::http::Timeout=20 -o Acquire::https::Timeout=20)

download() {
    rm -f "$dir"/dl/*.deb
    # apt-get download writes into the current directory
    (cd "$dir/dl" && timeout -k 5 180 apt-get "${APT_OPTS[@]}" download "$pkg") >> "$log" 2>&1 &&
        ls "$dir"/dl/*.deb > /dev/null 2>&1
}

if ! download; then
    if [ "$(id -u)" = 0 ]; then
        SUDO=()
    elif command -v sudo > /dev/null 2>&1 && sudo -n true 2> /dev/null; then
        SUDO=(sudo -n)
    else
        fail "apt-get download failed and refreshing the package lists needs root (run: sudo apt-get update)"
    fi
    echo "busybox-check: refreshing the package lists (apt-get update)" >&2
    timeout -k 5 300 "${SUDO[@]}" apt-get "${APT_OPTS[@]}" update >> "$log" 2>&1 ||
        fail "apt-get update failed or timed out (network?)"
    download || fail "apt-get download failed or timed out (network? arm64 lists?)"
fi

deb=$(ls "$dir"/dl/*.deb | head -n1)
rm -rf "$dir/root"
dpkg-deb -x "$deb" "$dir/root" >> "$log" 2>&1 || fail "dpkg-deb -x $deb failed"
[ -f "$dir/root/bin/busybox" ] || fail "$deb holds no bin/busybox"
dpkg-deb -f "$deb" Version > "$dir/busybox.version" 2>> "$log" || true
# install atomically: a present DIR/busybox is always complete
cp "$dir/root/bin/busybox" "$dir/busybox.tmp" && chmod +x "$dir/busybox.tmp" &&
    mv "$dir/busybox.tmp" "$dir/busybox" || fail "cannot install $dir/busybox"
echo "busybox-check: fetched $pkg $(cat "$dir/busybox.version") into $dir/busybox"
