# SPDX-License-Identifier: GPL-2.0-or-later
# Common helpers for the harness scripts; sourced, never run.

set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
TREE=$BUILD/qemu
CACHE=${UPSTREAM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/qemu-cpu-iommu}

# shellcheck source=../upstream/pin
. "$TOP/upstream/pin"

log() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Run as root, or through sudo when we are not.
as_root() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        die "need root to run '$*' and sudo is not installed"
    fi
}

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# A directory we may write to, for downloads that go into the cache.
cache_dir() {
    mkdir -p "$CACHE" 2>/dev/null && [ -w "$CACHE" ] ||
        die "cache directory $CACHE is not writable; point UPSTREAM_CACHE at one that is"
    echo "$CACHE"
}
