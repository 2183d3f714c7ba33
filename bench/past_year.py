#!/usr/bin/env python3
"""Past-year benchmark: the real IGF programme of a year against igfsched's re-optimisation.

    python3 bench/past_year.py [--bin build/igfsched] [--time-limit 10] [--seed 1] [--year 2023]

Re-imports the year from examples/data/ with bench/import_igf_year.py (into bench/out/past/),
scores the real schedule with `igfsched evaluate --json`, solves the same sessions in the same
venue and days with a fixed seed and time limit, scores that, and prints both side by side
(Markdown); the report also goes to bench/results/past-year.md. Python standard library only;
run from the repository root.
"""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, ok=(0,)):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in ok:
        sys.exit("past_year: %s exited %d:\n%s" % (" ".join(cmd), p.returncode, p.stderr[-2000:]))
    return p


def spans(problem, schedule):
    """session -> (day, start minute, end minute) of a schedule file."""
    dur = {s["id"]: s["duration"] for s in problem["sessions"]}
    out = {}
    for a in schedule["assignments"]:
        h, m = a["start"].split(":")
        start = int(h) * 60 + int(m)
        out[a["session"]] = (a["day"], start, start + dur[a["session"]])
    return out


def parallel(x, y):
    return x[0] == y[0] and x[1] < y[2] and y[1] < x[2]


def measures(problem, schedule, report, dup_pairs):
    sp = spans(problem, schedule)
    theme = {s["id"]: set(s.get("themes", [])) for s in problem["sessions"]}
    ids = sorted(sp)
    same_theme = sum(1 for i, a in enumerate(ids) for b in ids[i + 1:]
                     if theme[a] & theme[b] and parallel(sp[a], sp[b]))
    dups = sum(1 for a, b in dup_pairs if a in sp and b in sp and parallel(sp[a], sp[b]))
    kinds = {}
    for v in report["violations"]:
        kinds[v["kind"]] = kinds.get(v["kind"], 0) + 1
    soft = {t["term"]: t for t in report["soft"]} if isinstance(report["soft"], list) else report["soft"]
    worst = report.get("worst_theme_share") or {}
    return {
        "placed": report["scheduled"],
        "same_theme": same_theme,
        "dups": dups,
        "worst": worst.get("share"),
        "worst_theme": worst.get("theme"),
        "mean": report.get("mean_theme_share"),
        "hard": report["hard_violations"],
        "kinds": kinds,
        "capacity": kinds.get("capacity", 0),
        "over": (soft.get("capacity_over") or {}).get("count", 0),
        "score": report["total"],
    }


def pct(x):
    return "-" if x is None else "%.1f %%" % (100 * x)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "igfsched"))
    ap.add_argument("--time-limit", type=float, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--year", default="2023")
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results", "past-year.md"))
    a = ap.parse_args()
    work = os.path.join(ROOT, "bench", "out", "past")
    os.makedirs(work, exist_ok=True)
    data = os.path.join(ROOT, "examples", "data")
    prob, real = os.path.join(work, "igf-%s.json" % a.year), os.path.join(work, "igf-%s.real.json" % a.year)
    run([sys.executable, os.path.join(ROOT, "bench", "import_igf_year.py"),
         "--venue", os.path.join(data, "%s-venue.json" % a.year),
         "--sessions", os.path.join(data, "%s-sessions.json" % a.year), "-o", prob, "--real-schedule", real])
    solved = os.path.join(work, "igf-%s.solved.json" % a.year)
    t0 = datetime.datetime.now(datetime.timezone.utc)
    run([a.bin, "solve", prob, "--quiet", "--seed", str(a.seed), "--time-limit", str(a.time_limit),
         "--moves", "1000000000000", "-o", solved], ok=(0, 1))
    reports = {}
    for name, path in (("real", real), ("igfsched", solved)):
        out = os.path.join(work, "%s.report.json" % name)
        run([a.bin, "evaluate", prob, path, "--json", "-o", out], ok=(0, 1))
        reports[name] = json.load(open(out))
    dj = json.loads(run([a.bin, "duplicates", prob, "--json", "--top", "0"]).stdout)
    dup_pairs = [(p["a"], p["b"]) for p in dj["pairs"]]
    problem = json.load(open(prob))
    m = {name: measures(problem, json.load(open(path)), reports[name], dup_pairs)
         for name, path in (("real", real), ("igfsched", solved))}
    solver = json.load(open(solved))["solver"]

    def kinds(k):
        return ", ".join("%s %d" % kv for kv in sorted(k.items())) or "none"

    rows = [
        ("sessions placed", m["real"]["placed"], m["igfsched"]["placed"]),
        ("same-theme pairs in parallel", m["real"]["same_theme"], m["igfsched"]["same_theme"]),
        ("near-duplicate pairs in parallel (similarity >= 0.6)", m["real"]["dups"], m["igfsched"]["dups"]),
        ("worst per-theme attendable share", "%s (%s)" % (pct(m["real"]["worst"]), m["real"]["worst_theme"]),
         "%s (%s)" % (pct(m["igfsched"]["worst"]), m["igfsched"]["worst_theme"])),
        ("mean per-theme attendable share", pct(m["real"]["mean"]), pct(m["igfsched"]["mean"])),
        ("hard violations", "%d (%s)" % (m["real"]["hard"], kinds(m["real"]["kinds"])),
         "%d (%s)" % (m["igfsched"]["hard"], kinds(m["igfsched"]["kinds"]))),
        ("capacity misfits (violations; seats short)", "%d; %g" % (m["real"]["capacity"], m["real"]["over"]),
         "%d; %g" % (m["igfsched"]["capacity"], m["igfsched"]["over"])),
        ("soft score (lower is better)", "%.3f" % m["real"]["score"], "%.3f" % m["igfsched"]["score"]),
    ]
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    lines = [
        "# Past-year benchmark: IGF %s, real programme against igfsched" % a.year,
        "",
        "- command: `python3 bench/past_year.py --time-limit %g --seed %d`" % (a.time_limit, a.seed),
        "- machine: %d CPUs, %s; Python %s; run %s (UTC)" % (os.cpu_count() or 0, platform.platform(),
                                                            platform.python_version(),
                                                            t0.strftime("%Y-%m-%d %H:%M")),
        "- source: commit %s%s; binary `%s`" % (commit, " plus uncommitted changes" if dirty else "",
                                               os.path.relpath(a.bin, ROOT)),
        "- problem: %d sessions, %d rooms, %d days (`bench/import_igf_year.py` from examples/data/)" % (
            len(problem["sessions"]), len(problem["rooms"]), len(problem["days"])),
        "- igfsched: %s, status %s, %.1f s, soft score %.3f" % (solver["name"], solver["status"],
                                                             solver["elapsed_s"], solver["objective"]),
        "",
        "| measure | real %s programme | igfsched |" % a.year,
        "|---|---|---|",
    ] + ["| %s | %s | %s |" % r for r in rows]
    text = "\n".join(lines) + "\n"
    print(text)
    with open(a.out + ".tmp", "w") as f:
        f.write(text)
    os.replace(a.out + ".tmp", a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
