#!/usr/bin/env python3
"""The local search's moves per CPU second, one binary against another, and whether they agree.

    python3 bench/move_rate.py PROBLEM BIN [BIN ...] [--moves 1000000,5000000] [--runs 3]
                               [--seed 1] [--workdir /tmp/move_rate]

Each binary runs `solve PROBLEM --solver heuristic --moves N --time-limit 100000 --quiet -o OUT`
at the two budgets N1 < N2, the binaries in turn (A B A B ...), --runs times. The rate is
(N2 - N1) / (user CPU seconds at N2 - at N1), each run's user time from the operating system
(wait4), so everything but the moves (loading, the greedy start, the search's set-up, writing)
cancels and a shared machine's other load counts less than in wall time. Prints each binary's
rates, their median and the rate from the least user time at each budget (the least
disturbed runs), and whether every binary wrote the same schedule (assignments, score)
at each budget. Python 3 standard library only; Linux.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys


def run(binary, problem, moves, seed, out):
    cmd = [binary, "solve", problem, "--solver", "heuristic", "--moves", str(moves), "--time-limit", "100000",
           "--seed", str(seed), "--quiet", "-o", out]
    pid = os.spawnv(os.P_NOWAIT, binary, cmd)
    _, status, ru = os.wait4(pid, 0)
    if status != 0:
        sys.exit("%s exited with status %d" % (" ".join(cmd), status))
    with open(out) as f:
        d = json.load(f)
    return ru.ru_utime, json.dumps([d["assignments"], d["unscheduled"], d["solver"]["objective"]], sort_keys=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("problem")
    ap.add_argument("bins", nargs="+")
    ap.add_argument("--moves", default="1000000,5000000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", default="/tmp/move_rate")
    a = ap.parse_args()
    n1, n2 = (int(x) for x in a.moves.split(","))
    os.makedirs(a.workdir, exist_ok=True)
    rates = {b: [] for b in a.bins}
    users = {b: ([], []) for b in a.bins}
    same = True
    for r in range(a.runs):
        for k, b in enumerate(a.bins):
            u1, s1 = run(b, a.problem, n1, a.seed, os.path.join(a.workdir, "o%d-1.json" % k))
            u2, s2 = run(b, a.problem, n2, a.seed, os.path.join(a.workdir, "o%d-2.json" % k))
            rates[b].append((n2 - n1) / (u2 - u1) / 1e6)
            users[b][0].append(u1)
            users[b][1].append(u2)
            if k == 0:
                ref = (s1, s2)
            elif (s1, s2) != ref:
                same = False
            print("run %d %s: %.3f M moves/s (user %.2f s at %d, %.2f s at %d)" % (r + 1, b, rates[b][-1], u1, n1, u2, n2),
                  file=sys.stderr, flush=True)
    for b in a.bins:
        print("%s: median %.3f M moves/s per CPU second (%s); from the least user times %.3f" %
              (b, statistics.median(rates[b]), ", ".join("%.3f" % x for x in rates[b]),
               (n2 - n1) / (min(users[b][1]) - min(users[b][0])) / 1e6))
    print("same schedules at %d and %d moves: %s" % (n1, n2, "yes" if same else "NO"))


if __name__ == "__main__":
    main()
