#!/bin/sh
# install-deps.sh — install the Debian 12 packages that building and testing tern
# need, and only those that are missing. A quick no-op when everything is there.
#
# Called by `make deps` (and so by `make demo` and `make check`). POSIX sh.
# Uses sudo only when not root. Set TERN_SKIP_DEPS=1 to skip entirely.
set -eu

PACKAGES="
build-essential
libelf-dev
zlib1g-dev
libzstd-dev
libcapstone-dev
libcmocka-dev
gcc-riscv64-linux-gnu
libc6-dev-riscv64-cross
gcc-aarch64-linux-gnu
binutils-aarch64-linux-gnu
libc6-dev-arm64-cross
musl-dev:arm64
qemu-user-static
python3
golang-go
debootstrap
perl
sqlite3
xz-utils
libpython3.11-testsuite
"

if [ "${TERN_SKIP_DEPS:-}" = 1 ]; then
    exit 0
fi

if ! command -v dpkg >/dev/null 2>&1; then
    echo "install-deps: no dpkg here (not Debian?); install these yourself:" $PACKAGES >&2
    exit 0
fi

missing=""
for p in $PACKAGES; do
    # dpkg -s succeeds for removed-but-configured packages too, so read the status
    if ! dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed'; then
        missing="$missing $p"
    fi
done

[ -z "$missing" ] && exit 0

echo "install-deps: installing missing packages:$missing"

if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "install-deps: not root and no sudo; as root run:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# musl-dev:arm64 (aarch64-linux-musl-gcc) is a foreign-architecture package;
# the arm64 package lists also let tests/busybox/fetch.sh download
# busybox-static:arm64 (`apt-get download`, never installed)
case "$missing" in
*:arm64*)
    if ! dpkg --print-foreign-architectures | grep -qx arm64; then
        $SUDO dpkg --add-architecture arm64
    fi ;;
esac
if ! $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update; then
    echo "install-deps: 'apt-get update' failed (network or apt sources?)." >&2
    echo "install-deps: still missing:$missing" >&2
    exit 1
fi
# shellcheck disable=SC2086
if ! $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing; then
    echo "install-deps: 'apt-get install' failed; still missing:$missing" >&2
    echo "install-deps: this script targets Debian 12 (bookworm); other releases may name packages differently." >&2
    exit 1
fi
echo "install-deps: done."
