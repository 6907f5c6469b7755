#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Side-by-side benchmark: pairs of QEMU command lines, timed together.

Each comparison runs its two command lines RUNS times each, interleaved
(A B, B A, A B, ...) so that drift of the machine hits both alike, and
the report gives the median wall time of each, the ratio of the
medians (B/A) and the median of the ratios of the pairs run back to back
(pairs).
Benchmarks are not tests: this prints numbers, it never fails on them.
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
    ap.add_argument("--compare", action="append", required=True,
                    help="name|marker|label A|command A|label B|command B "
                         "(commands space separated)")
    args = ap.parse_args()

    print("%-34s %-22s %-22s %7s %7s" % ("comparison (median of %d)"
                                          % args.runs, "A", "B", "B/A",
                                          "pairs"))
    for c in args.compare:
        name, marker, la, ca, lb, cb = c.split("|")
        cmds = (ca.split(), cb.split())
        times = ([], [])
        for i in range(args.runs):
            for k in ((0, 1) if i % 2 == 0 else (1, 0)):
                times[k].append(run_once(cmds[k], marker))
        ma, mb = statistics.median(times[0]), statistics.median(times[1])
        pairs = statistics.median(b / a for a, b in zip(*times))
        print("%-34s %-22s %-22s %7.4f %7.4f" % (name, "%s %.3fs" % (la, ma),
                                                  "%s %.3fs" % (lb, mb),
                                                  mb / ma, pairs))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
