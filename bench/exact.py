#!/usr/bin/env python3
"""Exact-solver benchmark: igfsched --solver exact against two peers, GLPK's glpsol and COIN-OR's
cbc, on the same LP files, on the bundled examples and generated IGF-like instances: time,
score, proven bound, gap and peak memory per run.

    python3 bench/exact.py [--bin build/igfsched] [--time-limit 60] [--sizes 100,300,600]
                           [--models textbook,compact] [--no-textbook] [--out bench/results/exact.md]

The LP files are written by build/bench/write_model in CPLEX LP format: the textbook model (a
binary per session x start x room, a variable per pair that may clash), which leaves out
theme_spread, so its optimum can only be lower than igfsched's (the easier of the two), and,
with --models ...,compact, igfsched's own compact time phase (without the room phase), so the
peers solve what GLPK solves inside igfsched. Each peer gets the same file and the same
wall-clock limit, one thread; a run that overstays it is killed at 3 x the limit + 60 s.
GLPK writes an objective's constant term as a comment, which both peers then ignore: it is
read from the file and added to their values, so they compare with igfsched's score.

cbc is Debian's coinor-cbc (`apt-get install coinor-cbc`, or `./build.sh bench-deps`); when the
command is missing its rows are left out and the report says so. Python 3 standard library
only. Instances of N sessions come from bench/gen_igf.py --seed 1.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scaling  # noqa: E402  (the machine description)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def machine():
    return scaling.machine_line()


def run(cmd, log=None, cap=None):
    """Runs cmd in a child of a fresh child, so ru_maxrss is this run's alone; its standard
    output goes to log (or nowhere). With cap, the run is killed after cap seconds (exit -9)."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.monotonic()\n"
        "out = open(sys.argv[1], 'w') if sys.argv[1] else subprocess.DEVNULL\n"
        "cap = float(sys.argv[2]) if sys.argv[2] else None\n"
        "p = subprocess.Popen(sys.argv[3:], stdout=out, stderr=subprocess.STDOUT if sys.argv[1] else subprocess.DEVNULL)\n"
        "try:\n"
        "    rc = p.wait(timeout=cap)\n"
        "except subprocess.TimeoutExpired:\n"
        "    p.kill()\n"
        "    rc = p.wait()\n"
        "print(rc, time.monotonic() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe, log or "", str(cap) if cap else ""] + cmd,
                         capture_output=True, text=True, check=True).stdout
    rc, secs, kib = out.split()
    return int(rc), float(secs), int(kib) / 1024.0


def lp_constant(lp):
    """The objective's constant term, which glp_write_lp writes as a comment after the objective
    ("\\* constant term = 5600 *\\"): the peers read the file without it."""
    with open(lp) as f:
        for line in f:
            m = re.match(r"\\\* constant term = (\S+) \*\\", line)
            if m:
                return float(m.group(1))
            if line.startswith("Subject To"):
                break
    return 0.0


def cap_of(limit):
    return 3 * limit + 60


def killed(rc, secs):
    return "killed at %.0f s" % secs if rc == -9 else None


def glpsol(lp, limit, tmp):
    """glpsol on an LP file: (status, seconds, incumbent, bound, peak MiB)."""
    log = os.path.join(tmp, "glpsol.log")
    rc, secs, mib = run(["glpsol", "--lp", lp, "--tmlim", str(int(limit))], log, cap_of(limit))
    text = open(log).read()
    inc = bound = None
    for m in re.finditer(r"mip =\s+(\S+)\s+>=\s+(\S+)", text):
        inc = None if m.group(1) == "not" else float(m.group(1))
        bound = None if m.group(2) == "tree" else float(m.group(2))
    if "INTEGER OPTIMAL SOLUTION FOUND" in text:
        status = "optimal"
        bound = inc
    elif "TIME LIMIT EXCEEDED" in text:
        status = "time limit"
    elif "PROBLEM HAS NO" in text:
        status = "infeasible"
    else:
        status = killed(rc, secs) or "exit %d" % rc
    return status, secs, inc, bound, mib


def cbc(lp, limit, tmp):
    """cbc on an LP file, on the wall clock like glpsol, one thread: (status, seconds, incumbent,
    bound, peak MiB). Without a "Lower bound" line (optimal, or stopped before the search) the
    bound is the optimum, else the root LP's value when cbc printed it. Its log is line-buffered
    (stdbuf, when there) so that a run killed at the cap still shows how far it got."""
    log = os.path.join(tmp, "cbc.log")
    line_buffered = ["stdbuf", "-oL"] if shutil.which("stdbuf") else []
    rc, secs, mib = run(line_buffered + ["cbc", lp, "timeMode", "elapsed", "threads", "0", "sec", str(int(limit)),
                                         "solve"], log, cap_of(limit))
    text = open(log).read()
    result = re.search(r"^Result - (.*)$", text, re.M)
    m = re.search(r"^Objective value:\s+(\S+)", text, re.M)
    b = re.search(r"^Lower bound:\s+(\S+)", text, re.M)
    lp_value = re.search(r"Continuous objective value is (\S+)", text)
    inc = float(m.group(1)) if m and "No feasible solution found" not in text else None
    bound = float(b.group(1)) if b else float(lp_value.group(1)) if lp_value else None
    if result and result.group(1).startswith("Optimal solution found"):
        status, bound = "optimal", inc
    elif result and "infeasible" in result.group(1).lower():
        status, inc, bound = "infeasible", None, None
    elif result and "time limit" in result.group(1):
        status = "time limit"
    else:
        status = killed(rc, secs) or (result.group(1).strip().lower() if result else "exit %d" % rc)
    if not result:  # killed: the last solution and best possible value it printed
        sols = re.findall(r"Integer solution of (\S+)", text)
        best = re.findall(r"best possible (\S+)", text)
        inc = float(sols[-1]) if sols else None
        bound = float(best[-1]) if best else bound
        if lp_value is None and not best:
            status += " (root LP not solved)"
    if inc is not None and inc >= 1e49:  # cbc's "no solution" value
        inc = None
    return status, secs, inc, bound, mib


def git_commit():
    try:
        return subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    m = re.search(r"(GLPK LP/MIP Solver \S+|Version: \S+)", out)
    return m.group(1) if m else "?"


CBC_MISSING = ("cbc not found: its rows are left out. It is Debian's coinor-cbc: `apt-get install coinor-cbc` "
               "(as root), or `./build.sh bench-deps`; then run this again.")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "igfsched"))
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--sizes", default="100,300,600")
    ap.add_argument("--out", default=None)
    ap.add_argument("--models", default="textbook", help="LP files the peers solve: textbook, compact or both")
    ap.add_argument("--no-textbook", action="store_true", help="no peers at all: igfsched alone")
    ap.add_argument("--writer", default=os.path.join(ROOT, "build", "bench", "write_model"))
    a = ap.parse_args()
    models = [] if a.no_textbook else [m for m in a.models.split(",") if m]
    for m in models:
        if m not in ("textbook", "compact"):
            ap.error("--models: textbook or compact, not %r" % m)
    have_cbc = shutil.which("cbc") is not None
    if models and not have_cbc:
        print(CBC_MISSING, file=sys.stderr, flush=True)
    tmp = tempfile.mkdtemp(prefix="igs-exact-")
    inst = [(os.path.basename(f), os.path.join(ROOT, "examples", f)) for f in ("small.json", "dc-joint.json", "igf-like.json")]
    for n in [int(x) for x in a.sizes.split(",") if x]:
        path = os.path.join(tmp, "gen-%d.json" % n)
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_igf.py"), "--sessions", str(n), "--seed", "1",
                        "-o", path], check=True, stdout=subprocess.DEVNULL)
        inst.append(("generated %d" % n, path))
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load0 = os.getloadavg()[0]
    peers = [("glpsol", glpsol, version(["glpsol", "--version"]))]
    if have_cbc:
        peers.append(("cbc", cbc, version(["cbc", "-quit"])))
    lines = [
        "# Exact solver benchmark",
        "",
        "- machine: %s" % machine(),
        "- source: commit %s; started %s, 1-minute load average %.2f at the start" % (git_commit(), started, load0),
        "- command: `python3 bench/exact.py --time-limit %g --sizes %s --models %s` (each igfsched run: `igfsched "
        "solve FILE --solver exact --time-limit %g`; glpsol: `glpsol --lp FILE.lp --tmlim %d`; cbc: `cbc FILE.lp "
        "timeMode elapsed threads 0 sec %d solve`)" % (a.time_limit, a.sizes, ",".join(models) or "none", a.time_limit,
                                                      int(a.time_limit), int(a.time_limit)),
        "- peers: %s" % ", ".join("%s (%s)" % (n, v) for n, _, v in peers),
        "",
    ]
    if models and not have_cbc:
        lines += ["**" + CBC_MISSING + "**", ""]
    lines += [
        "| instance | sessions | solver | status | seconds | score | bound | gap | peak MiB |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    fmt = lambda v: "n/a" if v is None else "%.3f" % v

    def gap_of(inc, bound):
        if inc is None or bound is None or inc == 0:
            return "n/a"
        return "%.2f %%" % (100 * max(0.0, inc - bound) / abs(inc))

    written = []
    for name, path in inst:
        out = os.path.join(tmp, "out.json")
        rc, secs, mib = run([a.bin, "solve", path, "--solver", "exact", "--time-limit", str(a.time_limit), "--quiet",
                             "-o", out])
        d = json.load(open(out))
        st = d["solver"]
        n = len(json.load(open(path))["sessions"])
        lines.append("| %s | %d | igfsched exact | %s | %.1f | %s | %s | %s | %.0f |" % (
            name, n, st["status"], secs, fmt(st["objective"]), fmt(st["bound"]), gap_of(st["objective"], st["bound"]),
            mib))
        print(lines[-1], flush=True)
        for model in models:
            lp = os.path.join(tmp, model + ".lp")
            t = time.monotonic()
            subprocess.run([a.writer, path, model, lp], check=True)
            written.append((name, model, time.monotonic() - t, os.path.getsize(lp) / 1e6))
            c0 = lp_constant(lp)
            for sname, fn, _ in peers:
                status, secs, inc, bound, mib = fn(lp, a.time_limit, tmp)
                inc = None if inc is None else inc + c0
                bound = None if bound is None else bound + c0
                lines.append("| %s | %d | %s, %s model | %s | %.1f | %s | %s | %s | %.0f |" % (
                    name, n, sname, model, status, secs, fmt(inc), fmt(bound), gap_of(inc, bound), mib))
                print(lines[-1], flush=True)
            os.remove(lp)
    lines += [
        "",
        "1-minute load average at the end: %.2f. The machine is shared (other jobs ran beside this one): times are "
        "noisy; compare the solvers within this run, as ratios, not with other runs." % os.getloadavg()[0],
        "",
        "**seconds** = wall clock of the whole run (a peer's: reading the LP file included, writing it not); "
        "**score** = igfsched's evaluator score, or the peer's best integer solution of the model plus the "
        "objective's constant term; **bound** = the proven lower bound (a peer's: its best bound on the model, or the "
        "root LP's value when it gave no other); **gap** = (score - bound) / score. The textbook model leaves out "
        "theme_spread and the compact model is igfsched's time phase without its room phase, so a peer's score is "
        "the model's objective, not a schedule's; its bound is a lower bound of igfsched's score.",
    ]
    if written:
        lines += ["", "LP files (write_model): " + "; ".join(
            "%s %s %.1f s, %.0f MB" % (n, m, s_, mb) for n, m, s_, mb in written) + "."]
    text = "\n".join(lines) + "\n"
    if a.out:
        os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
        with open(a.out + ".tmp", "w") as f:
            f.write(text)
        os.replace(a.out + ".tmp", a.out)
    print(text)


if __name__ == "__main__":
    main()
