# SPDX-License-Identifier: GPL-2.0-or-later
# Entry points of the patch queue.  See README.md.  Each goal's script
# does the set-up (scripts/deps, scripts/tree) once, as it needs it.

SHELL := /bin/bash
S := scripts

.PHONY: all run check deps tree build build-all export baseline check-bisect bench sanitize clean distclean help

all: help

help:
	@echo "make run           set up, build, boot Linux on the patched riscv64 virt,wg=on (WG=off)"
	@echo "make check         set up, build, run hygiene, own and regression tests"
	@echo "make export        write build/qemu's series to patches/"
	@echo "make baseline      rerun the regression suites on the pristine base"
	@echo "make build-all     build every softmmu target (before calling target/* done)"
	@echo "make check-bisect  build riscv64, arm and aarch64 at every commit"
	@echo "make bench         base vs series, side by side (ratios)"
	@echo "make sanitize      the series' tests under ASan+UBSan and TSan"

# make run WG=off: the same boot without WorldGuard, for comparison
WG ?= on
run:
	WG='$(WG)' $(S)/run

check:
	$(S)/check

deps:
	$(S)/deps

tree:
	$(S)/deps && $(S)/tree

build:
	$(S)/deps && $(S)/tree && $(S)/build --tests

build-all:
	$(S)/deps && $(S)/tree && $(S)/build all

export:
	$(S)/export $(if $(FORCE),--force)

baseline:
	$(S)/baseline

check-bisect:
	$(S)/check-bisect

bench:
	$(S)/bench

sanitize:
	$(S)/sanitize

clean:
	$(S)/clean

# Also forgets build/qemu, after the same safety checks as a refresh.
distclean:
	$(S)/clean --dist
