#!/usr/bin/env python3
"""CoSPLib benchmark: igfsched's cosplib-solve on the six real conferences of CoSPLib against the
library's published reference values, one command.

For each instance it runs

    igfsched cosplib-solve INSTANCE -o SOLUTION --stats STATS --seed S --threads N --time-limit T --moves 10^12 -q

(one process at a time unless --jobs says otherwise), re-scores the written solution with the
library's independent evaluator evaluate.py (beside the instances), and prints, side by side:
igfsched's objective by the C evaluator and by evaluate.py, whether every submission is placed
(feasible and valid), the published exact-MILP and extended-MILP schedules' values, the library's
hyper-heuristic at 60 s and its exact MILP with CBC (README of the data), and from igfsched's
improvement trace the seconds it took to reach or go below each reference value (counting the
seconds cosplib-solve first spends proving its lower bound), and the lower bound with the gap it
proves.

The reference values are the CoSPLib README's table (README.md of the data set, as measured
with the library's current checker); they are data about other solvers, not igfsched results.

The data set is not in the repository: it is read from ../shared/data/cosplib beside the
repository root, or from $IGS_SHARED_DATA/cosplib when that variable is set.

Usage (from the repository root):
    python3 bench/cosplib_bench.py [--bin build/igfsched] [--time-limit 60] [--seed 1] [--threads 2]
                                   [--jobs 1] [--instances N2OR,GECCO19,...] [--out FILE]
Standard library only. Exit status 1 if a run fails, the two evaluators disagree, or a
solution leaves a submission out.
"""
import argparse
import concurrent.futures
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Third-party data sets live outside the repository (README, "Tests").
DATA = os.path.join(os.environ.get("IGS_SHARED_DATA") or os.path.join(os.path.dirname(ROOT), "shared", "data"),
                    "cosplib")

# name: (published exact MILP, published extended MILP, hyper-heuristic 60 s, exact MILP with CBC 60 s)
REFERENCE = {
    "GECCO19": (1000116, 2000007, 30372, None),
    "GECCO20": (6298, 7768, 9345, None),
    "GECCO21": (11280, 11130, 10957, 11360),
    "N2OR": (2, 2, 1, 4),
    "OR60": (None, None, 6864, None),
    "ISF22": (None, None, 234881, None),
}
ORDER = ["N2OR", "GECCO19", "GECCO20", "GECCO21", "ISF22", "OR60"]
REF_NAMES = ["exact", "extended", "HH 60 s", "CBC 60 s"]


def fmt(v):
    return "—" if v is None else "{:,}".format(v)


def first_at_or_below(trace, value, offset=0.0):
    """Seconds until the trace reached value; offset adds the time spent before the search (the bound)."""
    for point in trace:
        if point["objective"] <= value:
            return point["s"] + offset
    return None


def run_one(name, args, workdir):
    inst = os.path.join(DATA, name + ".json")
    sol = os.path.join(workdir, name + ".solution.json")
    stats = os.path.join(workdir, name + ".stats.json")
    cmd = [args.bin, "cosplib-solve", inst, "-o", sol, "--stats", stats, "--seed", str(args.seed), "--threads", str(args.threads),
           "--time-limit", str(args.time_limit), "--moves", "1000000000000", "-q"]
    gnu_time = shutil.which("time") or ("/usr/bin/time" if os.path.exists("/usr/bin/time") else None)
    rss_file = os.path.join(workdir, name + ".rss")
    full = ([gnu_time, "-f", "%M", "-o", rss_file] + cmd) if gnu_time else cmd
    load = os.getloadavg()[0]
    p = subprocess.run(full, capture_output=True, text=True, timeout=args.time_limit + 600)
    out = {"name": name, "exit": p.returncode, "stderr": p.stderr.strip(), "load": load}
    if p.returncode not in (0, 1):
        return out
    with open(stats) as f:
        st = json.load(f)
    out["stats"] = st
    try:
        with open(rss_file) as f:
            out["peak_mib"] = int(f.read().split()[-1]) / 1024.0
    except (OSError, ValueError, IndexError):
        out["peak_mib"] = None
    q = subprocess.run([sys.executable, os.path.join(DATA, "evaluate.py"), inst, sol], capture_output=True,
                       text=True, timeout=600)
    out["py"] = json.loads(q.stdout) if q.returncode in (0, 1) and q.stdout.strip() else None
    return out


def git_commit():
    try:
        c = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        d = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                           text=True)
        return c.stdout.strip() + (" (with uncommitted changes)" if d.stdout.strip() else "")
    except OSError:
        return "unknown"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "igfsched"))
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2, help="search threads per instance (the issue's 2 cores)")
    ap.add_argument("--jobs", type=int, default=1, help="instances solved at once")
    ap.add_argument("--instances", default=",".join(ORDER))
    ap.add_argument("--workdir", default=os.path.join(ROOT, "bench", "out", "cosplib"))
    ap.add_argument("--out", default=None, help="also write the Markdown report here")
    args = ap.parse_args()
    names = [n for n in args.instances.split(",") if n]
    for n in names:
        if n not in REFERENCE:
            ap.error("unknown instance '%s'; the six are %s" % (n, ", ".join(ORDER)))
    if not os.path.isfile(os.path.join(DATA, "evaluate.py")):
        sys.exit("cosplib_bench: no CoSPLib data set in %s; put it at ../shared/data/cosplib beside the "
                 "repository or set IGS_SHARED_DATA to the folder that holds cosplib/" % DATA)
    os.makedirs(args.workdir, exist_ok=True)
    started = datetime.datetime.now(datetime.timezone.utc)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        results = list(ex.map(lambda n: run_one(n, args, args.workdir), names))
    failed = False
    lines = []
    w = lines.append
    w("# CoSPLib benchmark")
    w("")
    w("- command: `python3 bench/cosplib_bench.py %s`" % " ".join(sys.argv[1:]))
    w("- machine: %d CPUs (`nproc`), %s; Python %s" % (os.cpu_count() or 0, platform.platform(),
                                                        platform.python_version()))
    w("- binary: `%s`; source: commit %s" % (args.bin, git_commit()))
    w("- runs: seed %d, `--threads %d --time-limit %g`, %d instance(s) at a time, each a fresh process; started %s UTC"
      % (args.seed, args.threads, args.time_limit, args.jobs, started.strftime("%Y-%m-%d %H:%M")))
    w("")
    w("| instance | igfsched | evaluate.py | all placed | lower bound | gap | published exact | published extended "
      "| HH 60 s | CBC 60 s | s to ≤ best reference | s to ≤ each (exact / extended / HH / CBC) | moves/s | peak MiB "
      "| load |")
    w("|---|--:|--:|:-:|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|")
    for r in results:
        name = r["name"]
        ref = REFERENCE[name]
        if "stats" not in r:
            failed = True
            w("| %s | run failed (exit %d): %s |" % (name, r["exit"], r["stderr"].splitlines()[-1:] or ""))
            continue
        st = r["stats"]
        ev = st["evaluation"]
        py = r["py"]
        agree = py is not None and py["objective"] == ev["objective"] and py["feasible"] == ev["feasible"] \
            and py["valid"] == ev["valid"]
        placed = ev["feasible"] and ev["valid"]
        failed = failed or not agree or not placed
        refs = [v for v in ref if v is not None]
        best_ref = min(refs)
        pre = st.get("bound_s") or 0.0
        t_best = first_at_or_below(st["trace"], best_ref, pre)
        each = " / ".join("—" if v is None else
                          ("%.2f" % first_at_or_below(st["trace"], v, pre))
                          if first_at_or_below(st["trace"], v, pre) is not None else "not reached" for v in ref)
        rate = st["moves"] / st["elapsed_s"] if st["elapsed_s"] > 0 else 0
        bound = st.get("bound")
        if bound is not None and placed and ev["objective"] < bound:
            failed = True  # a bound above a proper schedule is a bug, never a result
            gap = "**bound above the solution**"
        else:
            gap = "—" if bound is None else ("optimal" if ev["objective"] == bound else "%.2f %%" % (100.0 * st["gap"]))
        w("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.2f |" % (
            name, fmt(ev["objective"]), fmt(py["objective"]) if py else "failed",
            "yes" if placed else "no", fmt(bound), gap, fmt(ref[0]), fmt(ref[1]), fmt(ref[2]), fmt(ref[3]),
            "%.2f" % t_best if t_best is not None else "not reached", each, "{:,.0f}".format(rate),
            "%.1f" % r["peak_mib"] if r.get("peak_mib") else "n/a", r["load"]))
    w("")
    w("**igfsched** = objective of the written solution by the C evaluator (`igfsched cosplib-eval`), "
      "**evaluate.py** = the same file by the library's independent evaluator; **all placed** = feasible and "
      "valid (OBJECTIVE.md §2.1); **lower bound** = no proper schedule (both layers agree) scores less, proven "
      "by cosplib-solve's bounding program in its first seconds (`--bound-time`, default 5 s, inside the time "
      "limit), **gap** = (igfsched − bound) / igfsched. Reference columns: the CoSPLib README's values (the library's checker; "
      "— = none published or none found in 60 s). **s to ≤** = seconds from the start of the run (reading "
      "the instance excluded, the bound included) until igfsched's best complete schedule was at or below that value, from "
      "the `--stats` trace. **moves/s** = moves of all threads / seconds. **load** = 1-minute load average "
      "when the run started.")
    report = "\n".join(lines) + "\n"
    sys.stdout.write(report)
    if args.out:
        tmp = args.out + ".tmp"
        with open(tmp, "w") as f:
            f.write(report)
        os.replace(tmp, args.out)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
