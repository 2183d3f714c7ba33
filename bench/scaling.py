#!/usr/bin/env python3
"""Scaling benchmark of igfsched on generated IGF-like problems.

    python3 bench/scaling.py [--sizes 100,300,1000,3000,10000] [--seed 1] [--quick]
                             [--bin build/igfsched] [--out bench/results/scaling.md]
                             [--workdir bench/out/scaling] [--no-exact]

For every size N it generates bench/out/scaling/igf-N.json with bench/gen_igf.py (fixed
seed), runs `igfsched check` on it, then these runs, one after another, each a fresh process
(with --quiet, and --solver heuristic when the CLI has --solver):

  first    --moves 0 --time-limit 0      the constructive greedy's first pass only (its
           relocation passes stop at once): time to first feasible
  greedy   --moves 0 --time-limit 3600   the whole greedy: G = its solver.elapsed_s
  moves    --moves 2000000 --time-limit G+600
           moves/s = solver.effort / (solver.elapsed_s of moves - G)
  t10      --moves 1000000000000 --time-limit 10    score after 10 s
  t60      the same with --time-limit 60            score after 60 s
  exact    --solver exact --moves 0 --time-limit 60   the bound (solver.bound), when the CLI
           knows --solver exact; 'n/a' when it exits 2 with an unknown-option message or
           gives no numeric bound

Peak RSS per run: GNU time's %M, else VmHWM polled from /proc (see bench/README.md).
Every written schedule is checked with `igfsched evaluate` (exit 0 = no hard violation).
--quick uses short limits (moves 200,000, 2 s and 5 s, exact 10 s, sizes 100,300 unless
--sizes is given) for a smoke run. Prints the Markdown report and writes it to --out.
Python 3 standard library only; Linux (/proc, wait4).
"""

import argparse
import datetime
import json
import os
import platform
import re
import resource
import shlex
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


# ----------------------------------------------------------------------------- machine


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    ram = "unknown"
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    ram = "%.1f GiB" % (int(line.split()[1]) / 1024.0 / 1024.0)
                    break
    except OSError:
        pass
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    except OSError:
        nproc = str(os.cpu_count())
    return {"nproc": nproc, "cpu": cpu, "ram": ram, "kernel": platform.release(),
            "python": platform.python_version()}


def machine_line():
    """machine() as one line for a report's head, with the load average at the start."""
    m = machine()
    return "%s, %s cores, %s RAM, Linux %s; load average %.2f at the start" % (
        m["cpu"], m["nproc"], m["ram"], m["kernel"], os.getloadavg()[0])


def git_state():
    def run(*args):
        try:
            r = subprocess.run(["git", "-C", ROOT] + list(args), capture_output=True, text=True)
            return r.stdout if r.returncode == 0 else ""
        except OSError:
            return ""
    head = run("rev-parse", "--short", "HEAD").strip() or "unknown"
    dirty = [l[3:] for l in run("status", "--porcelain", "--untracked-files=no").splitlines() if l.strip()]
    return head, dirty


# ----------------------------------------------------------------------------- running


GNU_TIME = "/usr/bin/time"


def rss_method():
    """Peak RSS per run: GNU time's %M when /usr/bin/time is GNU time (it forks the run from a
    small process). Otherwise the largest VmHWM read from /proc/PID/status every 20 ms once
    the child runs the benchmarked binary. (wait4's ru_maxrss of a child forked from Python
    would count Python's own pages, about 16 MiB, which the child holds until it execs.)"""
    try:
        r = subprocess.run([GNU_TIME, "-f", "%M", "true"], capture_output=True, text=True)
        if r.returncode == 0 and r.stderr.strip().isdigit():
            return "GNU time (`/usr/bin/time -f %M`)"
    except OSError:
        pass
    return "VmHWM polled from /proc every 20 ms"


def vm_hwm_kib(pid, exe):
    """The child's VmHWM in KiB once it runs exe, else 0."""
    try:
        if os.path.realpath(os.readlink("/proc/%d/exe" % pid)) != exe:
            return 0
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def limit_memory():
    """In the child: cap the address space, so a run that would exhaust the machine fails with
    an out-of-memory exit instead."""
    if ARGS.mem_limit_gib > 0:
        lim = int(ARGS.mem_limit_gib * 1024 ** 3)
        resource.setrlimit(resource.RLIMIT_AS, (lim, lim))


class Run:
    """One child process: exit code, wall time, peak RSS (KiB), stderr."""

    def __init__(self, argv, timeout, use_time=None):
        self.argv = argv
        self.timed_out = False
        self.load = os.getloadavg()[0]  # other work on the machine when the run starts
        if use_time is None:
            use_time = RSS_METHOD.startswith("GNU")
        rss_path = os.path.join(ARGS.workdir, ".rss")
        if use_time:
            if os.path.exists(rss_path):
                os.unlink(rss_path)
            argv = [GNU_TIME, "-f", "%M", "-o", rss_path] + argv
        t0 = time.monotonic()
        err_path = os.path.join(ARGS.workdir, ".stderr")
        with open(err_path, "w") as err, open(os.devnull, "w") as out:
            p = subprocess.Popen(argv, stdout=out, stderr=err, start_new_session=True, preexec_fn=limit_memory)
            deadline = t0 + timeout
            exe = os.path.realpath(shutil.which(argv[0]) or argv[0])
            hwm = 0
            while True:
                if not use_time:
                    hwm = max(hwm, vm_hwm_kib(p.pid, exe))
                pid, status, ru = os.wait4(p.pid, os.WNOHANG)
                if pid == p.pid:
                    break
                if time.monotonic() > deadline:
                    os.killpg(p.pid, 9)  # the run and, with GNU time, its child
                    pid, status, ru = os.wait4(p.pid, 0)
                    self.timed_out = True
                    break
                time.sleep(0.02)
            p.returncode = os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else (
                os.WEXITSTATUS(status) if os.WIFEXITED(status) else -os.WTERMSIG(status))
        self.wall = time.monotonic() - t0
        self.rc = p.returncode
        self.maxrss_kib = hwm
        if use_time:
            try:
                with open(rss_path) as f:
                    lines = [l for l in f.read().split() if l.isdigit()]
                self.maxrss_kib = int(lines[-1])
                os.unlink(rss_path)
            except (OSError, IndexError):
                pass
        with open(err_path) as f:
            self.stderr = f.read()
        os.unlink(err_path)


def solve(name, problem, out, extra, timeout, verbose=False):
    argv = [ARGS.bin, "solve", problem, "-o", out] + (["--verbose", "1"] if verbose else ["--quiet"]) + extra
    if os.path.exists(out):
        os.unlink(out)
    r = Run(argv, timeout)
    r.name = name
    r.out = out
    r.json = None
    r.hard = None
    r.eval_rc = None
    if not r.timed_out and os.path.exists(out):
        with open(out, encoding="utf-8") as f:
            r.json = json.load(f)
        r.hard = r.json["score"]["hard_violations"]
        ev = subprocess.run([ARGS.bin, "evaluate", problem, out], capture_output=True, text=True)
        r.eval_rc = ev.returncode
    # the local search's own last progress line (--verbose 1): seconds and moves of the search alone
    r.own = None
    for m in re.finditer(r"local:\s+([0-9.]+) s\s+([0-9]+) moves", r.stderr):
        r.own = (float(m.group(1)), int(m.group(2)))
    sys.stderr.write("  %-6s rc=%s%s wall %.2f s, peak %.1f MiB%s\n"
                     % (name, r.rc, " (timeout)" if r.timed_out else "", r.wall, r.maxrss_kib / 1024.0,
                        "" if r.json is None else ", elapsed %.3f s, effort %s, score %s, hard %s, evaluate rc %s"
                        % (r.json["solver"]["elapsed_s"], r.json["solver"]["effort"], r.json["score"]["total"],
                           r.hard, r.eval_rc)))
    return r


def unknown_option(r):
    return r.rc == 2 and re.search(r"unknown|unrecogni[sz]ed|invalid (option|value)|not a valid|expected one of|"
                                   r"--solver '[^']*': use", r.stderr, re.I)


def fnum(x, digits=1):
    if x is None:
        return "n/a"
    if isinstance(x, str):
        return x
    if abs(x) >= 1e6:
        return "{:,.0f}".format(x)
    return "{:,.{d}f}".format(x, d=digits)


# ----------------------------------------------------------------------------- one size


def bench_size(n, L, heur):
    problem = os.path.join(ARGS.workdir, "igf-%d.json" % n)
    t0 = time.monotonic()
    subprocess.run([sys.executable, os.path.join(HERE, "gen_igf.py"), "--sessions", str(n), "--seed",
                    str(ARGS.seed), "-o", problem], check=True)
    gen_s = time.monotonic() - t0
    with open(problem, encoding="utf-8") as f:
        P = json.load(f)
    row = {"n": n, "rooms": len(P["rooms"]), "days": len(P["days"]), "sessions": len(P["sessions"]),
           "optional": sum(1 for s in P["sessions"] if s.get("optional")), "people": len(P.get("people", [])),
           "file_mib": os.path.getsize(problem) / 1048576.0, "gen_s": gen_s, "runs": []}
    sys.stderr.write("size %d: %d sessions, %d rooms, %d days (generated in %.1f s)\n"
                     % (n, row["sessions"], row["rooms"], row["days"], gen_s))
    chk = Run([ARGS.bin, "check", problem], L["timeout_check"])
    chk.name = "check"
    chk.json = None
    row["check"] = chk
    sys.stderr.write("  check  rc=%s wall %.2f s, peak %.1f MiB\n" % (chk.rc, chk.wall, chk.maxrss_kib / 1024.0))

    def out(tag):
        return os.path.join(ARGS.workdir, "igf-%d.%s.json" % (n, tag))

    first = solve("first", problem, out("first"), heur + ["--moves", "0", "--time-limit", "0"], L["timeout_greedy"])
    greedy = solve("greedy", problem, out("greedy"), heur + ["--moves", "0", "--time-limit",
                                                             str(L["greedy_limit"])],
                   L["timeout_greedy"] + L["greedy_limit"])
    # The search gets move_limit seconds after a greedy that runs as in the greedy run.
    g_lim = int(greedy.json["solver"]["elapsed_s"]) + 1 if greedy.json else L["greedy_limit"]
    moves = solve("moves", problem, out("moves"), heur + ["--moves", str(L["moves"]), "--time-limit",
                                                         str(g_lim + L["move_limit"])],
                  L["timeout_greedy"] + g_lim + L["move_limit"] + 60, verbose=True)
    ta = solve("t%g" % L["t_short"], problem, out("t%g" % L["t_short"]),
               heur + ["--moves", "1000000000000", "--time-limit", str(L["t_short"])],
               L["timeout_greedy"] + L["t_short"] + 60)
    tb = solve("t%g" % L["t_long"], problem, out("t%g" % L["t_long"]),
               heur + ["--moves", "1000000000000", "--time-limit", str(L["t_long"])],
               L["timeout_greedy"] + L["t_long"] + 60)
    row["runs"] = [first, greedy, moves, ta, tb]

    # the bound: from the long run's JSON if it has one, else from the exact solver if the CLI has it
    bound, bound_src = None, None
    if tb.json and isinstance(tb.json["solver"].get("bound"), (int, float)):
        bound, bound_src = tb.json["solver"]["bound"], "t%g" % L["t_long"]
    ex = None
    if not ARGS.no_exact:
        ex = solve("exact", problem, out("exact"), ["--solver", "exact", "--moves", "0", "--time-limit",
                                                     str(L["exact_limit"])],
                   L["timeout_greedy"] + L["exact_limit"] + 600)
        if unknown_option(ex):
            ex.note = "CLI has no --solver exact: " + ex.stderr.strip().splitlines()[0][:120]
        elif ex.json and isinstance(ex.json["solver"].get("bound"), (int, float)):
            if bound is None or ex.json["solver"]["bound"] > bound:
                bound, bound_src = ex.json["solver"]["bound"], "exact"
        row["runs"].append(ex)
    row["exact"] = ex
    row["bound"], row["bound_src"] = bound, bound_src

    def ok(r):
        return r.json is not None and r.hard == 0 and r.eval_rc == 0

    row["first_s"] = first.json["solver"]["elapsed_s"] if ok(first) else None
    row["first_wall"] = first.wall
    row["first_ok"] = ok(first)
    row["first_hard"] = first.hard
    row["first_timeout"] = first.timed_out
    g_el = greedy.json["solver"]["elapsed_s"] if greedy.json else None
    row["greedy_cut"] = bool(greedy.json and g_el >= L["greedy_limit"])
    row["greedy_s"] = g_el
    row["first_el"] = first.json["solver"]["elapsed_s"] if first.json else None
    # From 1,000 sessions on, the greedy skips its relocation passes when a local search
    # follows (solver/greedy.c, LARGE_PROGRAMME): the moves run then pays the first pass only.
    # Which greedy the moves run paid is read from the search's own seconds when it printed
    # them (the start whose subtraction comes closest); else from that threshold.
    f_el = first.json["solver"]["elapsed_s"] if first.json else None
    start_el, row["start_run"] = (f_el, "first") if (row["n"] >= 1000 and f_el is not None) else (g_el, "greedy")
    if moves.json and moves.own:
        cands = [(abs(moves.json["solver"]["elapsed_s"] - el - moves.own[0]), el, name)
                 for el, name in ((g_el, "greedy"), (f_el, "first")) if el is not None]
        if cands:
            _, start_el, row["start_run"] = min(cands)
    if moves.json and start_el is not None:
        search = moves.json["solver"]["elapsed_s"] - start_el
        row["search_s"] = search
        row["effort"] = moves.json["solver"]["effort"]
        row["moves_per_s"] = row["effort"] / search if search > 0 else None
    else:
        row["search_s"] = row["effort"] = row["moves_per_s"] = None
    row["own_rate"] = moves.own[1] / moves.own[0] if moves.own and moves.own[0] > 0 else None
    row["own"] = moves.own

    def score(r, limit):
        if r.json is None:
            return "timeout" if r.timed_out else "failed (rc %s)" % r.rc
        s = fnum(r.json["score"]["total"])
        if r.hard:
            s += " (%d hard)" % r.hard
        if r.json["solver"]["elapsed_s"] > 1.05 * limit + 0.5:
            s += " (%.0f s)" % r.json["solver"]["elapsed_s"]  # the greedy alone took longer than the limit
        return s

    row["score_a"] = score(ta, L["t_short"])
    row["score_b"] = score(tb, L["t_long"])
    row["score_b_num"] = tb.json["score"]["total"] if tb.json and tb.hard == 0 else None
    row["gap"] = (100.0 * (row["score_b_num"] - bound) / row["score_b_num"]
                  if bound is not None and row["score_b_num"] else None)
    heur_runs = [r for r in row["runs"] if r.name != "exact"]
    row["peak_mib"] = max(r.maxrss_kib for r in heur_runs) / 1024.0
    row["exact_mib"] = ex.maxrss_kib / 1024.0 if ex is not None and not unknown_option(ex) else None
    return row


# ----------------------------------------------------------------------------- report


def report(rows, L, cmd, mach, head, dirty, started, finished):
    out = []
    w = out.append
    w("# igfsched scaling benchmark")
    w("")
    w("- command: `%s`" % cmd)
    w("- machine: %s CPUs (`nproc`), %s, %s RAM; Linux %s; Python %s"
      % (mach["nproc"], mach["cpu"], mach["ram"], mach["kernel"], mach["python"]))
    w("- binary: `%s` (built %s); source: commit %s%s"
      % (ARGS.bin, datetime.datetime.fromtimestamp(os.path.getmtime(ARGS.bin)).strftime("%Y-%m-%d %H:%M:%S"),
         head, (" plus uncommitted changes in " + ", ".join(dirty)) if dirty else ""))
    w("- problems: `python3 bench/gen_igf.py --sessions N --seed %d` (defaults), in `%s`"
      % (ARGS.seed, os.path.relpath(ARGS.workdir, ROOT)))
    w("- runs: one at a time, each a fresh process; peak RSS by %s; address space capped at %s; "
      "started %s, finished %s (UTC)" % (RSS_METHOD, ("%.1f GiB" % ARGS.mem_limit_gib) if ARGS.mem_limit_gib > 0
                                         else "no limit", started, finished))
    w("- limits: greedy %g s; %s moves within (greedy seconds + %g s) for moves/s; scores at %g s and %g s; "
      "exact solver %g s" % (L["greedy_limit"], "{:,}".format(L["moves"]), L["move_limit"], L["t_short"],
                             L["t_long"], L["exact_limit"]))
    w("")
    sa, sb = "score@%gs" % L["t_short"], "score@%gs" % L["t_long"]
    w("| size | rooms | days | sessions | moves/s | first feasible s | %s | %s | bound | gap %% | peak MiB |" % (sa, sb))
    w("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        if r["first_ok"]:
            ff = fnum(r["first_s"], 3)
        elif r["first_timeout"]:
            ff = "timeout"
        else:
            ff = "not feasible (%s hard)" % r["first_hard"]
        w("| %s | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s |"
          % ("{:,}".format(r["n"]), r["rooms"], r["days"], "{:,}".format(r["sessions"]),
             fnum(r["moves_per_s"], 0), ff, r["score_a"], r["score_b"], fnum(r["bound"], 3), fnum(r["gap"], 2),
             fnum(r["peak_mib"], 1)))
    w("")
    w("Columns: **moves/s** = `solver.effort` (moves tried) of the moves run / (its `solver.elapsed_s` "
      "minus the `solver.elapsed_s` of the greedy it ran first: the whole greedy below 1,000 sessions, its "
      "first pass from 1,000 on, see below), so the constructive start is not counted; "
      "**first feasible s** = `solver.elapsed_s` of the greedy's first pass (`--moves 0 --time-limit 0`), "
      "when its schedule has 0 hard violations and `igfsched evaluate` exits 0; **score@Xs** = soft "
      "score (lower is better) of `--moves 1000000000000 --time-limit X`, with the solver's own elapsed "
      "time in brackets when the greedy alone overran the limit; **bound** = a numeric `solver.bound` "
      "(of the long run, or of `--solver exact`), else n/a; **gap %%** = (score@%gs - bound) / score@%gs; "
      "**peak MiB** = the largest peak RSS of the heuristic runs of that size."
      % (L["t_long"], L["t_long"]))
    w("")
    w("## Every run")
    w("")
    w("`load` is the 1-minute load average when the run started (this benchmark's own runs use one CPU).")
    w("")
    w("| size | run | exit | wall s | elapsed s | effort | score | hard | evaluate exit | status | peak MiB | load |")
    w("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|")
    for r in rows:
        c = r["check"]
        w("| %s | check | %s | %.2f | | | | | | | %.1f | %.2f |" % ("{:,}".format(r["n"]), c.rc, c.wall,
                                                                     c.maxrss_kib / 1024.0, c.load))
        for x in r["runs"]:
            j = x.json
            if j:
                w("| %s | %s | %s | %.2f | %.3f | %s | %s | %s | %s | %s | %.1f | %.2f |"
                  % ("{:,}".format(r["n"]), x.name, x.rc, x.wall, j["solver"]["elapsed_s"],
                     "{:,}".format(j["solver"]["effort"]), fnum(j["score"]["total"], 3), x.hard, x.eval_rc,
                     j["solver"].get("status", "") + (", bound %s" % fnum(j["solver"]["bound"], 3)
                                                      if isinstance(j["solver"].get("bound"), (int, float)) else ""),
                     x.maxrss_kib / 1024.0, x.load))
            else:
                note = getattr(x, "note", "timeout" if x.timed_out else (x.stderr.strip().splitlines() or [""])[0][:100])
                w("| %s | %s | %s | %.2f | | | | | | %s | %.1f | %.2f |"
                  % ("{:,}".format(r["n"]), x.name, x.rc, x.wall, note.replace("|", "/"), x.maxrss_kib / 1024.0,
                     x.load))
    w("")
    w("## Moves per second, two ways")
    w("")
    w("The main table subtracts from the moves run's time the greedy it paid for: the whole greedy "
      "(greedy run) or, on programmes where the greedy skips its relocation passes before a local search "
      "(1,000 sessions and more), its first pass (first run); `subtracted` names the run, chosen as the one "
      "whose subtraction comes closest to the search's own seconds. The moves run prints the local "
      "search's own progress (`--verbose 1`, once a second and at the end); its last line gives the "
      "search's own seconds and moves.")
    w("")
    w("| size | greedy s | first pass s | subtracted | moves run s | search s (difference) | moves tried | "
      "moves/s | search's own s | own moves | own moves/s |")
    w("|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        mv = [x for x in r["runs"] if x.name == "moves"][0]
        w("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |"
          % ("{:,}".format(r["n"]), fnum(r["greedy_s"], 3) + (" (cut)" if r.get("greedy_cut") else ""),
             fnum(r["first_el"], 3), r["start_run"],
             fnum(mv.json["solver"]["elapsed_s"], 3) if mv.json else "n/a", fnum(r["search_s"], 3),
             "{:,}".format(r["effort"]) if r["effort"] is not None else "n/a", fnum(r["moves_per_s"], 0),
             fnum(r["own"][0], 2) if r["own"] else "n/a", "{:,}".format(r["own"][1]) if r["own"] else "n/a",
             fnum(r["own_rate"], 0)))
    w("")
    w("## Input size and memory")
    w("")
    w("| size | optional | people | file MiB | check peak MiB | heuristic peak MiB | peak / file | exact peak MiB |")
    w("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        w("| %s | %s | %s | %.2f | %.1f | %.1f | %.1f | %s |"
          % ("{:,}".format(r["n"]), "{:,}".format(r["optional"]), "{:,}".format(r["people"]), r["file_mib"],
             r["check"].maxrss_kib / 1024.0, r["peak_mib"], r["peak_mib"] / r["file_mib"], fnum(r["exact_mib"], 1)))
    w("")
    w("## Targets")
    w("")
    by_n = {r["n"]: r for r in rows}
    if 300 in by_n:
        m = by_n[300]["moves_per_s"]
        w("- >= 1 million move evaluations/s at 300 sessions: **%s** (%s moves/s)"
          % ("met" if m and m >= 1e6 else "not met", fnum(m, 0)))
    if 10000 in by_n:
        r = by_n[10000]
        good = r["first_ok"] and r["first_s"] is not None and r["first_s"] < 5
        w("- 10,000 sessions feasible (0 hard violations, evaluate exit 0) in under 5 s: **%s** (%s)"
          % ("met" if good else "not met",
             ("first feasible after %.2f s solver time, %.2f s wall" % (r["first_s"], r["first_wall"]))
             if r["first_ok"] else "timeout" if r["first_timeout"] else
             "first pass: %s hard violations, %.1f s wall" % (r["first_hard"], r["first_wall"])))
    if len(rows) >= 2:
        a, b = rows[0], rows[-1]
        w("- memory roughly linear in input size: from %s to %s sessions the input grows %.1fx (file MiB) and "
          "the heuristic peak RSS %.1fx" % ("{:,}".format(a["n"]), "{:,}".format(b["n"]),
                                           b["file_mib"] / a["file_mib"], b["peak_mib"] / a["peak_mib"]))
    w("")
    return "\n".join(out)


def main():
    global ARGS, RSS_METHOD
    ap = argparse.ArgumentParser(description="igfsched scaling benchmark")
    ap.add_argument("--sizes", default=None, help="comma-separated session counts (default 100,300,1000,3000,10000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quick", action="store_true", help="short limits, for a smoke run")
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "igfsched"))
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results", "scaling.md"))
    ap.add_argument("--workdir", default=os.path.join(ROOT, "bench", "out", "scaling"))
    ap.add_argument("--no-exact", action="store_true", help="do not try --solver exact")
    ap.add_argument("--mem-limit-gib", type=float, default=None,
                    help="address-space cap of every run (default: 70%% of RAM, at most 16; 0 = none)")
    ARGS = ap.parse_args()
    ARGS.bin = os.path.abspath(ARGS.bin)
    ARGS.workdir = os.path.abspath(ARGS.workdir)
    if not os.access(ARGS.bin, os.X_OK):
        sys.exit("scaling.py: %s is not an executable; build first (cmake -S . -B build && cmake --build build)"
                 % ARGS.bin)
    os.makedirs(ARGS.workdir, exist_ok=True)
    if ARGS.mem_limit_gib is None:
        ARGS.mem_limit_gib = min(16.0, 0.7 * os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024 ** 3)
    RSS_METHOD = rss_method()
    if ARGS.quick:
        L = dict(moves=200000, move_limit=60, greedy_limit=600, t_short=2, t_long=5, exact_limit=10,
                 timeout_greedy=600, timeout_check=600)
        sizes = "100,300"
    else:
        L = dict(moves=2000000, move_limit=600, greedy_limit=3600, t_short=10, t_long=60, exact_limit=60,
                 timeout_greedy=3600, timeout_check=3600)
        sizes = "100,300,1000,3000,10000"
    sizes = [int(x) for x in (ARGS.sizes or sizes).split(",") if x.strip()]

    # Use the heuristic alone for the score and speed runs when the CLI has --solver.
    help_text = subprocess.run([ARGS.bin, "solve", "--help"], capture_output=True, text=True)
    heur = ["--solver", "heuristic"] if "--solver" in help_text.stdout + help_text.stderr else []

    cmd = " ".join(shlex.quote(x) for x in ["python3", os.path.relpath(sys.argv[0], ROOT)] + sys.argv[1:])
    mach = machine()
    head, dirty = git_state()
    started = datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M")
    rows = []
    for n in sizes:
        rows.append(bench_size(n, L, heur))
    finished = datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M")
    text = report(rows, L, cmd, mach, head, dirty, started, finished)
    os.makedirs(os.path.dirname(os.path.abspath(ARGS.out)), exist_ok=True)
    with open(ARGS.out, "w", encoding="utf-8") as f:
        f.write(text)
    print(text)
    return 0


ARGS = None
RSS_METHOD = ""

if __name__ == "__main__":
    sys.exit(main())
