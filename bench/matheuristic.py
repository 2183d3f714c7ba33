#!/usr/bin/env python3
"""The matheuristic benchmark (issue 17, first part): --solver auto --submip 1, which in time mode
runs one local search cooled by the clock over nine tenths of the limit and then sub-MIPs of freed
neighbourhoods (solver/lns.c) until the limit, against --solver heuristic (the local search alone,
its time mode) with the same limit, seed and threads; and, to tell the split's part from the
sub-MIPs', against the local search alone cooled by the clock over the whole limit (--solver
heuristic --moves 1000000000000: a budget it cannot reach, so the time limit paces the cooling).
One run each, one at a time (A/B in one run on one machine).

usage: python3 bench/matheuristic.py [--bin build/igfsched] [--limit 60] [--threads 1 2]
                                     [--sizes 300] [--seeds 1 2 3] [--out bench/results/matheuristic.md]

Instances: examples/igf-like.json and bench/gen_igf.py's generated problem of each size (seed 1).
For each run: the evaluator's score, hard violations, and the sub-MIPs ran / proven optimal /
improving the schedule (the schedule's solver block). Writes a Markdown table with the machine,
the commit and the commands."""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scaling  # noqa: E402  (the machine description)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def machine():
    return scaling.machine_line()


def commit():
    try:
        return subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


UNREACHABLE_MOVES = "1000000000000"


def run(binary, problem, arm, limit, threads, seed, out):
    solver = "auto" if arm == "auto" else "heuristic"
    cmd = [binary, "solve", problem, "--solver", solver, "--time-limit", str(limit), "--seed", str(seed), "--threads",
           str(threads), "--quiet", "-o", out] + (["--submip", "1"] if arm == "auto" else []) + (
               ["--moves", UNREACHABLE_MOVES] if arm == "cooled" else [])
    subprocess.run(cmd, check=False)
    d = json.load(open(out))
    st = d["solver"]
    sub = st.get("submips", {})
    hard = d.get("score", {}).get("hard_violations", d.get("score", {}).get("hard", None))
    def show(c):
        if not os.path.exists(c):
            return c
        rel = os.path.relpath(c, ROOT)
        return os.path.basename(c) if rel.startswith("..") else rel  # the temporary problem and output

    shown = ["build/igfsched"] + [show(c) for c in cmd[1:]]
    return {"cmd": " ".join(shown),
            "score": st["objective"], "name": st["name"], "elapsed": st["elapsed_s"], "hard": hard,
            "ran": sub.get("ran", 0), "proven": sub.get("proven", 0), "improved": sub.get("improved", 0)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "igfsched"))
    ap.add_argument("--limit", type=float, default=60)
    ap.add_argument("--threads", type=int, nargs="+", default=[1])
    ap.add_argument("--sizes", type=int, nargs="*", default=[300])
    ap.add_argument("--seeds", type=int, nargs="+", default=[1])
    ap.add_argument("--out", default=os.path.join(HERE, "results", "matheuristic.md"))
    a = ap.parse_args()
    tmp = tempfile.mkdtemp()
    problems = [("igf-like", os.path.join(ROOT, "examples", "igf-like.json"))]
    for n in a.sizes:
        path = os.path.join(tmp, f"igf-{n}.json")
        subprocess.run([sys.executable, os.path.join(HERE, "gen_igf.py"), "--sessions", str(n), "--seed", "1", "-o",
                        path], check=True, stdout=subprocess.DEVNULL)
        problems.append((f"generated {n}", path))
    rows, cmds = [], []
    mach, rev = machine(), commit()
    arms = ("heuristic", "auto", "cooled")
    for name, path in problems:
        for threads in a.threads:
            runs = []
            for seed in a.seeds:
                r = {}
                for arm in arms:
                    r[arm] = run(a.bin, path, arm, a.limit, threads, seed, os.path.join(tmp, "out.json"))
                    cmds.append(r[arm]["cmd"])
                    print(name, threads, seed, arm, r[arm], flush=True)
                runs.append(r)
                h, m, c = r["heuristic"], r["auto"], r["cooled"]
                rows.append(f"| {name} | {threads} | {seed} | {h['score']:.3f} | {m['score']:.3f} "
                            f"| {m['score'] - h['score']:+.3f} | {c['score']:.3f} | {m['score'] - c['score']:+.3f} "
                            f"| {m['ran']} | {m['proven']} | {m['improved']} | {m['name']} |")
            if len(runs) > 1:
                mean = {arm: sum(r[arm]["score"] for r in runs) / len(runs) for arm in arms}
                rows.append(f"| {name} | {threads} | mean | {mean['heuristic']:.3f} | {mean['auto']:.3f} "
                            f"| {mean['auto'] - mean['heuristic']:+.3f} | {mean['cooled']:.3f} "
                            f"| {mean['auto'] - mean['cooled']:+.3f} | | | | |")
    with open(a.out, "w") as f:
        f.write("# The matheuristic against the local search alone\n\n")
        f.write(f"`bench/matheuristic.py`, one run of each, one at a time, seeds {' '.join(map(str, a.seeds))}, "
                f"`--time-limit {a.limit:g}`.\n\n")
        f.write(f"- machine: {mach}\n- commit: {rev}\n\n")
        f.write("heuristic: `--solver heuristic` (its time mode); auto: `--solver auto --submip 1`; cooled: "
                f"`--solver heuristic --moves {UNREACHABLE_MOVES}` (one annealing cooled by the clock over the whole "
                "limit, the local search of auto without the sub-MIPs' tenth).\n\n")
        f.write("| instance | threads | seed | heuristic | auto | auto − heuristic | cooled | auto − cooled | sub-MIPs ran | "
                "proven | improved | auto's stages |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n")
        f.write("\n".join(rows) + "\n\nCommands (the generated problem is `bench/gen_igf.py --sessions N --seed 1`):\n\n")
        f.write("".join(f"    {c}\n" for c in cmds))
    print("wrote", a.out)


if __name__ == "__main__":
    main()
