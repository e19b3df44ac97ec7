#!/usr/bin/env bash
# Installs Tailcall 1.6.14 (npm package @tailcallhq/core-linux-x64-gnu) for the bench reference row (issue 17),
# with the glibc it needs, privately: its Linux build asks for GLIBC_2.39, this machine (Debian bookworm) has 2.36,
# so Debian trixie's libc6 is unpacked with `dpkg-deb -x` beside it and the binary is started through that glibc's
# own loader. Nothing is installed system-wide; /lib, /usr/lib and the system's loader are never touched.
#
# Usage: install.sh [cache dir, default /tmp/tailcall]     (idempotent: a second run downloads nothing)
# Leaves:
#   <cache>/tailcall-1.6.14/bin/tailcall     the binary, as the npm tarball ships it
#   <cache>/glibc-<version>/                 trixie's libc6, unpacked
#   <cache>/bin/tailcall                     a wrapper: <private loader> --library-path <private glibc>:... <binary> "$@"
#   <cache>/env                              TAILCALL_LOADER, TAILCALL_LIBRARY_PATH, TAILCALL_BIN, TAILCALL (the wrapper)
set -euo pipefail

CACHE=${1:-/tmp/tailcall}
VERSION=1.6.14
PKG=core-linux-x64-gnu
TARBALL_URL=https://registry.npmjs.org/@tailcallhq/$PKG/-/$PKG-$VERSION.tgz
# The npm registry's dist.integrity for @tailcallhq/core-linux-x64-gnu@1.6.14 (`npm view ... dist.integrity`).
TARBALL_SHA512=VvJuYyCnPTJOHvbB56UM6gHeJd/qtdkDX6q6HgJ08k4Np+bi0GZmIRzKdc9VuK1GH8M3LwhHCwqe288pZjpsrQ==
DEBIAN=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=trixie
ARCH_TRIPLET=x86_64-linux-gnu

log() { printf '[tailcall-install] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $(uname -m) == x86_64 ]] || die "this is the x86_64 build; the machine is $(uname -m)"
for tool in curl tar xz dpkg-deb sha256sum openssl base64; do
    command -v "$tool" >/dev/null || die "$tool is missing"
done

mkdir -p "$CACHE/dl"
CACHE=$(cd "$CACHE" && pwd)
DL=$CACHE/dl

# fetch <url> <file>: downloads to a temporary name first, so an interrupted run leaves no half file behind
fetch() {
    [[ -s $2 ]] && return 0
    log "downloading $1"
    curl -fsSL --retry 3 -o "$2.part" "$1"
    mv "$2.part" "$2"
}

# ---- Tailcall ----------------------------------------------------------------------------------------------------
TGZ=$DL/$PKG-$VERSION.tgz
TC_DIR=$CACHE/tailcall-$VERSION
if [[ ! -x $TC_DIR/bin/tailcall ]]; then
    fetch "$TARBALL_URL" "$TGZ"
    actual=$(openssl dgst -sha512 -binary "$TGZ" | base64 -w0)
    [[ $actual == "$TARBALL_SHA512" ]] || { rm -f "$TGZ"; die "$TGZ: sha512 $actual, the registry says $TARBALL_SHA512"; }
    rm -rf "$TC_DIR.tmp"
    mkdir -p "$TC_DIR.tmp"
    tar -xzf "$TGZ" -C "$TC_DIR.tmp" --strip-components=1 package
    chmod 755 "$TC_DIR.tmp/bin/tailcall"
    rm -rf "$TC_DIR"
    mv "$TC_DIR.tmp" "$TC_DIR"
fi
TC_BIN=$TC_DIR/bin/tailcall

# ---- Debian trixie's libc6 ---------------------------------------------------------------------------------------
# The version trixie ships now, with its checksum, from trixie's package index (cached for a day: point releases
# replace the .deb in the pool, and the old one disappears from it).
INDEX=$DL/Packages-$SUITE-amd64.xz
if [[ -s $INDEX && -n $(find "$INDEX" -mmin +1440) ]]; then rm -f "$INDEX"; fi
GLIBC_DIR=$(ls -d "$CACHE"/glibc-*/ 2>/dev/null | sort -V | tail -1 || true)
GLIBC_DIR=${GLIBC_DIR%/}
if [[ -z $GLIBC_DIR || ! -x $GLIBC_DIR/usr/lib/$ARCH_TRIPLET/ld-linux-x86-64.so.2 ]]; then
    fetch "$DEBIAN/dists/$SUITE/main/binary-amd64/Packages.xz" "$INDEX"
    # shellcheck disable=SC2016  # awk program
    read -r LIBC_VERSION LIBC_FILE LIBC_SHA256 < <(xz -dc "$INDEX" | awk -v RS= -F'\n' '
        $1 == "Package: libc6" {
            for (i = 1; i <= NF; i++) {
                if ($i ~ /^Version: /) v = substr($i, 10)
                if ($i ~ /^Filename: /) f = substr($i, 11)
                if ($i ~ /^SHA256: /) s = substr($i, 9)
            }
            print v, f, s
            exit
        }')
    [[ -n ${LIBC_FILE:-} && -n ${LIBC_SHA256:-} ]] || die "no libc6 in $SUITE's index"
    DEB=$DL/$(basename "$LIBC_FILE")
    fetch "$DEBIAN/$LIBC_FILE" "$DEB"
    echo "$LIBC_SHA256  $DEB" | sha256sum -c --quiet - || { rm -f "$DEB"; die "$DEB: checksum differs from $SUITE's index"; }
    GLIBC_DIR=$CACHE/glibc-$LIBC_VERSION
    rm -rf "$GLIBC_DIR.tmp"
    dpkg-deb -x "$DEB" "$GLIBC_DIR.tmp"
    rm -rf "$GLIBC_DIR"
    mv "$GLIBC_DIR.tmp" "$GLIBC_DIR"
    log "libc6 $LIBC_VERSION ($SUITE) unpacked in $GLIBC_DIR"
fi
LOADER=$GLIBC_DIR/usr/lib/$ARCH_TRIPLET/ld-linux-x86-64.so.2
GLIBC_LIB=$GLIBC_DIR/usr/lib/$ARCH_TRIPLET

# ---- The other shared libraries ----------------------------------------------------------------------------------
# The binary needs libc.so.6 and libm.so.6 (trixie's, above) and libgcc_s.so.1 (GCC_4.2.0 at most), which any
# Debian has. Whatever the private loader cannot find, or finds too old, comes from trixie's pool as well.
SYS_LIB=/usr/lib/$ARCH_TRIPLET:/lib/$ARCH_TRIPLET
LIBRARY_PATH=$GLIBC_LIB:$SYS_LIB
listing=$("$LOADER" --library-path "$LIBRARY_PATH" --list "$TC_BIN" 2>&1) || true
if grep -q 'not found' <<<"$listing"; then
    grep -q 'libgcc_s.so.1 => not found' <<<"$listing" || { echo "$listing" >&2; die "a library is missing (above)"; }
    # libgcc-s1 from trixie, unpacked beside its libc6
    fetch "$DEBIAN/dists/$SUITE/main/binary-amd64/Packages.xz" "$INDEX"
    read -r GCC_FILE GCC_SHA256 < <(xz -dc "$INDEX" | awk -v RS= -F'\n' '
        $1 == "Package: libgcc-s1" { for (i = 1; i <= NF; i++) { if ($i ~ /^Filename: /) f = substr($i, 11); if ($i ~ /^SHA256: /) s = substr($i, 9) } print f, s; exit }')
    DEB=$DL/$(basename "$GCC_FILE")
    fetch "$DEBIAN/$GCC_FILE" "$DEB"
    echo "$GCC_SHA256  $DEB" | sha256sum -c --quiet - || die "$DEB: checksum differs"
    dpkg-deb -x "$DEB" "$GLIBC_DIR"
    listing=$("$LOADER" --library-path "$LIBRARY_PATH" --list "$TC_BIN" 2>&1) || true
fi
if grep -q 'not found' <<<"$listing"; then echo "$listing" >&2; die "a library is missing (above)"; fi
grep -q "libc.so.6 => $GLIBC_LIB/libc.so.6" <<<"$listing" || { echo "$listing" >&2; die "libc.so.6 does not come from $GLIBC_LIB"; }

# ---- Wrapper and environment -------------------------------------------------------------------------------------
mkdir -p "$CACHE/bin"
cat >"$CACHE/bin/tailcall.tmp" <<EOF
#!/bin/sh
# Tailcall $VERSION on Debian $SUITE's glibc ($GLIBC_DIR), through that glibc's own loader; made by install.sh.
exec "$LOADER" --library-path "$LIBRARY_PATH" "$TC_BIN" "\$@"
EOF
chmod 755 "$CACHE/bin/tailcall.tmp"
mv "$CACHE/bin/tailcall.tmp" "$CACHE/bin/tailcall"
cat >"$CACHE/env" <<EOF
TAILCALL_LOADER=$LOADER
TAILCALL_LIBRARY_PATH=$LIBRARY_PATH
TAILCALL_BIN=$TC_BIN
TAILCALL=$CACHE/bin/tailcall
EOF

got=$("$CACHE/bin/tailcall" --version 2>&1) || { echo "$got" >&2; die "the binary does not start"; }
[[ $got == "tailcall v$VERSION" ]] || die "the binary says '$got', not tailcall v$VERSION"

log "ready: $got on glibc $(basename "$GLIBC_DIR" | sed 's/^glibc-//') (Debian $SUITE), unpacked in $GLIBC_DIR"
echo "$listing" | sed 's/^/[tailcall-install]   /' >&2
cat <<EOF
Run it with the private loader:
  $LOADER --library-path $LIBRARY_PATH $TC_BIN start <config.graphql>
or with the wrapper that does the same:
  $CACHE/bin/tailcall start <config.graphql>
EOF
