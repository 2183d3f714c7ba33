#!/usr/bin/env bash
# Golden tests of the calendar and conference-app outputs (iCalendar, frab XML and JSON) on the small example, with structural checks of each.
# usage: golden_test.sh IGFSCHED REPO_ROOT [--update]
# The schedule is the constructive solver's alone (--moves 0), which changes only when the
# greedy does. After a deliberate change of a format or of the greedy, regenerate with
# --update and review the diff.
set -u
bin=$1
repo=$(cd "$2" && pwd)
gold=$repo/tests/data/golden
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() {
	failed=$((failed + 1))
	echo "FAIL: $*"
}

for f in ics xml frab.json; do
	case $f in
	frab.json) fmt=frab-json ;;
	xml) fmt=frab ;;
	*) fmt=$f ;;
	esac
	if ! "$bin" solve "$repo/examples/small.json" --quiet --solver heuristic --moves 0 --format "$fmt" \
		-o "$tmp/small.$f"; then
		fail "solve --format $fmt"
		continue
	fi
	if [ "${3:-}" = --update ]; then
		cp "$tmp/small.$f" "$gold/small.$f"
		echo "updated $gold/small.$f"
	elif ! cmp -s "$tmp/small.$f" "$gold/small.$f"; then
		fail "small.$f differs from the golden file (if the change is deliberate: $0 BIN REPO --update)"
		diff "$gold/small.$f" "$tmp/small.$f" | head -20
	fi
done

# The schedule the outputs describe, for the checks below.
"$bin" solve "$repo/examples/small.json" --quiet --solver heuristic --moves 0 -o "$tmp/small.json" ||
	fail "solve --format json"

if command -v xmllint >/dev/null; then
	xmllint --noout "$tmp/small.xml" || fail "schedule.xml is not well-formed XML"
fi

python3 - "$repo/examples/small.json" "$tmp/small.json" "$tmp/small.xml" "$tmp/small.frab.json" "$tmp/small.ics" <<'PYEOF' || fail "structure of the frab and iCalendar outputs"
import json, re, sys
import xml.etree.ElementTree as ET

problem = json.load(open(sys.argv[1]))
sched = json.load(open(sys.argv[2]))
placed = {a["session"]: a for a in sched["assignments"]}
sessions = {s["id"]: (i + 1, s) for i, s in enumerate(problem["sessions"])}
rooms = {r["id"]: r.get("name", r["id"]) for r in problem["rooms"]}
errors = []
guid = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
EVENT = ["date", "start", "duration", "room", "slug", "title", "subtitle", "track", "type", "language",
         "abstract", "description", "persons", "links", "attachments"]

def expect(ok, what):
    if not ok:
        errors.append(what)

# schedule.xml: one event per placed session, under its day and room, with frab's children in order
root = ET.parse(sys.argv[3]).getroot()
expect(root.tag == "schedule", "root is <schedule>")
conf = root.find("conference")
expect(conf is not None and conf.findtext("title") == problem["meeting"]["name"], "conference title")
seen = {}
for day in root.findall("day"):
    for room in day.findall("room"):
        for ev in room.findall("event"):
            title = ev.findtext("title")
            sid = [k for k, (i, s) in sessions.items() if str(i) == ev.get("id")]
            expect(len(sid) == 1, "event id %s is a session's position" % ev.get("id"))
            if len(sid) != 1:
                continue
            a = placed.get(sid[0])
            expect(a is not None, "event %s is a placed session" % sid[0])
            if a is None:
                continue
            expect([c.tag for c in ev] == EVENT, "event %s children in frab order" % sid[0])
            expect(guid.match(ev.get("guid") or "") is not None, "event %s guid shape" % sid[0])
            expect(day.get("date") == a["day"], "event %s on its day" % sid[0])
            expect(room.get("name") == rooms[a["room"]] == ev.findtext("room"), "event %s in its room" % sid[0])
            expect(ev.findtext("start") == a["start"], "event %s start" % sid[0])
            expect(ev.findtext("date").startswith(a["day"] + "T" + a["start"] + ":00"), "event %s date" % sid[0])
            d = sessions[sid[0]][1]["duration"]
            expect(ev.findtext("duration") == "%02d:%02d" % (d // 60, d % 60), "event %s duration" % sid[0])
            expect(title == sessions[sid[0]][1].get("title", sid[0]), "event %s title" % sid[0])
            seen[sid[0]] = ev.get("guid")
expect(set(seen) == set(placed), "every placed session is an event, once")
expect(len(set(seen.values())) == len(seen), "guids are unique")

# schedule.json: the same events, same guids
js = json.load(open(sys.argv[4]))["schedule"]
events = [e for day in js["conference"]["days"] for evs in day["rooms"].values() for e in evs]
expect(sorted(e["guid"] for e in events) == sorted(seen.values()), "the JSON variant has the XML's events")
expect(all(set(EVENT) - {"persons", "links", "attachments"} <= set(e) for e in events), "JSON event keys")
expect(js["conference"]["daysCount"] == len(problem["days"]), "daysCount")

# iCalendar: one VEVENT per placed session, lines of at most 75 octets, CRLF
raw = open(sys.argv[5], "rb").read()
lines = raw.split(b"\r\n")
expect(raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b""), "iCalendar lines end with CRLF")
expect(all(len(l) <= 75 for l in lines), "iCalendar lines fold at 75 octets")
expect(lines.count(b"BEGIN:VEVENT") == len(placed), "one VEVENT per placed session")

for e in errors:
    print("  " + e)
sys.exit(1 if errors else 0)
PYEOF

[ "$failed" -eq 0 ] && echo "golden: ics, frab XML and frab JSON match and check out"
exit "$failed"
