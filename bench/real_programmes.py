#!/usr/bin/env python3
"""Whole real programmes: each published frab schedule of a folder against igfsched's re-solve.

    python3 bench/real_programmes.py [--bin build/igfsched] [--data DIR] [--seed 1]
                                     [--short 10] [--long 60] [--thematic NAME ...]

For every DIR/*.xml (default ../shared/data/programmes beside the repository root, or
$IGS_SHARED_DATA/programmes): `igfsched import-frab` into bench/out/real/ with its real
schedule (--thematic-rooms for the programmes named by --thematic, default those whose file
name starts with "fosdem": the developer rooms each hold a track; those are also re-solved
without the rule, to show what it costs, and with --used-hours, rooms kept to the hours the
programme used them), then `igfsched solve` of the
same sessions in the same rooms and days with --time-limit --short and --long (fixed seed, the
default move budget of 2,000,000, over which the annealing cools: a run ends at whichever
comes first, as a user's `solve` does), and both schedules scored with `igfsched evaluate --json`. Per programme: events
read and kept, sessions placed, hard violations by kind (the real programme's are the data's
own), same-track pairs in parallel, person clashes, worst and mean per-track attendable share,
room-hours (per room and day, first start to last end), time to the first complete schedule
(the constructive start's first pass when it places everything, else the solver's
once-a-second progress lines of the long run),
the score at both limits, and each solve's peak memory (the child's own maxrss). Writes Markdown
to bench/results/real_programmes.md. Python standard library only; run from the repository root.
"""
import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, ok=(0,)):
    """Runs cmd; returns (stdout, stderr)."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = p.communicate()
    if p.returncode not in ok:
        sys.exit("real_programmes: %s exited %d:\n%s" % (" ".join(cmd), p.returncode, err[-3000:]))
    return out, err


def timed(cmd, ok=(0, 1)):
    """Runs cmd as its own child and reads that child's rusage: (stderr, wall s, cpu s, peak MB)."""
    t0 = datetime.datetime.now()
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        errf = os.open(cmd_log(cmd), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(errf, 2)
        try:
            os.execv(cmd[0], cmd)
        finally:
            os._exit(127)
    _, status, ru = os.wait4(pid, 0)
    wall = (datetime.datetime.now() - t0).total_seconds()
    code = os.waitstatus_to_exitcode(status)
    err = open(cmd_log(cmd)).read()
    if code not in ok:
        sys.exit("real_programmes: %s exited %d:\n%s" % (" ".join(cmd), code, err[-3000:]))
    return err, wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0


def cmd_log(cmd):
    return cmd[cmd.index("-o") + 1] + ".log"


def minutes(hhmm):
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def spans(problem, schedule):
    """session -> (day, start, end, room) of a schedule file."""
    dur = {s["id"]: s["duration"] for s in problem["sessions"]}
    return {a["session"]: (a["day"], minutes(a["start"]), minutes(a["start"]) + dur[a["session"]], a["room"])
            for a in schedule["assignments"]}


def same_track_parallel(problem, sp):
    theme = {s["id"]: set(s.get("themes", [])) for s in problem["sessions"]}
    by_day = {}
    for sid, x in sp.items():
        by_day.setdefault(x[0], []).append((x[1], x[2], sid))
    n = 0
    for items in by_day.values():
        items.sort()
        for i, (a0, a1, a) in enumerate(items):
            for b0, b1, b in items[i + 1:]:
                if b0 >= a1:
                    break
                if theme[a] & theme[b]:
                    n += 1
    return n


def room_hours(sp):
    env = {}
    for day, start, end, room in sp.values():
        k = (day, room)
        lo, hi = env.get(k, (start, end))
        env[k] = (min(lo, start), max(hi, end))
    return sum(hi - lo for lo, hi in env.values()) / 60.0


def measures(problem, schedule, report):
    sp = spans(problem, schedule)
    kinds = {}
    for v in report["violations"]:
        kinds[v["kind"]] = kinds.get(v["kind"], 0) + 1
    worst = report.get("worst_theme_share") or {}
    return {
        "placed": report["scheduled"],
        "hard": report["hard_violations"],
        "kinds": kinds,
        "same_track": same_track_parallel(problem, sp),
        "person": kinds.get("person_clash", 0),
        "worst": worst.get("share"),
        "worst_theme": worst.get("theme"),
        "mean": report.get("mean_theme_share"),
        "room_hours": room_hours(sp),
        "score": report["total"],
    }


PROGRESS = re.compile(r"^local:\s+([0-9.]+) s .* best ([0-9.e+-]+)( \((\d+) required unplaced\))?")


def first_complete(log):
    """Seconds of the first progress line whose best schedule places every required session."""
    for line in log.splitlines():
        m = PROGRESS.match(line)
        if m and not m.group(3):
            return float(m.group(1))
    return None


def mode_label(thematic, used):
    return " (%s)" % " ".join(o for o, on in (("--thematic-rooms", thematic), ("--used-hours", used)) if on) \
        if thematic or used else ""


def pct(x):
    return "-" if x is None else "%.1f %%" % (100 * x)


def kinds_text(k):
    return ", ".join("%s %d" % kv for kv in sorted(k.items())) or "none"


def main():
    shared = os.environ.get("IGS_SHARED_DATA") or os.path.join(os.path.dirname(ROOT), "shared", "data")
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "igfsched"))
    ap.add_argument("--data", default=os.path.join(shared, "programmes"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--short", type=float, default=10)
    ap.add_argument("--long", type=float, default=60)
    ap.add_argument("--thematic", nargs="*", default=None,
                    help="programmes (file names without .xml) imported with --thematic-rooms")
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results", "real_programmes.md"))
    a = ap.parse_args()
    if not os.path.isdir(a.data):
        sys.exit("real_programmes: no folder %s (third-party data, not committed: put the programmes at "
                 "../shared/data/programmes beside the repository root, or set IGS_SHARED_DATA or --data)" % a.data)
    work = os.path.join(ROOT, "bench", "out", "real")
    os.makedirs(work, exist_ok=True)
    t_start = datetime.datetime.now(datetime.timezone.utc)
    rows, notes = [], []
    jobs = []
    for f in sorted(x for x in os.listdir(a.data) if x.endswith(".xml")):
        name = f[:-4]
        thematic = name in a.thematic if a.thematic is not None else name.startswith("fosdem")
        # A thematic programme is also re-solved without the rule (what the rule costs) and with
        # its rooms kept to the hours the programme used them (a tighter packing).
        jobs += [(f, name, True, False), (f, name, False, False), (f, name, True, True)] if thematic \
            else [(f, name, False, False)]
    for f, name, thematic, used in jobs:
        tag = name + ("-thematic" if thematic else "") + ("-used-hours" if used else "")
        prob, real = os.path.join(work, tag + ".json"), os.path.join(work, tag + ".real.json")
        _, err = run([a.bin, "import-frab", os.path.join(a.data, f), "-o", prob, "--real-schedule", real]
                     + (["--thematic-rooms"] if thematic else []) + (["--used-hours"] if used else []))
        summary = [l for l in err.splitlines() if " events read, " in l][0].split(": ", 1)[1]
        flaws = [l.strip() for l in err.splitlines() if l.startswith("  kept with a warning")][0]
        notes.append("- `%s`%s: %s; %s" % (name, mode_label(thematic, used), summary,
                                          flaws.replace("kept with a warning: ", "kept with a warning: ")))
        problem = json.load(open(prob))
        # Time to the first complete schedule: the constructive start's first pass alone
        # (--moves 0 --time-limit 0, as bench/scaling.py measures it) when it places every
        # session; else the local search's first progress line that does.
        first_out = os.path.join(work, "%s.first.json" % tag)
        timed([a.bin, "solve", prob, "--solver", "heuristic", "--moves", "0", "--time-limit", "0", "-o", first_out])
        fj = json.load(open(first_out))
        first = ("%.2f s (constructive start)" % fj["solver"]["elapsed_s"]) if not fj["unscheduled"] else None
        solved = {}
        for limit in (a.short, a.long):
            out = os.path.join(work, "%s.%gs.json" % (tag, limit))
            log, wall, cpu, peak = timed([a.bin, "solve", prob, "--seed", str(a.seed), "--time-limit", str(limit),
                                          "--verbose", "1", "-o", out])
            solved[limit] = (out, log, wall, cpu, peak)
        reports = {}
        for label, path in (("real", real), ("short", solved[a.short][0]), ("long", solved[a.long][0])):
            rep = os.path.join(work, "%s.%s.report.json" % (tag, label))
            run([a.bin, "evaluate", prob, path, "--json", "-o", rep], ok=(0, 1))
            reports[label] = measures(problem, json.load(open(path)), json.load(open(rep)))
        r, s, l = reports["real"], reports["short"], reports["long"]
        if first is None:
            t = first_complete(solved[a.long][1])
            first = "-" if t is None else "by %.1f s (local search, %d left by the start)" % (t, len(fj["unscheduled"]))
        rows.append({
            "name": name + mode_label(thematic, used),
            "sessions": len(problem["sessions"]), "rooms": len(problem["rooms"]), "days": len(problem["days"]),
            "real": r, "short": s, "long": l, "first": first,
            "peak": max(solved[a.short][4], solved[a.long][4]),
            "cpu_long": solved[a.long][3], "wall_long": solved[a.long][2],
            "status": "%s, %d moves" % (json.load(open(solved[a.long][0]))["solver"]["status"],
                                        json.load(open(solved[a.long][0]))["solver"]["effort"]),
        })

    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    lg = "%gs" % a.long
    sh = "%gs" % a.short
    lines = [
        "# Whole real programmes: the published schedule against igfsched",
        "",
        "- command: `python3 bench/real_programmes.py --seed %d --short %g --long %g`" % (a.seed, a.short, a.long),
        "- machine: %d CPUs, %s; Python %s; run %s (UTC). The machine is shared (other builds and "
        "benchmarks ran beside this one): times are wall-clock under load, so compare the ratios to the "
        "real programme, not the seconds." % (os.cpu_count() or 0, platform.platform(), platform.python_version(),
                                              t_start.strftime("%Y-%m-%d %H:%M")),
        "- source: commit %s%s; binary `%s`; data: `%s`" % (commit, " plus uncommitted changes" if dirty else "",
                                                          os.path.relpath(a.bin, ROOT), a.data),
        "- real = the programme as published (`import-frab --real-schedule`); igfsched = `solve` of the same "
        "sessions in the same rooms on the same days (each room open all day on the days the programme used it), seed %d, `--time-limit` %s and %s with the default "
        "move budget (2,000,000 moves, the annealing cooling over them; a run ends at the budget or the "
        "limit, whichever comes first)." % (a.seed, sh, lg),
        "",
        "| programme | sessions / rooms / days | placed (real / %s) | hard violations: real (the data's own) / %s |"
        " same-track pairs in parallel (real / %s / %s) | person clashes (real / %s) |"
        " worst per-track share (real / %s) | mean per-track share (real / %s) | room-hours (real / %s) |"
        " first complete schedule | score (real / %s / %s) | peak memory |" % (lg, lg, sh, lg, lg, lg, lg, lg, sh, lg),
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for w in rows:
        r, s, l = w["real"], w["short"], w["long"]
        lines.append("| %s | %d / %d / %d | %d / %d | %d (%s) / %d (%s) | %d / %d / %d | %d / %d | %s / %s | %s / %s |"
                     " %.1f / %.1f | %s | %.1f / %.1f / %.1f | %.0f MB |" % (
                         w["name"], w["sessions"], w["rooms"], w["days"], r["placed"], l["placed"],
                         r["hard"], kinds_text(r["kinds"]), l["hard"], kinds_text(l["kinds"]),
                         r["same_track"], s["same_track"], l["same_track"], r["person"], l["person"],
                         pct(r["worst"]), pct(l["worst"]), pct(r["mean"]), pct(l["mean"]),
                         r["room_hours"], l["room_hours"],
                         w["first"],
                         r["score"], s["score"], l["score"], w["peak"]))
    lines += ["", "Imports (events read, kept, left out and why; flaws kept with a warning):", ""] + notes + [
        "",
        "First complete schedule (solver wall time, under load): the constructive start's first pass "
        "(`solve --solver heuristic --moves 0 --time-limit 0`) when it places every session, else the "
        "first once-a-second progress line of the %s run whose best schedule does. The %s runs took %s." % (
            lg, lg, ", ".join("%s %.0f s wall / %.0f s CPU" % (w["name"], w["wall_long"], w["cpu_long"]) for w in rows)),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out + ".tmp", "w") as fo:
        fo.write(text)
    os.replace(a.out + ".tmp", a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
