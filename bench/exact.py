#!/usr/bin/env python3
"""Exact-solver benchmark: igfsched --solver exact against glpsol (and cbc, when installed) on
the textbook model of the same problem, on the bundled examples and generated IGF-like
instances: time, score, proven bound, gap and peak memory per run.

    python3 bench/exact.py [--bin build/igfsched] [--time-limit 60] [--sizes 100,300,600]
                           [--no-textbook] [--out bench/results/exact.md]

The textbook model (a binary per session x start x room, a variable per pair that may clash)
is written by build/bench/write_model in CPLEX LP format. It leaves out theme_spread, so its
optimum can only be lower than igfsched's: it is the easier of the two. Python 3 standard
library only. Instances of N sessions come from bench/gen_igf.py --seed 1.
"""

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = "%.0f GiB RAM" % (int(line.split()[1]) / 1048576)
    except OSError:
        pass
    return "%s, %d cores, %s, %s" % (cpu, os.cpu_count() or 0, mem, platform.platform())


def run(cmd, log=None):
    """Runs cmd in a child of a fresh child, so ru_maxrss is this run's alone; its standard
    output goes to log (or nowhere)."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.monotonic()\n"
        "out = open(sys.argv[1], 'w') if sys.argv[1] else subprocess.DEVNULL\n"
        "rc = subprocess.call(sys.argv[2:], stdout=out, stderr=subprocess.DEVNULL)\n"
        "print(rc, time.monotonic() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe, log or ""] + cmd, capture_output=True, text=True,
                         check=True).stdout
    rc, secs, kib = out.split()
    return int(rc), float(secs), int(kib) / 1024.0


def glpsol(lp, limit, tmp):
    """glpsol on an LP file: (status, seconds, incumbent, bound, peak MiB)."""
    log = os.path.join(tmp, "glpsol.log")
    rc, secs, mib = run(["glpsol", "--lp", lp, "--tmlim", str(int(limit))], log)
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
        status = "exit %d" % rc
    return status, secs, inc, bound, mib


def cbc(lp, limit, tmp):
    log = os.path.join(tmp, "cbc.log")
    rc, secs, mib = run(["cbc", lp, "sec", str(int(limit)), "solve"], log)
    text = open(log).read()
    m = re.search(r"Objective value:\s+(\S+)", text)
    b = re.search(r"Lower bound:\s+(\S+)", text)
    status = "optimal" if "Optimal solution found" in text else "stopped"
    return status, secs, float(m.group(1)) if m else None, float(b.group(1)) if b else None, mib


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "igfsched"))
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--sizes", default="100,300,600")
    ap.add_argument("--out", default=None)
    ap.add_argument("--no-textbook", action="store_true", help="skip glpsol/cbc on the textbook model")
    ap.add_argument("--writer", default=os.path.join(ROOT, "build", "bench", "write_model"))
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="igs-exact-")
    inst = [(os.path.basename(f), os.path.join(ROOT, "examples", f)) for f in ("small.json", "dc-joint.json", "igf-like.json")]
    for n in [int(x) for x in a.sizes.split(",") if x]:
        path = os.path.join(tmp, "gen-%d.json" % n)
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_igf.py"), "--sessions", str(n), "--seed", "1",
                        "-o", path], check=True, stdout=subprocess.DEVNULL)
        inst.append(("generated %d" % n, path))
    lines = [
        "# Exact solver benchmark",
        "",
        "Machine: %s" % machine(),
        "",
        "Command: `python3 bench/exact.py --time-limit %g --sizes %s` (each run: `igfsched solve FILE --solver exact"
        " --time-limit %g`)" % (a.time_limit, a.sizes, a.time_limit),
        "",
        "| instance | sessions | solver | status | seconds | score | bound | gap | peak MiB |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    fmt = lambda v: "n/a" if v is None else "%.3f" % v

    def gap_of(inc, bound):
        if inc is None or bound is None or inc == 0:
            return "n/a"
        return "%.2f %%" % (100 * max(0.0, inc - bound) / abs(inc))

    solvers = [("glpsol", glpsol)] + ([("cbc", cbc)] if shutil.which("cbc") else [])
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
        if a.no_textbook:
            continue
        lp = os.path.join(tmp, "textbook.lp")
        t = time.monotonic()
        subprocess.run([a.writer, path, "textbook", lp], check=True)
        wrote = time.monotonic() - t
        for sname, fn in solvers:
            status, secs, inc, bound, mib = fn(lp, a.time_limit, tmp)
            lines.append("| %s | %d | %s, textbook model | %s | %.1f | %s | %s | %s | %.0f |" % (
                name, n, sname, status, secs + wrote, fmt(inc), fmt(bound), gap_of(inc, bound), mib))
            print(lines[-1], flush=True)
        os.remove(lp)
    text = "\n".join(lines) + "\n"
    if a.out:
        os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
        with open(a.out + ".tmp", "w") as f:
            f.write(text)
        os.replace(a.out + ".tmp", a.out)
    print(text)


if __name__ == "__main__":
    main()
