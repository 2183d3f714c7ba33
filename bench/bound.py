#!/usr/bin/env python3
"""The decomposition lower bound at IGF scale (igfsched bound, solver/bound.c).

    python3 bench/bound.py [--sizes 100,300,1000] [--budgets 60] [--heuristic-time 60]
                           [--bin build/igfsched] [--out bench/results/bound.md] [--no-decoupled]

For examples/igf-like.json and the generated problems (bench/gen_igf.py --sessions N --seed 1),
one after another, each a fresh process:

1. `igfsched solve F --solver heuristic --seed 1 --time-limit H` (H = --heuristic-time): the
   schedule the gap is measured against (for igf-like also the committed default schedule,
   tests/data/schedules/igf-like.auto.json, and the lower of the two is the one compared);
2. `igfsched bound F SCHEDULE --time-limit B --json` for each budget B of --budgets, coupled
   (the default: every other session kept as a consumer of rooms and people) and, unless
   --no-decoupled, with `--decoupled` (each part's sub-problem holds only its own sessions).

Reports per run the bound, its seconds, the gap (score - bound) / score, the parts and the
per-term split with what each term's bound misses of the schedule's cost. Every bound is
checked to be at most the schedule's score (a bound above it would be a bug; the run says so).
Standard library only; run from the repository root.
"""

import argparse
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scaling  # noqa: E402  (the machine description)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sh(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def machine():
    return scaling.machine_line()


def commit():
    head = sh(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"]).stdout.strip()
    dirty = sh(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"]).stdout.strip()
    return head + (" (with uncommitted changes)" if dirty else "")


def score_of(binary, problem, schedule):
    r = sh([binary, "evaluate", problem, schedule, "--json"])
    d = json.loads(r.stdout)
    return d["total"], d["hard_violations"], {k: v["cost"] for k, v in d["soft"].items()}


def fmt(v, digits=1):
    if v is None:
        return "—"
    return "{:,.{d}f}".format(v, d=digits)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="100,300,1000")
    ap.add_argument("--budgets", default="60")
    ap.add_argument("--heuristic-time", type=float, default=60)
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "igfsched"))
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results", "bound.md"))
    ap.add_argument("--workdir", default=os.path.join(ROOT, "bench", "out", "bound"))
    ap.add_argument("--no-decoupled", action="store_true")
    a = ap.parse_args()
    os.makedirs(a.workdir, exist_ok=True)
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    header = [
        "# The decomposition lower bound at IGF scale",
        "",
        "- machine: " + machine(),
        "- commit: %s; binary %s" % (commit(), os.path.relpath(a.bin, ROOT)),
        "- command: `python3 bench/bound.py %s`" % " ".join(sys.argv[1:]),
        "- runs: `igfsched solve F --solver heuristic --seed 1 --time-limit %g` for the schedule, then "
        "`igfsched bound F SCHEDULE --time-limit B --json [--decoupled]`, one fresh process each, one "
        "after another, started %s" % (a.heuristic_time, started),
        "",
    ]
    instances = [("igf-like", os.path.join(ROOT, "examples", "igf-like.json"))]
    for n in [int(x) for x in a.sizes.split(",") if x]:
        path = os.path.join(a.workdir, "igf-%d.json" % n)
        sh([sys.executable, os.path.join(ROOT, "bench", "gen_igf.py"), "--sessions", str(n), "--seed", "1", "-o", path],
           check=True)
        instances.append(("generated %d" % n, path))
    rows, details = [], []
    for name, path in instances:
        sched = os.path.join(a.workdir, os.path.basename(path).replace(".json", ".heuristic.json"))
        print("bench/bound.py: %s: heuristic %g s" % (name, a.heuristic_time), file=sys.stderr)
        sh([a.bin, "solve", path, "--solver", "heuristic", "--seed", "1", "--time-limit", str(a.heuristic_time),
            "-o", sched, "--quiet"])
        score, hard, costs = score_of(a.bin, path, sched)
        label = "heuristic %g s" % a.heuristic_time
        golden = os.path.join(ROOT, "tests", "data", "schedules", "igf-like.auto.json")
        if name == "igf-like":
            g, gh, gc = score_of(a.bin, path, golden)
            if gh == 0 and g < score:
                score, costs, sched, label = g, gc, golden, "committed default schedule"
        for budget in [float(x) for x in a.budgets.split(",") if x]:
            for coupled in ([True] if a.no_decoupled else [True, False]):
                print("bench/bound.py: %s: bound %g s%s" % (name, budget, " coupled" if coupled else ""),
                      file=sys.stderr)
                cmd = [a.bin, "bound", path, sched, "--time-limit", str(budget), "--json", "--quiet"]
                if not coupled:
                    cmd.append("--decoupled")
                t0 = time.time()
                r = sh(cmd)
                wall = time.time() - t0
                try:
                    b = json.loads(r.stdout)
                except json.JSONDecodeError:
                    rows.append("| %s | %s | %s | %s | failed (exit %d) | | | |" % (
                        name, fmt(score), label, "coupled" if coupled else "decoupled", r.returncode))
                    continue
                ok = b["bound"] <= score + 1e-6
                gap = (score - b["bound"]) / score
                rows.append("| %s | %s | %s | %s %g s | %s | %.1f | %.1f %% | %s |" % (
                    name, fmt(score), label, "coupled" if coupled else "decoupled", budget, fmt(b["bound"]),
                    wall, 100 * gap, "yes" if b["complete"] else "no" + ("" if ok else " — ABOVE THE SCORE")))
                det = ["", "### %s, %s, %g s" % (name, "coupled" if coupled else "decoupled", budget), "",
                       "| part | sessions | bound | best of its sub-problem | seconds | method |",
                       "|---|--:|--:|--:|--:|---|"]
                for p in b["parts"]:
                    det.append("| %s | %d | %s | %s | %.1f | %s |" % (
                        p["name"], p["sessions"], fmt(p["bound"]), fmt(p["best"]), p["seconds"], p["method"]))
                det += ["", "| term | bound | schedule | missed |", "|---|--:|--:|--:|"]
                for t, v in b["terms"].items():
                    c = costs.get(t, 0)
                    det.append("| %s | %s | %s | %s |" % (t, fmt(v), fmt(c), fmt(c - v)))
                for t in b["left_out"]:
                    c = costs.get(t, 0)
                    det.append("| %s | left out | %s | %s |" % (t, fmt(c), fmt(c)))
                if b.get("similar_theme_pairs_left_out"):
                    det.append("")
                    det.append("%d pairs of similar themes fell in different parts: their similarity_clash is "
                               "left out." % b["similar_theme_pairs_left_out"])
                details += det
    table = ["| instance | score | of | bound run | bound | wall s | gap | every part finished |",
             "|---|--:|---|---|--:|--:|--:|---|"] + rows
    text = "\n".join(header + table + ["", "## Parts and per-term split"] + details) + "\n"
    with open(a.out, "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
