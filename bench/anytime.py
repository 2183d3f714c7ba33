#!/usr/bin/env python3
"""Anytime and threads benchmark: the score a search reaches in a given time, with 1 and 2 threads.

    python3 bench/anytime.py [--sizes 300,1000,3000,10000] [--times 1,10,60] [--threads 1,2]
                             [--bin build/igfsched] [--baseline OLD_BIN] [--baseline-times 60]
                             [--out bench/results/anytime.md] [--workdir bench/out/anytime]

Instances: examples/igf-like.json, then bench/gen_igf.py's generated problem of each size (seed
1, as bench/scaling.py). For each: the constructive start alone (`--moves 0 --time-limit 0`:
time to first feasible), then `solve --solver heuristic --time-limit T --threads K` for every T
and K (no --moves: the search spends the limit), each a fresh process, seed 1. Per run: the
score, the moves made and their rate (the local search's own progress line), peak RSS, and
`igfsched evaluate`'s verdict on the written schedule. Checks printed with the table: the score
never gets worse with more time (per instance and thread count), and 2 threads beat 1 at the
same time. --baseline runs another binary (the previous release, which has no time mode) as
`--moves 1000000000000 --time-limit T` at --baseline-times, in the same run, for a comparison
on the same machine state. Python 3 standard library only; Linux.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import scaling  # noqa: E402  (its machine description, process runner and peak-RSS method)


def parse():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="300,1000,3000,10000")
    ap.add_argument("--times", default="1,10,60")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "igfsched"))
    ap.add_argument("--baseline", help="another igfsched binary to run with a move budget the clock cuts")
    ap.add_argument("--baseline-times", default="60")
    ap.add_argument("--no-igf-like", action="store_true")
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results", "anytime.md"))
    ap.add_argument("--workdir", default=os.path.join(ROOT, "bench", "out", "anytime"))
    ap.add_argument("--mem-limit-gib", type=float, default=16)
    return ap.parse_args()


def instances(a):
    out = []
    if not a.no_igf_like:
        out.append(("igf-like", os.path.join(ROOT, "examples", "igf-like.json")))
    for n in [int(x) for x in a.sizes.split(",") if x]:
        path = os.path.join(a.workdir, "igf-%d.json" % n)
        if not os.path.exists(path):
            subprocess.run([sys.executable, os.path.join(HERE, "gen_igf.py"), "--sessions", str(n), "--seed",
                            str(a.seed), "-o", path], check=True)
        out.append(("generated %d" % n, path))
    return out


def run(a, binary, problem, tag, extra, timeout):
    scaling.ARGS.bin = binary
    out = os.path.join(a.workdir, "%s.%s.json" % (os.path.basename(problem)[:-5], tag))
    r = scaling.solve(tag, problem, out, ["--solver", "heuristic", "--seed", str(a.seed)] + extra, timeout,
                      verbose=True)
    r.score = r.json["score"]["total"] if r.json else None
    r.rate = r.own[1] / r.own[0] / 1e6 if r.own and r.own[0] > 0 else None
    r.ok = r.json is not None and r.eval_rc == 0
    return r


def main():
    a = parse()
    os.makedirs(a.workdir, exist_ok=True)
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    scaling.ARGS = argparse.Namespace(workdir=a.workdir, mem_limit_gib=a.mem_limit_gib, bin=a.bin)
    scaling.RSS_METHOD = scaling.rss_method()
    times = [float(x) for x in a.times.split(",") if x]
    threads = [int(x) for x in a.threads.split(",") if x]
    base_times = [float(x) for x in a.baseline_times.split(",") if x] if a.baseline else []
    head, dirty = scaling.git_state()
    started = datetime.datetime.utcnow()
    load0 = os.getloadavg()
    rows = []
    for name, path in instances(a):
        sys.stderr.write("%s (%s)\n" % (name, path))
        first = run(a, a.bin, path, "first", ["--moves", "0", "--time-limit", "0"], 600)
        row = {"name": name, "first": first, "runs": {}, "base": {}}
        for k in threads:
            for t in times:
                row["runs"][(k, t)] = run(a, a.bin, path, "t%g-k%d" % (t, k),
                                          ["--time-limit", "%g" % t, "--threads", str(k)], t + 600)
        for t in base_times:
            row["base"][t] = run(a, a.baseline, path, "base-t%g" % t,
                                 ["--moves", "1000000000000", "--time-limit", "%g" % t], t + 600)
        rows.append(row)
    finished = datetime.datetime.utcnow()

    def f(x, d=1):
        return scaling.fnum(x, d)

    L = []
    w = L.append
    w("# Anytime search and threads: score against time")
    w("")
    m = scaling.machine()
    w("- machine: %s, %s cores, %s RAM, Linux %s; load average %.2f at the start (other work on the machine)"
      % (m["cpu"], m["nproc"], m["ram"], m["kernel"], load0[0]))
    w("- commit: %s%s; binary %s" % (head, " (with uncommitted changes in %s)" % ", ".join(dirty) if dirty else "",
                                     os.path.relpath(a.bin, ROOT)))
    w("- command: `python3 bench/anytime.py --sizes %s --times %s --threads %s%s`" %
      (a.sizes, a.times, a.threads, " --baseline %s --baseline-times %s" % (a.baseline, a.baseline_times)
       if a.baseline else ""))
    w("- runs: `igfsched solve FILE --solver heuristic --seed %d --time-limit T --threads K` (no `--moves`: the "
      "search spends the limit), one fresh process each, one after another; %s to %s UTC; peak RSS by %s"
      % (a.seed, started.strftime("%Y-%m-%d %H:%M"), finished.strftime("%H:%M"), scaling.RSS_METHOD))
    w("")
    hdr = "| instance | first feasible s |"
    sep = "|---|---:|"
    for k in threads:
        for t in times:
            hdr += " score %gs, %d thr |" % (t, k)
            sep += "---:|"
    for t in base_times:
        hdr += " baseline %gs |" % t
        sep += "---:|"
    hdr += " M moves/s (%gs, per thread) | peak MiB |" % times[-1]
    sep += "---:|---:|"
    w(hdr)
    w(sep)
    checks = []
    for row in rows:
        fr = row["first"]
        line = "| %s | %s |" % (row["name"], f(fr.json["solver"]["elapsed_s"], 3) if fr.json else "n/a")
        for k in threads:
            for t in times:
                r = row["runs"][(k, t)]
                line += " %s%s |" % (f(r.score), "" if r.ok else " (invalid)")
        for t in base_times:
            r = row["base"][t]
            line += " %s |" % f(r.score)
        rates = []
        for k in threads:
            r = row["runs"][(k, times[-1])]
            rates.append("%s" % f(r.rate / k if r.rate else None, 3))
        peak = max(r.maxrss_kib for r in row["runs"].values()) / 1024.0
        line += " %s | %s |" % (" / ".join(rates), f(peak))
        w(line)
        for k in threads:
            sc = [row["runs"][(k, t)].score for t in times]
            mono = all(x is not None and y is not None and y <= x + 1e-9 for x, y in zip(sc, sc[1:]))
            checks.append("%s, %d thread(s): score %s in time: %s" %
                          (row["name"], k, "never worse" if mono else "WORSE with more time",
                           " -> ".join(f(x) for x in sc)))
        if 1 in threads and 2 in threads:
            for t in times:
                s1, s2 = row["runs"][(1, t)].score, row["runs"][(2, t)].score
                checks.append("%s at %g s: 2 threads %s 1 thread (%s vs %s)" %
                              (row["name"], t, "beat" if s2 is not None and s1 is not None and s2 < s1 else
                               "do NOT beat", f(s2), f(s1)))
    w("")
    w("Scores are the evaluator's soft total (lower is better) of the written schedule; every schedule was "
      "checked by `igfsched evaluate` (marked invalid otherwise). M moves/s: the local search's own moves over "
      "its own seconds, divided by the threads. First feasible: `solver.elapsed_s` of `--moves 0 --time-limit 0`.")
    w("")
    w("Checks:")
    w("")
    for c in checks:
        w("- " + c)
    text = "\n".join(L) + "\n"
    tmp = a.out + ".tmp"
    with open(tmp, "w") as fh:
        fh.write(text)
    os.replace(tmp, a.out)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
