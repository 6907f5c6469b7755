# SPDX-License-Identifier: GPL-2.0-or-later
# Entry points of the patch queue.  See README.md.

SHELL := /bin/bash
S := scripts

.PHONY: all run check deps tree build build-all export baseline check-bisect bench clean distclean help

all: help

help:
	@echo "make run           set up, build, boot Linux on the patched riscv64 virt"
	@echo "make check         set up, build, run hygiene, own and regression tests"
	@echo "make export        write build/qemu's series to patches/"
	@echo "make baseline      rerun the regression suites on the pristine base"
	@echo "make build-all     build every softmmu target (before calling target/* done)"
	@echo "make check-bisect  build riscv64, arm and aarch64 at every commit"
	@echo "make bench         base vs series, side by side (ratios)"

run: deps
	$(S)/run

check: deps
	$(S)/check

deps:
	$(S)/deps

tree: deps
	$(S)/tree

build: tree
	$(S)/build --tests

build-all: tree
	$(S)/build all

export:
	$(S)/export

baseline: deps
	$(S)/baseline

check-bisect: tree
	$(S)/check-bisect

bench: deps
	$(S)/bench

clean:
	rm -rf build/obj build/base build/guest-linux

# Also forgets build/qemu, after the same safety checks as a refresh.
distclean:
	$(S)/tree --check-clean
	rm -rf build
