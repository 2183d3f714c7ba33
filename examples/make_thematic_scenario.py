#!/usr/bin/env python3
"""Writes examples/igf-thematic.json: examples/igf-like.json run as thematic tracks.

Run from the repository root:  python3 examples/make_thematic_scenario.py

Python 3 standard library only; no randomness, so running it again writes the same bytes.
Everything of igf-like.json is kept; two things change:

- meeting.thematic_rooms is true: the sessions starting in one room within one slot of a day
  share their first theme, so someone following a theme stays in one room for the block;
- every slot gets a name, "<day label> block <n>" (the slots of days that list none are
  meeting.slots, written out per day), so schedules and messages name the block.
"""

import json
import os
import sys
from collections import OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from make_examples import dump  # noqa: E402  (the same file layout as the other examples)

SOURCE = "igf-like.json"
TARGET = "igf-thematic.json"


def main():
    with open(os.path.join(HERE, SOURCE), encoding="utf-8") as f:
        p = json.load(f, object_pairs_hook=OrderedDict)
    p["_note"] = ("igf-like.json as thematic tracks (meeting.thematic_rooms) with named slots; "
                  "written by examples/make_thematic_scenario.py")
    meeting = p["meeting"]
    meeting["name"] = meeting["name"] + ", thematic tracks"
    meeting["thematic_rooms"] = True
    default = meeting.get("slots", [])
    for day in p["days"]:
        label = day.get("label", day["date"])
        slots = day.get("slots", default)
        day["slots"] = [OrderedDict([("name", "%s block %d" % (label, i + 1)), ("time", s)])
                        for i, s in enumerate(slots)]
    dump(p, os.path.join(HERE, TARGET))
    print("%s: %d days, %d slots named, %d sessions" % (
        TARGET, len(p["days"]), sum(len(d["slots"]) for d in p["days"]), len(p["sessions"])))


if __name__ == "__main__":
    main()
