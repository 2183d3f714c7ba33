#!/usr/bin/env python3
"""Imports one IGF year's public programme facts into an igfsched problem and its real schedule.

    python3 bench/import_igf_year.py --venue VENUE.json --sessions SESSIONS.json \\
        -o PROBLEM.json --real-schedule REAL.json

Input: the shapes of examples/data/2023-venue.json and 2023-sessions.json (any year). The
problem holds the records that carry at least a day and a start (the sessions the year really
ran); the real schedule places each of them where it ran. Every rule below is also in the
README's "Past-year benchmark" section.

- Days: the venue's days; a day labelled "Day 0" is a pre-event day.
- Time grid: one slot per day from time_grid.earliest_start_observed to latest_end_observed;
  allowed starts: time_grid.observed_start_times plus every record's own start (a real start
  is never moved).
- Rooms: the venue's rooms, id made from the name; capacity where the venue gives one, else
  0 (unknown); "hybrid" when the venue says so; "plenary" for every room whose `use` contains
  "plenary" or "main session" (case-insensitive: "plenary", "main sessions (plenary)",
  "opening/closing, main sessions, ...") and for each room named by --plenary-room NAME (its
  name or an "aka"). When the programme has main sessions or ceremonies and no room is
  plenary, the import stops and says to give --plenary-room.
- Themes: the venue's sub-themes; a record's theme, when it has one.
- People: the speakers (names, ids made from them), so a speaker in two sessions at once is a
  person clash. Organisers are mostly organisations, which do run sessions in parallel: they
  go into the description, not into constraints.
- Types: the record's type mapped to igfsched's (Workshop -> workshop, Main Session -> main,
  ...); a ceremony is "opening" or "closing" by its title; an unknown type keeps its own name
  (the generic rule).
- Duration of a record with a day and start but no duration (a data error): the shortest
  length time_grid.durations_by_type_min gives for its type, else 60 minutes.
- Type rules: a type the real programme ran on Day 0 may run on pre-event days
  (type_rules.T.pre_event_days), since igfsched's generic rule keeps Day 0 for pre-events.
- Room of a record with a day and start but no room: the first room in venue order that has
  the features its type needs and is free for the whole session, given the records with a
  known room and those placed before it (by day, start, id). With none free, the first room
  with the features (the evaluator then reports the clash).
"""
import argparse
import json
import re
import sys

TYPES = {
    "workshop": "workshop", "open forum": "open_forum", "day 0 event": "day0", "town hall": "town_hall",
    "networking session": "networking", "main session": "main", "high-level session": "high_level",
    "dc session": "dc_session", "lightning talk": "lightning", "policy network": "pn",
    "launch & award": "launch_award", "bpf": "bpf", "nri main session": "main", "best practice forum": "bpf",
    "dc main session": "dc_main", "bilateral": "bilateral",
}
PLENARY_TYPES = {"main", "high_level", "opening", "closing", "dc_main"}


class ImportError_(Exception):
    pass


def fail(path, where, what):
    raise ImportError_("%s: %s: %s" % (path, where, what))


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-") or "x"


def minutes(path, where, hhmm):
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", hhmm or "")
    if not m or int(m.group(1)) > 24 or int(m.group(2)) > 59:
        fail(path, where, "%r is not a time; expected \"HH:MM\"" % (hhmm,))
    return int(m.group(1)) * 60 + int(m.group(2))


def hhmm(m):
    return "%02d:%02d" % (m // 60, m % 60)


def need(path, obj, key, where, kind):
    if key not in obj or not isinstance(obj[key], kind):
        fail(path, "%s.%s" % (where, key) if where else key,
             "missing or not a %s" % getattr(kind, "__name__", "value"))
    return obj[key]


def session_type(rec):
    t = (rec.get("type") or "").strip().lower()
    if t == "ceremony":
        title = (rec.get("title") or "").lower()
        return "closing" if "clos" in title else "opening"
    return TYPES.get(t, slug(t).replace("-", "_") or "workshop")


def plenary_use(use):
    """The documented rule: a room is plenary when its use mentions plenary or main sessions."""
    u = (use or "").lower() if isinstance(use, str) else ""
    return "plenary" in u or "main session" in u


def build(venue_path, sessions_path, plenary_rooms=()):
    venue = json.load(open(venue_path, encoding="utf-8"))
    records = json.load(open(sessions_path, encoding="utf-8"))
    if not isinstance(venue, dict):
        fail(venue_path, "(top level)", "expected an object")
    if not isinstance(records, list):
        fail(sessions_path, "(top level)", "expected an array of session records")
    tz = need(venue_path, venue, "timezone", "", str)
    m = re.search(r"UTC\s*([+-])\s*(\d{1,2})(?::(\d{2}))?", tz)
    if not m:
        fail(venue_path, "timezone", "no UTC offset in %r; write e.g. \"Asia/Tokyo (UTC+9)\"" % tz)
    offset = "%s%02d:%s" % (m.group(1), int(m.group(2)), m.group(3) or "00")
    grid = need(venue_path, venue, "time_grid", "", dict)
    first = minutes(venue_path, "time_grid.earliest_start_observed", grid.get("earliest_start_observed"))
    last = minutes(venue_path, "time_grid.latest_end_observed", grid.get("latest_end_observed"))
    starts = {minutes(venue_path, "time_grid.observed_start_times[%d]" % i, s)
              for i, s in enumerate(grid.get("observed_start_times", []))}
    days = need(venue_path, venue, "days", "", list)
    dates = {}
    for i, d in enumerate(days):
        date = need(venue_path, d, "date", "days[%d]" % i, str)
        dates[date] = d.get("label", date)

    rooms, room_of_name = [], {}
    for i, r in enumerate(need(venue_path, venue, "rooms", "", list)):
        name = need(venue_path, r, "name", "rooms[%d]" % i, str)
        named = {name, *(r.get("aka") or [])} & set(plenary_rooms)
        feats = (["plenary"] if plenary_use(r.get("use")) or named else []) + (["hybrid"] if r.get("hybrid") else [])
        room = {"id": slug(name), "name": name, "capacity": r.get("capacity") or 0}
        if feats:
            room["features"] = feats
        rooms.append(room)
        for alias in [name] + list(r.get("aka") or []):
            room_of_name[alias] = room["id"]
    for name in plenary_rooms:
        if name not in room_of_name:
            fail(venue_path, "rooms", "--plenary-room %r: no room of the venue has that name or aka" % name)
    themes = [{"id": slug(t), "name": t} for t in need(venue_path, venue, "sub_themes", "", list)]
    theme_of = {t["name"]: t["id"] for t in themes}

    people, person_of = [], {}
    sessions, real, taken_ids, assumed_duration = [], [], set(), []
    for i, rec in enumerate(records):
        where = "[%d]" % i
        if not isinstance(rec, dict):
            fail(sessions_path, where, "expected a session record object")
        if not rec.get("day") or not rec.get("start"):
            continue  # not in the programme: proposals never scheduled
        rid = need(sessions_path, rec, "id", where, str)
        sid = slug(rid)
        while sid in taken_ids:
            sid += "-b"
        taken_ids.add(sid)
        if rec["day"] not in dates:
            fail(sessions_path, where + ".day", "%r is not a date of the venue's days" % rec["day"])
        start = minutes(sessions_path, where + ".start", rec["start"])
        dur = rec.get("duration_min")
        if dur is None:
            # A known slot with its length lost (a data error the record's note explains):
            # the shortest length the venue observed for the type, else 60 minutes.
            typical = {k.lower(): v for k, v in (grid.get("durations_by_type_min") or {}).items()}
            seen = typical.get((rec.get("type") or "").lower())
            dur = min(seen) if seen else 60
            assumed_duration.append("%s (%d min)" % (rid, dur))
        if not isinstance(dur, int) or dur <= 0:
            fail(sessions_path, where + ".duration_min", "not a positive whole number of minutes")
        if start + dur > last:
            fail(sessions_path, where, "runs from %s to %s, past the day's end %s" % (
                rec["start"], hhmm(start + dur), hhmm(last)))
        starts.add(start)
        stype = session_type(rec)
        s = {"id": sid, "title": rec.get("title") or rid, "type": stype, "duration": dur}
        theme = rec.get("theme")
        if theme:
            if theme not in theme_of:
                fail(sessions_path, where + ".theme", "%r is not one of the venue's sub_themes" % theme)
            s["themes"] = [theme_of[theme]]
        who = []
        for k, name in enumerate(rec.get("speakers") or []):
            if not isinstance(name, str) or not name.strip():
                fail(sessions_path, "%s.speakers[%d]" % (where, k), "expected a name")
            name = name.strip()
            if name not in person_of:
                pid = slug(name)
                while pid in {p["id"] for p in people}:
                    pid += "-b"
                person_of[name] = pid
                people.append({"id": pid, "name": name})
            if person_of[name] not in [p["id"] for p in who]:
                who.append({"id": person_of[name], "role": "speaker"})
        if who:
            s["people"] = who
        if rec.get("organisers"):
            s["description"] = "Organisers: " + "; ".join(str(o) for o in rec["organisers"])
        room = rec.get("room")
        if room and room not in room_of_name:
            fail(sessions_path, where + ".room", "%r is not a room of the venue (rooms or their aka)" % room)
        sessions.append(s)
        real.append({"session": sid, "day": rec["day"], "start": start, "end": start + dur,
                     "room": room_of_name.get(room) if room else None, "type": stype})

    if not any("plenary" in r.get("features", []) for r in rooms):
        needing = sorted({a["type"] for a in real} & PLENARY_TYPES)
        if needing:
            fail(venue_path, "rooms", "no room is plenary, yet the programme has %s sessions, which need one: no "
                 "room's \"use\" contains \"plenary\" or \"main session\"; name the plenary hall with "
                 "--plenary-room NAME" % ", ".join(needing))

    # Rooms for the records without one, by the documented rule.
    busy = {}
    for a in real:
        if a["room"]:
            busy.setdefault((a["day"], a["room"]), []).append((a["start"], a["end"]))
    for a in sorted((a for a in real if not a["room"]), key=lambda a: (a["day"], a["start"], a["session"])):
        fits = [r for r in rooms if a["type"] not in PLENARY_TYPES or "plenary" in r.get("features", [])]
        free = [r for r in fits if all(e <= a["start"] or a["end"] <= s0
                                       for s0, e in busy.get((a["day"], r["id"]), []))]
        pick = (free or fits or rooms)[0]["id"]
        a["room"] = pick
        a["room_assumed"] = True
        busy.setdefault((a["day"], pick), []).append((a["start"], a["end"]))

    problem = {
        "format": "igfsched-problem/1",
        "_note": "Built by bench/import_igf_year.py from %s and %s: the sessions the year really ran "
                 "(records with a day and a start)." % (venue_path.split("/")[-1], sessions_path.split("/")[-1]),
        "meeting": {"name": "IGF %s (%s), real programme" % (venue.get("year", "?"), venue.get("city", "?")),
                    "timezone": tz.split()[0], "utc_offset": offset},
        "days": [{"date": d["date"], "label": d.get("label", d["date"]),
                  "slots": ["%s-%s" % (hhmm(first), hhmm(last))],
                  "starts": [hhmm(m) for m in sorted(starts)]} for d in days],
        "rooms": rooms,
        "themes": themes,
        "people": people,
        "sessions": sessions,
    }
    # A type the real programme ran on a pre-event day may run there: the generic rule of
    # igfsched keeps Day 0 for pre-events, the year's own practice decides.
    pre_days = {d["date"] for d in days if d.get("label") == "Day 0"}
    on_day0 = sorted({a["type"] for a in real if a["day"] in pre_days} - {"day0", "high_level", "bilateral"})
    if on_day0:
        problem["type_rules"] = {t: {"pre_event_days": True} for t in on_day0}
    schedule = {
        "format": "igfsched-schedule/1",
        "problem": problem["meeting"]["name"],
        "_note": "Where each session really ran; %d of %d rooms assumed by the rule in "
                 "bench/import_igf_year.py; durations assumed: %s." % (
                     sum(1 for a in real if a.get("room_assumed")), len(real), ", ".join(assumed_duration) or "none"),
        "assignments": [{"session": a["session"], "day": a["day"], "start": hhmm(a["start"]), "room": a["room"]}
                        for a in sorted(real, key=lambda a: (a["day"], a["start"], a["room"], a["session"]))],
    }
    return problem, schedule


def write(obj, path):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=1, ensure_ascii=False)
        f.write("\n")
    import os
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--venue", required=True)
    ap.add_argument("--sessions", required=True)
    ap.add_argument("-o", "--output", required=True, help="the problem file to write")
    ap.add_argument("--real-schedule", required=True, help="the real schedule to write")
    ap.add_argument("--plenary-room", action="append", default=[], metavar="NAME",
                    help="a room with the plenary feature, beside those whose use says plenary or main "
                         "session (repeatable)")
    a = ap.parse_args()
    try:
        problem, schedule = build(a.venue, a.sessions, a.plenary_room)
    except ImportError_ as e:
        print("import_igf_year: %s" % e, file=sys.stderr)
        return 2
    except (OSError, json.JSONDecodeError) as e:
        print("import_igf_year: %s" % e, file=sys.stderr)
        return 2
    write(problem, a.output)
    write(schedule, a.real_schedule)
    print("wrote %s (%d sessions, %d rooms, %d people) and %s" % (
        a.output, len(problem["sessions"]), len(problem["rooms"]), len(problem["people"]), a.real_schedule))
    return 0


if __name__ == "__main__":
    sys.exit(main())
