#!/usr/bin/env python3
"""Randomized cross-check of 'igfsched cosplib-eval' against the independent evaluate.py.

usage: cosplib_crosscheck.py IGFSCHED [SHARED_DATA] [--cases-per-instance N] [--seed S]

The CoSPLib data set is third-party and not in the repository: it is SHARED_DATA/cosplib, where
SHARED_DATA is $IGS_SHARED_DATA when set, else the argument, else ../shared/data beside the
repository. Without it the check is skipped (exit 77, the reason on standard output).

For every instance of the data set (and a copy of each with random time zones, clock times and room
penalties, so that those terms are exercised beyond GECCO21), starts from the published schedules, a greedy
schedule and a random one, applies random perturbations (moves, swaps, removed and duplicated
submissions, emptied or re-tracked cells, random track layers) and requires both evaluators
to give the same objective, flags, structural term and every component count. The C exit code
must be 0 exactly when the schedule is feasible and valid.
"""

import argparse
import copy
import importlib.util
import json
import os
import random
import subprocess
import sys
import tempfile
import time


def load_reference(data_dir):
    spec = importlib.util.spec_from_file_location("cosplib_evaluate", os.path.join(data_dir, "evaluate.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class Grid:
    """A schedule as two dicts: tracks[(s, r)] = t and slots[(s, r, k)] = u (indices)."""

    def __init__(self, inst):
        self.inst = inst
        self.tracks = {}
        self.slots = {}

    def free_slots(self):
        inst = self.inst
        return [(s, r, k) for s in range(len(inst.sessions)) for r in range(len(inst.rooms))
                for k in range(inst.slots[s]) if (s, r, k) not in self.slots]

    def entries_of(self, u):
        return [key for key, v in self.slots.items() if v == u]

    def to_json(self):
        inst = self.inst
        return {
            "format": "cosplib-solution/1",
            "instance": inst.name,
            "tracks": [{"session": inst.sessions[s], "room": inst.rooms[r], "track": inst.tracks[t]}
                       for (s, r), t in sorted(self.tracks.items())],
            "assignments": [{"submission": inst.subs[u], "session": inst.sessions[s], "room": inst.rooms[r],
                             "timeslot": k} for (s, r, k), u in sorted(self.slots.items())],
        }


def from_json(inst, sol):
    g = Grid(inst)
    for e in sol["tracks"]:
        g.tracks[(inst.si[e["session"]], inst.ri[e["room"]])] = inst.ti[e["track"]]
    for e in sol["assignments"]:
        g.slots[(inst.si[e["session"]], inst.ri[e["room"]], e["timeslot"])] = inst.ui[e["submission"]]
    return g


def greedy(inst):
    """Each track in one room, its submissions in consecutive slots, blocks in list order."""
    g = Grid(inst)
    nS, nR = len(inst.sessions), len(inst.rooms)
    by_track = [[] for _ in inst.tracks]
    for u, t in enumerate(inst.sub_track):
        by_track[t].append(u)
    for t, items in enumerate(by_track):
        r = t % nR
        s, k = 0, 0
        for u in items:
            while s < nS and (k + inst.req[u] > inst.slots[s] or inst_cell_taken(g, s, r, t)):
                s, k = s + 1, 0
            if s == nS:
                break
            g.tracks[(s, r)] = t
            for j in range(inst.req[u]):
                g.slots[(s, r, k + j)] = u
            k += inst.req[u]
    return g


def inst_cell_taken(g, s, r, t):
    return g.tracks.get((s, r), t) != t


def random_grid(inst, rng):
    g = Grid(inst)
    for s in range(len(inst.sessions)):
        for r in range(len(inst.rooms)):
            if rng.random() < 0.8:
                g.tracks[(s, r)] = rng.randrange(len(inst.tracks))
    free = g.free_slots()
    rng.shuffle(free)
    for u in range(len(inst.subs)):
        for _ in range(inst.req[u]):
            if free and rng.random() < 0.95:
                g.slots[free.pop()] = u
    return g


def place_block(g, u, rng):
    """Puts u's req slots consecutively into one random cell with room for them, if any."""
    inst = g.inst
    cells = [(s, r, k) for s in range(len(inst.sessions)) for r in range(len(inst.rooms))
             for k in range(inst.slots[s] - inst.req[u] + 1)
             if all((s, r, k + j) not in g.slots for j in range(inst.req[u]))]
    if not cells:
        return False
    s, r, k = rng.choice(cells)
    for j in range(inst.req[u]):
        g.slots[(s, r, k + j)] = u
    if rng.random() < 0.7:
        g.tracks[(s, r)] = inst.sub_track[u]
    return True


def perturb(g, rng):
    inst = g.inst
    nU, nT = len(inst.subs), len(inst.tracks)
    kind = rng.choice(["move", "move_scatter", "swap_entries", "swap_items", "remove", "remove_one",
                       "duplicate", "empty_cell", "clear_cell", "retrack", "random_layer"])
    if kind in ("move", "move_scatter"):
        u = rng.randrange(nU)
        for key in g.entries_of(u):
            del g.slots[key]
        if kind == "move" and place_block(g, u, rng):
            return kind
        free = g.free_slots()
        for key in rng.sample(free, min(len(free), inst.req[u])):
            g.slots[key] = u
    elif kind == "swap_entries" and len(g.slots) >= 2:
        a, b = rng.sample(sorted(g.slots), 2)
        g.slots[a], g.slots[b] = g.slots[b], g.slots[a]
    elif kind == "swap_items":
        u, v = rng.randrange(nU), rng.randrange(nU)
        eu, ev = g.entries_of(u), g.entries_of(v)
        for key in eu:
            g.slots[key] = v
        for key in ev:
            g.slots[key] = u
    elif kind == "remove":
        for key in g.entries_of(rng.randrange(nU)):
            del g.slots[key]
    elif kind == "remove_one" and g.slots:
        del g.slots[rng.choice(sorted(g.slots))]
    elif kind == "duplicate":
        u = rng.randrange(nU)
        free = g.free_slots()
        for key in rng.sample(free, min(len(free), rng.randint(1, inst.req[u]))):
            g.slots[key] = u
    elif kind in ("empty_cell", "clear_cell") and g.tracks:
        s, r = rng.choice(sorted(g.tracks))
        del g.tracks[(s, r)]
        if kind == "clear_cell":
            for k in range(inst.slots[s]):
                g.slots.pop((s, r, k), None)
    elif kind == "retrack":
        s, r = rng.randrange(len(inst.sessions)), rng.randrange(len(inst.rooms))
        g.tracks[(s, r)] = rng.randrange(nT)
    elif kind == "random_layer":
        for s in range(len(inst.sessions)):
            for r in range(len(inst.rooms)):
                if rng.random() < 0.3:
                    if rng.random() < 0.2:
                        g.tracks.pop((s, r), None)
                    else:
                        g.tracks[(s, r)] = rng.randrange(nT)
    return kind


def varied(inst_json, rng):
    """A copy with random presenter zones, local zone and clock times (some past midnight), and
    room penalties on some submissions (no published instance has any)."""
    d = copy.deepcopy(inst_json)
    d["parameters"]["local_utc_offset_hours"] = rng.randint(-12, 12)
    for s in d["sessions"]:
        a = rng.randrange(0, 24 * 60, 10)
        b = (a + rng.choice([40, 60, 80, 90, 120])) % (24 * 60)
        s["start"], s["end"] = "%02d:%02d" % divmod(a, 60), "%02d:%02d" % divmod(b, 60)
    for u in d["submissions"]:
        u["utc_offset_hours"] = rng.randint(-12, 12)
        if rng.random() < 0.3:
            u["room_penalties"] = {r: rng.choice([1, 10, 1000]) for r in rng.sample(d["rooms"], 2)}
    return d


def compare(binary, inst_path, sol_path, ref):
    p = subprocess.run([binary, "cosplib-eval", inst_path, sol_path, "--json"], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        return "exit %d: %s" % (p.returncode, p.stderr.strip())
    c = json.loads(p.stdout)
    for key in ("objective", "feasible", "valid", "structural_penalty", "components"):
        if c[key] != ref[key]:
            return "%s: C %s, reference %s" % (key, json.dumps(c[key]), json.dumps(ref[key]))
    want = 0 if ref["feasible"] and ref["valid"] else 1
    if p.returncode != want:
        return "exit %d, expected %d" % (p.returncode, want)
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("binary")
    ap.add_argument("shared_data", nargs="?",
                    default=os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                                         "shared", "data"))
    ap.add_argument("--cases-per-instance", type=int, default=80)
    ap.add_argument("--seed", type=int, default=20261123)
    args = ap.parse_args()
    args.data_dir = os.path.join(os.environ.get("IGS_SHARED_DATA") or args.shared_data, "cosplib")
    if not os.path.isfile(os.path.join(args.data_dir, "evaluate.py")):
        print("cosplib crosscheck: skipped: no CoSPLib data set at %s (put it at ../shared/data/cosplib beside the "
              "repository, or set IGS_SHARED_DATA to the folder holding cosplib/)" % args.data_dir)
        return 77
    ev = load_reference(args.data_dir)
    rng = random.Random(args.seed)
    t0 = time.time()
    names = sorted(f[:-5] for f in os.listdir(args.data_dir) if f.endswith(".json"))
    total, failures, flags, nonzero = 0, [], {}, set()
    with tempfile.TemporaryDirectory(prefix="igs-cosplib-") as tmp:
        for name in names:
            with open(os.path.join(args.data_dir, name + ".json"), encoding="utf-8") as f:
                inst_json = json.load(f)
            variants = [(name, os.path.join(args.data_dir, name + ".json"), inst_json)]
            other = varied(inst_json, rng)
            other_path = os.path.join(tmp, name + ".varied.json")
            with open(other_path, "w", encoding="utf-8") as f:
                json.dump(other, f)
            variants.append((name + "+varied", other_path, other))
            for label, inst_path, d in variants:
                inst = ev.Instance(d)
                bases = [greedy(inst), random_grid(inst, rng)]
                sol_dir = os.path.join(args.data_dir, "solutions")
                for f in sorted(os.listdir(sol_dir)):
                    if f.startswith(name + "."):
                        with open(os.path.join(sol_dir, f), encoding="utf-8") as fh:
                            bases.append(from_json(inst, json.load(fh)))
                n = args.cases_per_instance if label == name else args.cases_per_instance // 4
                for case in range(n):
                    g = copy.deepcopy(bases[case % len(bases)])
                    kinds = [perturb(g, rng) for _ in range(rng.choice([0, 1, 1, 2, 3, 5]))]
                    sol = g.to_json()
                    sol_path = os.path.join(tmp, "sol.json")
                    with open(sol_path, "w", encoding="utf-8") as f:
                        json.dump(sol, f)
                    ref = ev.evaluate(inst, *ev.load_solution(inst, sol))
                    nonzero |= {c for c, v in ref["components"].items() if v["count"]}
                    if ref["structural_penalty"]:
                        nonzero.add("structural")
                    key = (ref["feasible"], ref["valid"])
                    flags[key] = flags.get(key, 0) + 1
                    msg = compare(args.binary, inst_path, sol_path, ref)
                    total += 1
                    if msg:
                        kept = os.path.join(tempfile.gettempdir(), "igs-cosplib-fail-%s-%d.json" % (label, case))
                        with open(kept, "w", encoding="utf-8") as f:
                            json.dump(sol, f)
                        failures.append("%s case %d (%s): %s; solution kept in %s"
                                        % (label, case, ", ".join(kinds) or "unchanged", msg, kept))
    for f in failures[:20]:
        print("MISMATCH", f)
    print("cosplib crosscheck: %d cases over %d instances (and a variant of each with other zones, times and room penalties), %d mismatches, %.1f s; "
          "feasible&valid %d, infeasible %d, invalid %d; non-zero in some case: %d of the 16 components%s"
          % (total, len(names), len(failures), time.time() - t0, flags.get((True, True), 0),
             sum(v for (fe, _), v in flags.items() if not fe), sum(v for (_, va), v in flags.items() if not va),
             len(nonzero - {"structural"}), " and the structural term" if "structural" in nonzero else ""))
    return 1 if failures or total == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
