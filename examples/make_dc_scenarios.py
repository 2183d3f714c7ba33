#!/usr/bin/env python3
"""Writes three Dynamic Coalition scenarios derived from examples/dc-joint.json.

Run from the repository root:  python3 examples/make_dc_scenarios.py

Python 3 standard library only; no randomness, so running it again writes the same bytes.
Each scenario keeps everything of dc-joint.json (days, rooms with the three bilateral rooms,
people, the 29 coalitions, the DC main session, the coalitions' annual meetings in bilateral
rooms and the 20 workshops) and replaces only its ten joint DC sessions:

  dc-individual.json    one 60-minute dc_session per coalition (29)
  dc-joint10.json       ten 90-minute joint sessions covering every coalition
  dc-consolidated.json  one 180-minute session of all coalitions

so 'igfsched compare' measures the DC session format alone. How each session is built:

- individual: the coalition's coordinators (the people of its annual meeting; the first is
  the organiser), its theme, its first two topics as tags, attendance 3 x the annual
  meeting's (invented), requires hybrid.
- joint10: dc-joint.json's ten groupings, which join coalitions of related topics. Two
  coalitions are in none of them (DCE and DC-Interplanetary); each joins the grouping whose
  coalitions' topics share the most words with its own, each shared word weighted by its
  inverse frequency over all coalitions' topics, plus 1 when the grouping has its theme
  (ties: the smaller grouping, then the earlier). The joiner adds its group, its first
  coordinator as a speaker, its first topic as a tag, and 3 x its annual meeting's
  attendance; themes stay the first two of the members'.
- consolidated: every coalition's group, every first coordinator (the first coalition's is
  the organiser), every first topic as a tag, the two themes most coalitions have (ties in
  the groups' order), attendance a third of the joint sessions' total (invented).
"""

import json
import math
import os
import re
import sys
from collections import Counter, OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from make_examples import dump  # noqa: E402  (the same file layout as the other examples)

SOURCE = "dc-joint.json"
STOP = {"and", "of", "the", "for", "on", "in", "to", "a", "by", "with"}


def words(topics):
    out = set()
    for t in topics:
        out.update(w for w in re.split(r"[^a-z0-9]+", t.lower().replace("'s", "")) if len(w) > 1 and w not in STOP)
    return out


def with_fields(base, **changes):
    """A copy of a session with some fields replaced, keeping the key order of session()."""
    order = ("id", "title", "type", "duration", "themes", "tags", "people", "groups", "attendance", "requires")
    s = OrderedDict()
    for k in order:
        v = changes.get(k, base.get(k))
        if v not in (None, [], {}):
            s[k] = v
    return s


def first_two_themes(groups, theme_of):
    themes = []
    for g in groups:
        if theme_of[g] not in themes:
            themes.append(theme_of[g])
    return themes[:2]


def derive(src):
    groups = src["groups"]
    sessions = src["sessions"]
    dc_main = [s for s in sessions if s["type"] == "dc_main"]
    joints = [s for s in sessions if s["type"] == "dc_joint"]
    rest = [s for s in sessions if s["type"] not in ("dc_main", "dc_joint")]
    annual = {s["groups"][0]: s for s in sessions if s["type"] == "bilateral"}
    topic = {g["id"]: g["topics"] for g in groups}
    theme_of = {g: annual[g]["themes"][0] for g in annual}
    acronym = {g: annual[g]["title"].replace(" annual meeting", "") for g in annual}
    assert len(annual) == len(groups) == 29, "dc-joint.json should have 29 coalitions with annual meetings"

    # ---- individual
    individual = []
    for i, g in enumerate(groups, 1):
        gid = g["id"]
        t0 = g["topics"][0]
        individual.append(OrderedDict([
            ("id", "dc-%02d" % i),
            ("title", "%s: %s \u2013 DC session" % (acronym[gid], t0[0].upper() + t0[1:])),
            ("type", "dc_session"),
            ("duration", 60),
            ("themes", [theme_of[gid]]),
            ("tags", list(g["topics"][:2])),
            ("people", annual[gid]["people"]),
            ("groups", [gid]),
            ("attendance", 3 * annual[gid]["attendance"]),
            ("requires", ["hybrid"]),
        ]))

    # ---- joint10
    df = Counter(w for g in groups for w in words(g["topics"]))
    idf = {w: math.log(len(groups) / n) for w, n in df.items()}
    members = [list(j["groups"]) for j in joints]
    added = {k: [] for k in range(len(joints))}
    placed = {g for m in members for g in m}
    for g in groups:
        gid = g["id"]
        if gid in placed:
            continue
        mine = words(g["topics"])

        def affinity(k):
            theirs = set().union(*(words(topic[m]) for m in members[k]))
            score = sum(idf[w] for w in mine & theirs)
            score += 1.0 if any(theme_of[m] == theme_of[gid] for m in members[k]) else 0.0
            return (-round(score, 9), len(members[k]), k)

        best = min(range(len(joints)), key=affinity)
        members[best].append(gid)
        added[best].append(gid)
    joint10 = []
    for k, j in enumerate(joints):
        people = list(j["people"])
        tags = list(j["tags"])
        attendance = j["attendance"]
        for gid in added[k]:
            people.append({"id": annual[gid]["people"][0]["id"], "role": "speaker"})
            if topic[gid][0] not in tags:
                tags.append(topic[gid][0])
            attendance += 3 * annual[gid]["attendance"]
        joint10.append(with_fields(j, themes=first_two_themes(members[k], theme_of), tags=tags, people=people,
                                   groups=members[k], attendance=attendance))

    # ---- consolidated
    counts = Counter(theme_of[g["id"]] for g in groups)
    order = []
    for g in groups:
        if theme_of[g["id"]] not in order:
            order.append(theme_of[g["id"]])
    top = sorted(order, key=lambda t: (-counts[t], order.index(t)))[:2]
    everyone, tags = [], []
    for g in groups:
        pid = annual[g["id"]]["people"][0]["id"]
        if all(r["id"] != pid for r in everyone):
            everyone.append({"id": pid, "role": "organiser" if not everyone else "speaker"})
        if g["topics"][0] not in tags:
            tags.append(g["topics"][0])
    consolidated = [OrderedDict([
        ("id", "dc-all"),
        ("title", "Dynamic Coalitions: all coalitions in one session"),
        ("type", "dc_joint"),
        ("duration", 180),
        ("themes", top),
        ("tags", tags),
        ("people", everyone),
        ("groups", [g["id"] for g in groups]),
        ("attendance", sum(s["attendance"] for s in joint10) // 3),
        ("requires", ["hybrid"]),
    ])]

    out = OrderedDict()
    for name, label, dc in (("dc-individual.json", "29 individual DC sessions", individual),
                            ("dc-joint10.json", "10 joint DC sessions", joint10),
                            ("dc-consolidated.json", "one consolidated DC session", consolidated)):
        p = OrderedDict()
        for k, v in src.items():
            if k == "_note":
                v = ("Derived from dc-joint.json by examples/make_dc_scenarios.py: its DC sessions replaced by %s. "
                     "Coalition names and topics are public facts; everything else is invented. "
                     "See examples/README.md." % label)
            elif k == "meeting":
                v = OrderedDict(v)
                v["name"] = "%s \u2013 %s" % (v["name"], label)
            elif k == "sessions":
                v = dc_main + dc + rest
            p[k] = v
        out[name] = p
    return out, added


def main():
    with open(os.path.join(HERE, SOURCE), encoding="utf-8") as f:
        src = json.load(f, object_pairs_hook=OrderedDict)
    out, added = derive(src)
    for name, problem in out.items():
        dump(problem, os.path.join(HERE, name))
        by_type = Counter(s["type"] for s in problem["sessions"])
        minutes = sum(s["duration"] for s in problem["sessions"])
        print("examples/%s: %d sessions (%s), %d min" % (
            name, len(problem["sessions"]), ", ".join("%d %s" % (n, t) for t, n in sorted(by_type.items())), minutes))
    for k, gids in sorted(added.items()):
        if gids:
            print("  joint-%02d also joins %s" % (k + 1, ", ".join(gids)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
