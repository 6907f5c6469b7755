#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Side-by-side benchmark: pairs of QEMU command lines, timed together.

Each comparison runs its two commands A and B RUNS times each,
interleaved (A B, B A, A B, ...) so that drift of the machine hits both
alike.  For each it reports the median wall time of A and of B, the
ratio of the medians (B/A), the median of the ratios B/A of the pairs
run back to back (pairs) and their spread (min-max), the ratio of the
median user CPU times (user), which the host kernel's work for QEMU
(zeroing guest memory on first touch) does not move, and, where perf
can count, the ratio of the median numbers of host instructions QEMU
executed (insns), which host noise does not move.

Commands are argument lists, read from files of NUL-terminated
arguments (printf '%s\\0' "${cmd[@]}" > FILE), never split on spaces.

Writes the report to stdout and OUT/report.txt, every run's numbers to
OUT/results.json and a strip plot of the per-run times to OUT/times.svg.
Benchmarks are not tests: this prints numbers, it never fails on them.
"""

import argparse
import datetime
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from xml.sax.saxutils import escape


def read_argv(path):
    """The argument list in @path: NUL-terminated arguments."""
    with open(path, "rb") as f:
        data = f.read()
    if not data.endswith(b"\0"):
        sys.exit("%s: not a list of NUL-terminated arguments" % path)
    return [os.fsdecode(a) for a in data[:-1].split(b"\0")]


def count_insns(path):
    """The instruction count that perf stat -x, wrote to @path, or None."""
    with open(path) as f:
        for line in f:
            field = line.split(",")[0]
            if field.isdigit():
                return int(field)
    return None


def run_once(cmd, marker, perf_out=None):
    """Wall time, user CPU time and, with @perf_out, host instructions of
    one run."""
    if perf_out:
        cmd = ["perf", "stat", "-x", ",", "-e", "instructions",
               "-o", perf_out, "--"] + cmd
    user0 = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    start = time.perf_counter()
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=600)
    except subprocess.TimeoutExpired:
        sys.exit("benchmark run timed out after 600 s: %s" % " ".join(cmd))
    elapsed = time.perf_counter() - start
    out = p.stdout.decode(errors="replace") + p.stderr.decode(errors="replace")
    if p.returncode != 0 or (marker and marker not in out):
        sys.exit("benchmark run failed (exit %d%s): %s\n%s"
                 % (p.returncode,
                    ", no %r in its output" % marker if marker else "",
                    " ".join(cmd), out[-2000:]))
    user = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - user0
    return elapsed, user, count_insns(perf_out) if perf_out else None


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


def host_cpu():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown CPU"


def compare(c, runs, perf):
    """Run comparison @c RUNS times interleaved; fill in its numbers."""
    cmds = (c["a"]["argv"], c["b"]["argv"])
    times, users, insns = ([], []), ([], []), ([], [])
    c["first"] = []
    for i in range(runs):
        order = (0, 1) if i % 2 == 0 else (1, 0)
        c["first"].append("ab"[order[0]])
        for k in order:
            t, u, n = run_once(cmds[k], c["marker"], perf)
            times[k].append(t)
            users[k].append(u)
            insns[k].append(n)
    for k, side in enumerate(("a", "b")):
        c[side]["times_s"] = [round(t, 6) for t in times[k]]
        c[side]["median_s"] = statistics.median(c[side]["times_s"])
        c[side]["user_s"] = [round(u, 6) for u in users[k]]
        c[side]["insns"] = insns[k] if perf else None
    c["user_ratio"] = (statistics.median(users[1]) /
                       statistics.median(users[0]))
    c["pair_ratios"] = [round(b / a, 6) for a, b in zip(*times)]
    c["ratio_of_medians"] = c["b"]["median_s"] / c["a"]["median_s"]
    c["median_pair_ratio"] = statistics.median(c["pair_ratios"])
    c["pair_ratio_min"] = min(c["pair_ratios"])
    c["pair_ratio_max"] = max(c["pair_ratios"])
    c["insns_ratio"] = None
    if perf and None not in insns[0] + insns[1]:
        c["insns_ratio"] = (statistics.median(insns[1]) /
                            statistics.median(insns[0]))


# --- the plot: one panel per comparison, A and B runs as dots ----------

def nice_axis(lo, hi):
    """Axis limits around [@lo, @hi] and a tick step of 1, 2 or 5 x 10^k."""
    if hi - lo < 1e-9:
        lo, hi = lo * 0.95, hi * 1.05 + 1e-3
    raw = (hi - lo) / 4
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step, step


def write_svg(path, results):
    W, left, right = 860, 90, 30
    panel_h, top = 150, 72
    colors = {"a": "#1f77b4", "b": "#d95f02"}
    comps = results["comparisons"]
    H = top + panel_h * len(comps) + 10
    h = results["header"]
    s = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
         'font-family="sans-serif" font-size="12">' % (W, H),
         '<rect width="100%" height="100%" fill="white"/>',
         '<text x="%d" y="20" font-size="15" font-weight="bold">%s</text>'
         % (left, escape("make bench: wall time of each run, base %s vs "
                         "series %s" % (h["base"][:12], h["series"][:12]))),
         '<text x="%d" y="38" fill="#444">%s</text>'
         % (left, escape("%s, %d cores, %s; %d runs of each command, "
                         "interleaved A B / B A" % (h["cpu"], h["cores"],
                                                     h["date"], h["runs"]))),
         '<text x="%d" y="54" fill="#444">%s</text>'
         % (left, escape("dot: one run; bar: median; grey line: a pair run "
                         "back to back; each panel has its own time axis, "
                         "which does not start at 0"))]
    pw = W - left - right
    for n, c in enumerate(comps):
        y0 = top + n * panel_h
        rows = {"a": y0 + 38, "b": y0 + 72}
        axis_y = y0 + 98
        all_t = c["a"]["times_s"] + c["b"]["times_s"]
        lo, hi, step = nice_axis(min(all_t), max(all_t))

        def x(t):
            return left + (t - lo) / (hi - lo) * pw
        s.append('<text x="%d" y="%d" font-weight="bold">%s</text>'
                 % (left, y0 + 14, escape(
                     "%s: B/A %.3f, pairs %.3f, spread %.3f-%.3f"
                     % (c["name"], c["ratio_of_medians"],
                        c["median_pair_ratio"], c["pair_ratio_min"],
                        c["pair_ratio_max"]))))
        s.append('<rect x="%d" y="%d" width="%d" height="%d" fill="#f6f6f6" '
                 'stroke="#ccc"/>' % (left, y0 + 22, pw, axis_y - y0 - 22))
        for i, (ta, tb) in enumerate(zip(c["a"]["times_s"],
                                         c["b"]["times_s"])):
            s.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" '
                     'stroke="#bbb"/>' % (x(ta), rows["a"], x(tb), rows["b"]))
        for side in ("a", "b"):
            y = rows[side]
            s.append('<text x="%d" y="%d" text-anchor="end" fill="%s">'
                     '%s (%s)</text>' % (left - 8, y + 4, colors[side],
                                         side.upper(),
                                         escape(c[side]["label"])))
            for t in c[side]["times_s"]:
                s.append('<circle cx="%.1f" cy="%d" r="4.5" fill="%s" '
                         'fill-opacity="0.65"/>' % (x(t), y, colors[side]))
            m = x(c[side]["median_s"])
            s.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s" '
                     'stroke-width="2.5"/>' % (m, y - 11, m, y + 11,
                                               colors[side]))
        s.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>'
                 % (left, axis_y, left + pw, axis_y))
        decimals = max(0, -math.floor(math.log10(step)))
        for k in range(round((hi - lo) / step) + 1):
            t = lo + k * step
            s.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" '
                     'stroke="black"/>' % (x(t), axis_y, x(t), axis_y + 4))
            s.append('<text x="%.1f" y="%d" text-anchor="middle">%.*f</text>'
                     % (x(t), axis_y + 17, decimals, t))
        s.append('<text x="%d" y="%d" text-anchor="middle" fill="#444">'
                 'wall time (s)</text>' % (left + pw // 2, axis_y + 33))
    s.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(s) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--out", required=True, help="directory for the files")
    ap.add_argument("--base", required=True, help="base commit id")
    ap.add_argument("--series", required=True, help="series commit id")
    ap.add_argument("--patches", type=int, required=True)
    ap.add_argument("--compare", nargs=6, action="append", required=True,
                    metavar=("NAME", "MARKER", "LABEL_A", "ARGV_FILE_A",
                             "LABEL_B", "ARGV_FILE_B"),
                    help="a comparison; MARKER ('' for none) must appear "
                         "in the output of every run")
    ap.add_argument("--translate", nargs=3, action="append", default=[],
                    metavar=("LOOP", "ITERATIONS", "CALLS"),
                    help="translate() calls counted for ITERATIONS of a "
                         "guest loop")
    args = ap.parse_args()

    report = []

    def out(line=""):
        print(line, flush=True)
        report.append(line)

    perf = perf_file()
    header = {
        "cpu": host_cpu(),
        "cores": len(os.sched_getaffinity(0)),
        "base": args.base,
        "series": args.series,
        "patches": args.patches,
        "date": datetime.datetime.now(datetime.timezone.utc)
                .strftime("%Y-%m-%d %H:%M UTC"),
        "runs": args.runs,
        "perf_counts_insns": perf is not None,
    }
    comps = [{"name": name, "marker": marker,
              "a": {"label": la, "argv": read_argv(fa)},
              "b": {"label": lb, "argv": read_argv(fb)}}
             for name, marker, la, fa, lb, fb in args.compare]

    out("make bench: base %s vs series %s (%d patches)"
        % (args.base[:12], args.series[:12], args.patches))
    out("host: %s, %d cores; %s; %d runs of each command, interleaved "
        "A B / B A" % (header["cpu"], header["cores"], header["date"],
                       args.runs))
    if not perf:
        out("(perf cannot count instructions here: insns is -)")
    out()
    wn = max(len("comparison"), *(len(c["name"]) for c in comps))
    wl = max(len(c[s]["label"]) for c in comps for s in "ab")
    wab = wl + 9
    out("%-*s  %-*s  %-*s  %6s  %6s  %-11s  %5s  %5s"
        % (wn, "comparison", wab, "A (s)", wab, "B (s)", "B/A", "pairs",
           "spread", "user", "insns"))
    for c in comps:
        compare(c, args.runs, perf)
        insns = "-" if c["insns_ratio"] is None else "%.3f" % c["insns_ratio"]
        out("%-*s  %-*s %8.3f  %-*s %8.3f  %6.3f  %6.3f  %-11s  %5.3f  %5s"
            % (wn, c["name"], wl, c["a"]["label"], c["a"]["median_s"],
               wl, c["b"]["label"], c["b"]["median_s"],
               c["ratio_of_medians"], c["median_pair_ratio"],
               "%.3f-%.3f" % (c["pair_ratio_min"], c["pair_ratio_max"]),
               c["user_ratio"], insns))
    if perf:
        os.unlink(perf)
    out()
    out("legend: A, B: median wall time (s); B/A: ratio of the medians; "
        "pairs: median of the ratios B/A of the runs done back to back; "
        "spread: their min-max; user: B/A of the median user CPU times "
        "(QEMU's own work, without the host kernel's: zeroing the guest's "
        "memory on first touch varies from run to run); insns: B/A of the "
        "median host instructions (perf), - if not counted; above 1: B is "
        "slower")
    loops = {}
    for loop, iters, calls in args.translate:
        loops.setdefault(loop, {})[iters] = int(calls)
    for loop, counts in loops.items():
        out("translate() calls, %s: " % loop + ", ".join(
            "%d for %s iterations" % (calls, iters)
            for iters, calls in counts.items()))
    if loops:
        out("(equal counts for both lengths mean no translation after "
            "warm-up)")

    results = {"header": header, "comparisons": comps,
               "translate_calls": loops}
    os.makedirs(args.out, exist_ok=True)
    paths = [os.path.join(args.out, f)
             for f in ("report.txt", "results.json", "times.svg")]
    with open(paths[0], "w") as f:
        f.write("\n".join(report) + "\n")
    with open(paths[1], "w") as f:
        json.dump(results, f, indent=1)
        f.write("\n")
    write_svg(paths[2], results)
    print()
    for p in paths:
        print("wrote " + p)


if __name__ == "__main__":
    main()
