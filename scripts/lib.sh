# SPDX-License-Identifier: GPL-2.0-or-later
# Common helpers for the harness scripts; sourced, never run.

set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Everything generated lives below one directory (default: build/).
# Relative paths are taken from the directory make runs in.
BUILD=$(realpath -m -- "${QEMU_SERIES_BUILD_DIR:-$TOP/build}")
TREE=$BUILD/qemu
CACHE=$(realpath -m -- "${UPSTREAM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/qemu-cpu-iommu}")

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

# Two 'make's never work in the same build directory at once: the first
# script of a make goal takes the lock (fd 9), and the scripts it runs
# inherit it.  The cache, which several checkouts may share, has a lock
# of its own (fd 8), taken by the scripts that write to it.
# take_lock FD FILE WHOSE: an exclusive flock of FILE on descriptor FD,
# kept until the script and the scripts it runs have ended.
take_lock() {
    eval "exec $1>\"\$2\""
    if ! flock -n "$1"; then
        log "waiting for another make $3"
        flock "$1"
    fi
}
if [ -z "${QEMU_SERIES_LOCKED:-}" ]; then
    mkdir -p "$BUILD"
    take_lock 9 "$BUILD/.build-lock" "in $BUILD"
    export QEMU_SERIES_LOCKED=1
fi
lock_cache() {
    [ -z "${QEMU_SERIES_CACHE_LOCKED:-}" ] || return 0
    take_lock 8 "$(cache_dir)/.cache-lock" "using the cache $CACHE"
    export QEMU_SERIES_CACHE_LOCKED=1
}

# The set-up that every goal needs first (packages, work tree), done once
# per make goal however many scripts ask for it.
setup() {
    [ -z "${QEMU_SERIES_SET_UP:-}" ] || return 0
    "$TOP/scripts/deps"
    "$TOP/scripts/tree"
    export QEMU_SERIES_SET_UP=1
}

# The harness's own commits in build/qemu (the upstream and base commits,
# git am of patches/) are made by the set-up, not by a person: they get
# this identity through the environment of that one command, and no
# identity is written into the tree's configuration.
harness_git() {
    GIT_COMMITTER_NAME="patch-queue set-up" GIT_COMMITTER_EMAIL="setup@invalid" \
    GIT_AUTHOR_NAME="patch-queue set-up" GIT_AUTHOR_EMAIL="setup@invalid" \
        git "$@"
}

# The patch files of the series in order, without the cover letter.
series_files() {
    local f
    for f in "$TOP"/patches/[0-9]*.patch; do
        [ -e "$f" ] || continue
        case $f in */0000-*) ;; *) echo "$f" ;; esac
    done
}

# Identifies the patches of patches/ (not the cover letter, whose text
# is edited there).
patches_id() {
    local f
    series_files | while read -r f; do cat "$f"; done | sha256sum | cut -d' ' -f1
}

# build/qemu's record of what the set-up (or an export) last made the
# tree and patches/ agree on: "PATCHES_ID COMMIT".
STAMP=$TREE/.git/harness-applied
write_stamp() { printf '%s %s\n' "$1" "$(git -C "$TREE" rev-parse HEAD)" > "$STAMP"; }

# The reason upstream/known-failures gives for test $1, or nothing.
known_failure_reason() {
    awk -v n="$1" '$1 == n { $1 = ""; sub(/^ /, ""); print; exit }' \
        "$TOP/upstream/known-failures"
}

# Makes sure DIR holds the pinned Debian binary packages of LIST (lines
# "NAME VERSION SHA256", see upstream/pin) of SUITE for ARCH, verified, and
# puts their paths in the array PINNED_DEBS, in the order of LIST:
#   pinned_debs DIR ARCH SUITE LIST
# They are downloaded once, with a private apt configuration kept in the
# cache.  A pinned version that the mirror no longer serves is replaced by
# the suite's current one (recorded, and used again offline), with a
# warning that says how to update the pin; a pinned version whose
# checksum differs is an error.
pinned_debs() {
    local dir=$1 arch=$2 suite=$3 list=$4 name ver sha f got apt sub cur
    apt=$(cache_dir)/apt-$suite-$arch
    lock_cache
    mkdir -p "$dir"
    PINNED_DEBS=()
    while read -r name ver sha; do
        [ -n "$name" ] || continue
        f=$dir/${name}_${ver/:/%3a}_$arch.deb
        [ -f "$f" ] || f=$dir/${name}_${ver/:/%3a}_all.deb
        if [ -f "$f" ] && [ "$(sha256_of "$f")" = "$sha" ]; then
            PINNED_DEBS+=("$f")
            continue
        fi
        # A substitute taken earlier (see below) is used again, offline.
        sub=$(cat "$dir/$name.substitute" 2>/dev/null || true)
        if [ -n "$sub" ] && [ -f "$dir/${sub% *}" ] &&
           [ "$(sha256_of "$dir/${sub% *}")" = "${sub##* }" ]; then
            warn "using $dir/${sub% *} instead of the pinned $name $ver (see upstream/pin)"
            PINNED_DEBS+=("$dir/${sub% *}")
            continue
        fi
        rm -f "$dir/${name}"_*.deb "$dir/$name.substitute"
        log "downloading $name $ver ($suite, $arch)"
        if (cd "$dir" && "$TOP/scripts/apt-private" "$apt" "$arch" deb "$suite" -- \
                apt-get -q -q download "$name=$ver") >"$dir/download.log" 2>&1; then
            f=$(ls "$dir/${name}"_*.deb)
            got=$(sha256_of "$f")
            [ "$got" = "$sha" ] ||
                die "$(basename "$f") has sha256 $got, not the pinned $sha (upstream/pin)"
        else
            # Debian's kernels carry their ABI in the package name: the
            # metapackage names the current one.
            cur=$name
            case $name in
            linux-image-[0-9]*)
                cur=$("$TOP/scripts/apt-private" "$apt" "$arch" deb "$suite" -- \
                      apt-cache depends "linux-image-${name##*-}" |
                      awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ { print $2; exit }')
                ;;
            esac
            [ -n "$cur" ] && (cd "$dir" && "$TOP/scripts/apt-private" "$apt" "$arch" deb \
                "$suite" -- apt-get -q -q download "$cur") >>"$dir/download.log" 2>&1 || {
                sed 's/^/    /' "$dir/download.log" >&2
                die "could not download $name ($suite, $arch) from the Debian mirror"
            }
            f=$(ls "$dir/${cur}"_*.deb)
            echo "$(basename "$f") $(sha256_of "$f")" > "$dir/$name.substitute"
            warn "the mirror no longer serves the pinned $name $ver; using" \
                 "$(basename "$f"). Results are not comparable with the pin's;" \
                 "update upstream/pin with:" \
                 "$(dpkg-deb -W --showformat='${Package} ${Version}' "$f") $(sha256_of "$f")"
        fi
        PINNED_DEBS+=("$f")
    done <<< "$list"
}

# Runs 'meson test --no-rebuild' in the build directory $1 with the rest
# of the arguments.
meson_test() {
    local obj=$1
    shift
    (cd "$obj" && pyvenv/bin/meson test --no-rebuild "$@")
}

# The QEMU arguments that boot the Linux guest of 'make run' (prepared by
# scripts/guest-linux) on machine $1, into the array LINUX_BOOT_ARGS.
# panic=-1 makes a guest panic end the run instead of hanging it.
linux_boot_args() {
    local g=$BUILD/guest-linux
    LINUX_BOOT_ARGS=(-M "$1" -smp 2 -m 1G -display none -monitor none
                     -serial stdio -no-reboot
                     -kernel "$g/Image" -initrd "$g/initrd.cpio.gz"
                     -append "console=ttyS0 panic=-1")
}

# The WorldGuard demo of 'make run' (guest/wg-demo/stage.c): an M-mode
# stage at the top MiB of the 1 GiB of DRAM that linux_boot_args gives,
# which it reserves for the trusted world; Linux keeps out of it (mem=)
# and tries to read the secret the stage left there (wgdemo=).
WG_STAGE_BASE=0xbff00000
WG_SECRET_ADDR=0xbff80000
WG_SECRET=0x5445524345534757
# linux_demo_args HARTS: LINUX_BOOT_ARGS plus the demo, for HARTS harts
linux_demo_args() {
    local g=$BUILD/guest-linux i
    linux_boot_args "$RUN_MACHINE_ARG"
    LINUX_BOOT_ARGS+=(-device "loader,file=$g/wg-stage.bin,addr=$WG_STAGE_BASE,cpu-num=0")
    for ((i = 1; i < $1; i++)); do
        LINUX_BOOT_ARGS+=(-device "loader,addr=$WG_STAGE_BASE,cpu-num=$i")
    done
    LINUX_BOOT_ARGS+=(-append "console=ttyS0 panic=-1 mem=1023M wgdemo=$WG_SECRET_ADDR")
}
