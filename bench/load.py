#!/usr/bin/env python3
"""Load benchmark: how long `igfsched check` takes on large problems with long descriptions.

    python3 bench/load.py [--sizes 10000,50000] [--words 100] [--seed 1]
                          [--bin build/igfsched] [--old /tmp/igfsched-old] [--old-label old]
                          [--limit 5] [--timeout 600]
                          [--workdir bench/out/load] [--out bench/results/load.md]

For every size N it generates an IGF-like problem with bench/gen_igf.py (fixed seed), then
gives every session a description of --words words (gen_igf.py writes titles only), drawn
from a vocabulary of 20,000 invented words with Zipf-like frequencies (exponent 1, as in
English text), seeded, so the same options give the same file; one session in 100 is then
made a resubmission of an earlier one (its description with a fifth of the words redrawn,
its themes and tags), a near-duplicate pair the load must find. Then it times
`igfsched check FILE` for each binary given (--bin, and --old when it exists), one after
another in one run, each a fresh process: wall and CPU time (user + system: the one to
compare on a shared machine), peak RSS (wait4's ru_maxrss) and exit
code; a run past --timeout is killed and reported as such. Loading includes the
near-duplicate pair search (model/similarity.c), which is what long descriptions stress; for
the new binary, `igfsched duplicates --top 0 --json` then counts how many of the planted
pairs are found, and all pairs at the default threshold.
Then, unless --limit is 0, it times `igfsched solve FILE --time-limit LIMIT -o OUT.json` for
each binary the same way (the whole process against the limit it was given) and reads the
schedule: its status, the sessions placed, and those left out because the time ran out
during the constructive start.
Prints the Markdown report and writes it to --out. Python 3 standard library only; Linux.
"""

import argparse
import bisect
import datetime
import json
import os
import random
import resource
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from scaling import machine  # noqa: E402  the one description of the machine, as scaling.py reports it
VOCABULARY = 20000


def word(k):
    """The k-th invented word: letters only, never a stop word (every one ends in a consonant
    pair no English stop word has)."""
    letters = "bcdfghjklmnpqrstvwxz"
    vowels = "aeiou"
    s = ""
    while True:
        s += letters[k % 20] + vowels[(k // 20) % 5]
        k //= 100
        if k == 0:
            break
    return s + "nt"


def add_descriptions(path, words, seed):
    with open(path) as f:
        doc = json.load(f)
    rng = random.Random(seed)
    cum, total = [], 0.0
    for r in range(1, VOCABULARY + 1):
        total += 1.0 / r
        cum.append(total)
    vocab = [word(k) for k in range(VOCABULARY)]

    def draw():
        return vocab[min(bisect.bisect_left(cum, rng.random() * total), VOCABULARY - 1)]

    sessions = doc["sessions"]
    planted = []
    for i, s in enumerate(sessions):
        if i >= 100 and i % 100 == 0:
            j = rng.randrange(i)
            o = sessions[j]
            ws = o["description"].split()
            s["description"] = " ".join(draw() if rng.random() < 0.2 else w for w in ws)
            for key in ("themes", "tags"):
                if key in o:
                    s[key] = list(o[key])
                else:
                    s.pop(key, None)
            planted.append((o["id"], s["id"]))
        else:
            s["description"] = " ".join(draw() for _ in range(words))
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    with open(path + ".planted", "w") as f:
        json.dump(planted, f)


def found_pairs(binary, path, timeout):
    """(planted pairs found, planted pairs, all pairs at the default threshold)."""
    with open(path + ".planted") as f:
        planted = {tuple(sorted(p)) for p in json.load(f)}
    try:
        r = subprocess.run([binary, "duplicates", path, "--top", "0", "--json"], capture_output=True, text=True,
                           timeout=timeout)
        d = json.loads(r.stdout)
    except (subprocess.TimeoutExpired, ValueError):
        return None
    got = {tuple(sorted((p["a"], p["b"]))) for p in d["pairs"]}
    return len(planted & got), len(planted), len(got)


def time_run(argv, timeout):
    t0 = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    killed = False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - t0 > timeout:
            proc.send_signal(signal.SIGKILL)
            killed = True
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.05)
    wall = time.monotonic() - t0
    proc.stderr.close()
    rc = os.waitstatus_to_exitcode(status)
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024.0, "rc": rc,
            "killed": killed}


def time_check(binary, path, timeout):
    return time_run([binary, "check", path], timeout)


CUT = "not placed: the time limit ran out during the constructive start"


def time_solve(binary, path, limit, timeout, out):
    if os.path.exists(out):
        os.remove(out)
    r = time_run([binary, "solve", path, "--time-limit", str(limit), "-q", "-o", out], timeout)
    r["status"], r["placed"], r["cut"] = "-", None, None
    try:
        with open(out) as f:
            d = json.load(f)
        r["status"] = d["solver"]["status"]
        r["placed"] = len(d["assignments"])
        r["cut"] = sum(u.get("reason") == CUT for u in d["unscheduled"])
    except (OSError, ValueError, KeyError):
        pass
    return r


def machine_text():
    m = machine()
    return "%s, %s logical CPUs, %s RAM, Linux %s" % (m["cpu"], m["nproc"], m["ram"], m["kernel"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,50000")
    ap.add_argument("--words", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "igfsched"))
    ap.add_argument("--old", default="/tmp/igfsched-old", help="a second binary to compare (skipped when absent)")
    ap.add_argument("--old-label", default="old", help="the second binary's name in the report")
    ap.add_argument("--limit", type=float, default=5, help="solve --time-limit of the solve runs (0: none)")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--workdir", default=os.path.join(ROOT, "bench", "out", "load"))
    ap.add_argument("--out", default=os.path.join(HERE, "results", "load.md"))
    a = ap.parse_args()
    os.makedirs(a.workdir, exist_ok=True)
    binaries = [("new", a.bin)] + ([(a.old_label, a.old)] if a.old and os.path.exists(a.old) else [])
    rows, solves = [], []
    for n in [int(x) for x in a.sizes.split(",")]:
        path = os.path.join(a.workdir, "igf-%d-words%d.json" % (n, a.words))
        if not os.path.exists(path):
            subprocess.run([sys.executable, os.path.join(HERE, "gen_igf.py"), "--sessions", str(n), "--seed",
                            str(a.seed), "-o", path], check=True)
            add_descriptions(path, a.words, a.seed)
        size_mb = os.path.getsize(path) / 1e6
        for name, binary in binaries:
            r = time_check(binary, path, a.timeout)
            r["found"] = found_pairs(binary, path, a.timeout) if name == "new" else None
            rows.append((n, size_mb, name, r))
            print("N=%d %s: %.2f s (CPU %.2f s), %.0f MB, exit %s" % (n, name, r["wall"], r["cpu"], r["rss_mb"],
                                                       "killed" if r["killed"] else r["rc"]), file=sys.stderr)
        for name, binary in binaries if a.limit > 0 else []:
            r = time_solve(binary, path, a.limit, a.timeout, os.path.join(a.workdir, "solve-%d-%s.json" % (n, name)))
            solves.append((n, name, r))
            print("N=%d %s solve --time-limit %g: %.2f s (CPU %.2f s), exit %s, %s" % (
                n, name, a.limit, r["wall"], r["cpu"], "killed" if r["killed"] else r["rc"], r["status"]),
                file=sys.stderr)
    lines = [
        "# Loading large problems: `igfsched check`",
        "",
        "Generated by `python3 bench/load.py --sizes %s --words %d --seed %d --limit %g --timeout %g` on %s (%s)." % (
            a.sizes, a.words, a.seed, a.limit, a.timeout, datetime.date.today().isoformat(), machine_text()),
        "Problems: bench/gen_igf.py, each session given a %d-word description from a Zipf-like"
        " vocabulary of %d invented words. Runs one after another, each a fresh process." % (a.words, VOCABULARY),
        "",
        "| sessions | file MB | binary | wall s | CPU s | peak RSS MB | exit | planted pairs found | pairs >= 0.6 |",
        "|---:|---:|---|---:|---:|---:|---|---:|---:|",
    ]
    for n, size_mb, name, r in rows:
        fp = r["found"]
        lines.append("| %d | %.1f | %s | %s | %.2f | %.0f | %s | %s | %s |" % (
            n, size_mb, name, (">%.0f" % a.timeout) if r["killed"] else "%.2f" % r["wall"], r["cpu"], r["rss_mb"],
            "killed at the timeout" if r["killed"] else r["rc"], "%d of %d" % fp[:2] if fp else "-",
            fp[2] if fp else "-"))
    if solves:
        lines += [
            "",
            "`igfsched solve FILE --time-limit %g -q -o OUT.json`, the whole process:" % a.limit,
            "",
            "| sessions | binary | wall s | CPU s | peak RSS MB | exit | status | placed | left out by the time limit |",
            "|---:|---|---:|---:|---:|---|---|---:|---:|",
        ]
        for n, name, r in solves:
            lines.append("| %d | %s | %s | %.2f | %.0f | %s | %s | %s | %s |" % (
                n, name, (">%.0f" % a.timeout) if r["killed"] else "%.2f" % r["wall"], r["cpu"], r["rss_mb"],
                "killed at the timeout" if r["killed"] else r["rc"], r["status"],
                "-" if r["placed"] is None else r["placed"], "-" if r["cut"] is None else r["cut"]))
    text = "\n".join(lines) + "\n"
    print(text)
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
