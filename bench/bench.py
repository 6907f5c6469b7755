#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Side-by-side benchmark: pairs of QEMU command lines, timed together.

Each comparison runs its two command lines RUNS times each, interleaved
(A B, B A, A B, ...) so that drift of the machine hits both alike, and
the report gives the median wall time of each, the ratio of the
medians (B/A) and the median of the ratios of the pairs run back to back
(pairs).  Where perf can count, it also gives the ratio of the median
numbers of host instructions QEMU executed (insns), which host noise
does not move.
Benchmarks are not tests: this prints numbers, it never fails on them.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def count_insns(path):
    """The instruction count that perf stat -x, wrote to @path, or None."""
    with open(path) as f:
        for line in f:
            field = line.split(",")[0]
            if field.isdigit():
                return int(field)
    return None


def run_once(cmd, marker, perf_out=None):
    """Wall time of one run and, with @perf_out, its host instructions."""
    if perf_out:
        cmd = ["perf", "stat", "-x", ",", "-e", "instructions",
               "-o", perf_out, "--"] + cmd
    start = time.perf_counter()
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                       timeout=600)
    elapsed = time.perf_counter() - start
    out = p.stdout.decode(errors="replace") + p.stderr.decode(errors="replace")
    if p.returncode != 0 or (marker and marker not in out):
        sys.exit("benchmark run failed (exit %d): %s\n%s"
                 % (p.returncode, " ".join(cmd), out[-2000:]))
    return elapsed, count_insns(perf_out) if perf_out else None


def perf_file():
    """A file for perf stat's output, or None if perf cannot count here."""
    fd, path = tempfile.mkstemp(prefix="bench-perf-")
    os.close(fd)
    try:
        run_once(["true"], None, path)
        if count_insns(path) is not None:
            return path
    except (OSError, SystemExit):
        pass
    os.unlink(path)
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--compare", action="append", required=True,
                    help="name|marker|label A|command A|label B|command B "
                         "(commands space separated)")
    args = ap.parse_args()

    perf = perf_file()
    if not perf:
        print("(perf cannot count instructions here: no insns column)")
    print("%-34s %-22s %-22s %7s %7s %7s" % ("comparison (median of %d)"
                                              % args.runs, "A", "B", "B/A",
                                              "pairs", "insns"))
    for c in args.compare:
        name, marker, la, ca, lb, cb = c.split("|")
        cmds = (ca.split(), cb.split())
        times, insns = ([], []), ([], [])
        for i in range(args.runs):
            for k in ((0, 1) if i % 2 == 0 else (1, 0)):
                t, n = run_once(cmds[k], marker, perf)
                times[k].append(t)
                if n:
                    insns[k].append(n)
        ma, mb = statistics.median(times[0]), statistics.median(times[1])
        pairs = statistics.median(b / a for a, b in zip(*times))
        ratio = "-"
        if insns[0] and insns[1]:
            ratio = "%.4f" % (statistics.median(insns[1]) /
                              statistics.median(insns[0]))
        print("%-34s %-22s %-22s %7.4f %7.4f %7s" % (name,
                                                      "%s %.3fs" % (la, ma),
                                                      "%s %.3fs" % (lb, mb),
                                                      mb / ma, pairs, ratio))
        sys.stdout.flush()
    if perf:
        os.unlink(perf)


if __name__ == "__main__":
    main()
