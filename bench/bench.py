#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Side-by-side benchmark: the same workloads on two QEMU binaries.

Each workload runs RUNS times on each binary, interleaved (A B, B A,
A B, ...) so that drift of the machine hits both alike, and the report
gives the median wall time of each and their ratio.  Benchmarks are not
tests: this prints numbers, it never fails on them.
"""

import argparse
import statistics
import subprocess
import sys
import time


def run_once(cmd, marker):
    start = time.perf_counter()
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                       timeout=600)
    elapsed = time.perf_counter() - start
    out = p.stdout.decode(errors="replace") + p.stderr.decode(errors="replace")
    if p.returncode != 0 or (marker and marker not in out):
        sys.exit("benchmark run failed (exit %d): %s\n%s"
                 % (p.returncode, " ".join(cmd), out[-2000:]))
    return elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--a", required=True, help="name=qemu binary (baseline)")
    ap.add_argument("--b", required=True, help="name=qemu binary (candidate)")
    ap.add_argument("--workload", action="append", required=True,
                    help="name|marker|qemu arguments (space separated)")
    args = ap.parse_args()

    bins = [args.a.split("=", 1), args.b.split("=", 1)]
    print("%-28s %12s %12s %8s" % ("workload (median of %d)" % args.runs,
                                    bins[0][0], bins[1][0],
                                    "%s/%s" % (bins[1][0], bins[0][0])))
    for w in args.workload:
        name, marker, qargs = w.split("|", 2)
        times = ([], [])
        for i in range(args.runs):
            order = (0, 1) if i % 2 == 0 else (1, 0)
            for k in order:
                times[k].append(run_once([bins[k][1]] + qargs.split(), marker))
        ma, mb = statistics.median(times[0]), statistics.median(times[1])
        print("%-28s %11.3fs %11.3fs %8.4f" % (name, ma, mb, mb / ma))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
