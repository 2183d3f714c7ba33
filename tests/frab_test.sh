#!/usr/bin/env bash
# import-frab end to end: every flaw of tests/data/frab/flaws.xml reported with its event and
# what was done, the summary's counts, the real schedule's hard violations (the data's own), a
# day past midnight, bad input refused with nothing written, and the round trip (export the
# imported programme as frab XML or JSON, import it again: the same problem and schedule). With
# the real programmes of ../shared/data/programmes (or $IGS_SHARED_DATA/programmes), each
# imports and its real schedule has only the data's own violations; skipped without them.
#   frab_test.sh IGFSCHED PROJECT_ROOT SHARED_DATA_DEFAULT
set -uo pipefail
bin=$1
root=$2
shared=${IGS_SHARED_DATA:-$3}
data=$root/tests/data/frab
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
has() { grep -qF -- "$2" "$1" || fail "$3: no '$2' in $(cat "$1")"; }

# ---- every flaw, located ----
"$bin" import-frab "$data/flaws.xml" -o "$tmp/flaws.json" --real-schedule "$tmp/flaws.real.json" 2>"$tmp/flaws.err"
[ $? -eq 0 ] || fail "flaws.xml: exit $? ($(cat "$tmp/flaws.err"))"
f=$data/flaws.xml
for w in \
	"$f: line 49, event 103: warning: 'CANCELLED: Old talk' is marked cancelled; left out" \
	"$f: line 114, event 107: warning: duration 00:00 (0 min) is zero; left out" \
	"$f: line 130, event 108: warning: duration 30:00 (1800 min) is longer than any real session; left out" \
	"$f: line 234, event 112: warning: no start time (<date> '', <start> 'noon'); left out" \
	"$f: line 146, event 102: warning: id '102' is already line 33, event 102's; kept as session '102~2'" \
	"$f: line 200, event 110: warning: the same event as line 184, event 110 listed again; left out" \
	"$f: line 80, event 105: warning: lies inside event 104 (12:00-14:00) in room 'Hall A'; moved to a parallel room 'Hall A (2)'" \
	"$f: line 65, event 104: warning: no persons; kept without people" \
	"$f: line 98, event 106: warning: person 1 is also in the overlapping event 101 (room 'Hall A')" \
	"$f: line 251: warning: <day> without a date=\"YYYY-MM-DD\" (''); its events are left out" \
	"warning: events start off the 15-minute timeslot grid; the problem's grid is 5 minutes" \
	"warning: room 'Room C' is used on 2025-05-10 only; unavailable on the other days" \
	"$f: 15 events read, 9 kept, 6 left out (1 cancelled, 2 zero or absurd duration, 2 without a usable time, 1 listed twice)" \
	"kept with a warning: 1 overlapping another in its room (moved to a parallel room), 1 person clashes, 1 without persons, 1 ids taken twice, 2 rooms of one day" \
	"the programme as published, 1 hard violations (the data's own)"; do
	has "$tmp/flaws.err" "$w" "flaws.xml"
done
"$bin" check "$tmp/flaws.json" >/dev/null 2>&1 || fail "the imported flaws.json does not pass check"
python3 "$root/tests/check_schema.py" "$tmp/flaws.json" >"$tmp/schema.txt" 2>&1 ||
	fail "the imported flaws.json against docs/problem.schema.json: $(cat "$tmp/schema.txt")"
# The parallel room is open only while the event moved there runs (12:30-12:45 on day 1).
python3 -c 'import json, sys
r = {x["name"]: x for x in json.load(open(sys.argv[1]))["rooms"]}["Hall A (2)"]
sys.exit(r["unavailable"] != [{"day": "2025-05-10", "from": "10:00", "to": "12:30"},
                              {"day": "2025-05-10", "from": "12:45", "to": "15:45"}, {"day": "2025-05-11"}])' \
	"$tmp/flaws.json" || fail "the parallel room 'Hall A (2)' is open beyond the hours used"
# The type "main" keeps no IGF rule (no plenary room needed), so the data's one clash is all.
"$bin" evaluate "$tmp/flaws.json" "$tmp/flaws.real.json" >"$tmp/eval.txt" 2>&1
[ $? -eq 1 ] || fail "evaluate of the real flaws schedule: want exit 1 (its person clash)"
has "$tmp/eval.txt" "person_clash (1)" "evaluate flaws"
has "$tmp/eval.txt" "hard violations: 1" "evaluate flaws"

# ---- options ----
"$bin" import-frab "$data/clean.xml" -o "$tmp/opt.json" --plenary-room "Aula" --capacity "Aula=400; Room 2=80" \
	2>/dev/null || fail "clean.xml with options"
"$bin" import-frab "$data/clean.xml" -o "$tmp/used.json" --used-hours 2>/dev/null || fail "clean.xml --used-hours"
python3 - "$tmp/opt.json" "$tmp/used.json" <<'PY' || fail "options not in the problem"
import json, sys
p = json.load(open(sys.argv[1]))
rooms = {r["name"]: r for r in p["rooms"]}
assert rooms["Aula"]["capacity"] == 400 and rooms["Room 2"]["capacity"] == 80, rooms
assert rooms["Aula"]["features"] == ["plenary"], rooms["Aula"]
aula = [s for s in p["sessions"] if s["id"] in ("201", "202", "203", "204", "208")]
assert all(s.get("requires") == ["plenary"] for s in aula), aula
# by default a room is closed only on days it is not used
assert all(set(w) == {"day"} for r in p["rooms"] for w in r.get("unavailable", [])), p["rooms"]
# --used-hours: Room 2 runs 09:30-14:30 on day 1 of a day 09:00-14:30, 10:00-10:55 on day 2 of 10:00-12:00
u = {r["name"]: r.get("unavailable", []) for r in json.load(open(sys.argv[2]))["rooms"]}
assert u["Room 2"] == [{"day": "2025-05-10", "from": "09:00", "to": "09:30"},
                       {"day": "2025-05-11", "from": "10:55", "to": "12:00"}], u["Room 2"]
assert u["Room 3"][0] == {"day": "2025-05-10"}, u["Room 3"]
PY
for bad in "--plenary-room Nowhere" "--capacity Aula=lots"; do
	# shellcheck disable=SC2086
	"$bin" import-frab "$data/clean.xml" -o "$tmp/bad.json" $bad 2>"$tmp/bad.err"
	[ $? -eq 2 ] || fail "import-frab $bad: want exit 2"
	[ ! -e "$tmp/bad.json" ] || fail "import-frab $bad wrote its output"
done
has "$tmp/bad.err" "is not NAME=SEATS" "--capacity Aula=lots"

# ---- a day past midnight stays one day; every instant is kept ----
"$bin" import-frab "$data/night.xml" -o "$tmp/night.json" --real-schedule "$tmp/night.real.json" 2>"$tmp/night.err" ||
	fail "night.xml: $(cat "$tmp/night.err")"
has "$tmp/night.err" "the problem's clock is the conference's moved back 2 h" "night.xml"
python3 "$root/tests/check_schema.py" "$tmp/night.json" >"$tmp/schema.txt" 2>&1 ||
	fail "the imported night.json against docs/problem.schema.json: $(cat "$tmp/schema.txt")"
"$bin" evaluate "$tmp/night.json" "$tmp/night.real.json" -o "$tmp/night.out.xml" --format frab >/dev/null 2>&1 ||
	fail "night: the real schedule has violations"
python3 - "$data/night.xml" "$tmp/night.out.xml" "$tmp/night.json" <<'PY' || fail "night: instants changed"
import sys, json, xml.etree.ElementTree as ET
from datetime import datetime
def instants(path):
    return {e.get("id"): (datetime.fromisoformat(e.findtext("date")), e.findtext("duration"))
            for e in ET.parse(path).iter("event")}
a, b = instants(sys.argv[1]), instants(sys.argv[2])
assert a == b, (a, b)
p = json.load(open(sys.argv[3]))
assert len(p["days"]) == 2 and p["meeting"]["utc_offset"] == "+00:00", p["meeting"]
PY

# ---- long UTF-8 names and ids, cut to the problem's limits at whole characters ----
python3 - "$tmp/long.xml" <<'PY'
import sys
room, eid, pid = "Salle " + "é" * 300, "ü" * 200, "ø" * 200
ev = lambda i, start: ('<event id="%s%d" guid="g"><date>2025-01-01T%s:00+01:00</date><start>%s</start>'
                       '<duration>01:00</duration><room>%s</room><title>t</title><track>%s</track><type>x</type>'
                       '<persons><person id="%s">P</person></persons></event>' % (eid, i, start, start, room, "ț" * 300, pid))
open(sys.argv[1], "w", encoding="utf-8").write(
    '<schedule><version>1</version><conference><title>Long</title><acronym>l</acronym></conference>'
    '<day date="2025-01-01" index="1"><room name="%s">%s%s</room></day></schedule>' % (room, ev(1, "10:00"), ev(2, "10:30")))
PY
"$bin" import-frab "$tmp/long.xml" -o "$tmp/long.json" --real-schedule "$tmp/long.real.json" 2>"$tmp/long.err" ||
	fail "long UTF-8 names: $(cat "$tmp/long.err")"
"$bin" check "$tmp/long.json" >/dev/null 2>&1 || fail "long UTF-8 names: the problem does not pass check"

# ---- a pretalx-style schedule.json: integer ids, persons by "code" and "name" ----
cat >"$tmp/pretalx.json" <<'JSON'
{"schedule": {"version": "1", "conference": {"acronym": "pt", "title": "Pretalx Conf", "timeslot_duration": "00:05",
 "time_zone_name": "Europe/Berlin", "days": [{"index": 1, "date": "2025-09-01", "rooms": {
 "Room A": [{"id": 7, "guid": "a", "date": "2025-09-01T10:00:00+02:00", "start": "10:00", "duration": "00:30",
   "room": "Room A", "title": "One", "track": "T", "type": "Talk", "persons": [{"code": "XY7Z", "name": "Ann"}]},
  {"id": 8, "guid": "b", "date": "2025-09-01T10:15:00+02:00", "start": "10:15", "duration": "00:30",
   "room": "Room A", "title": "Two", "track": "T", "type": "Talk", "persons": [{"code": "XY7Z", "name": "Ann"}]}]}}]}}}
JSON
"$bin" import-frab "$tmp/pretalx.json" -o "$tmp/pt.json" 2>"$tmp/pt.err" || fail "pretalx.json: $(cat "$tmp/pt.err")"
has "$tmp/pt.err" "schedule.conference.days[0].rooms.Room A[1], event 8: warning: overlaps event 7 (10:00-10:30) in room 'Room A'; moved to a parallel room 'Room A (2)'" "pretalx.json"
has "$tmp/pt.err" "event 8: warning: person XY7Z is also in the overlapping event 7" "pretalx.json"

# ---- bad input: located, exit 2, nothing written ----
printf '<schedule><day date="2025-01-01"><room name="a">\n<event id="1">\n<title>x</room></schedule>' >"$tmp/broken.xml"
echo '<html><body/></html>' >"$tmp/html.xml"
echo '{"schedule": {"version": "x"}}' >"$tmp/nojson.json"
for c in "broken.xml|line 3: not well-formed XML: Opening and ending tag mismatch" \
	"html.xml|the root element is <html>, not <schedule>" \
	"nojson.json|schedule.conference: missing" \
	"missing.xml|cannot open the schedule"; do
	in=${c%%|*}
	"$bin" import-frab "$tmp/$in" -o "$tmp/out.json" 2>"$tmp/err"
	[ $? -eq 2 ] || fail "$in: want exit 2"
	has "$tmp/err" "${c#*|}" "$in"
	[ ! -e "$tmp/out.json" ] || fail "$in: an output was written"
done
"$bin" import-frab "$data/clean.xml" 2>"$tmp/err"
[ $? -eq 2 ] || fail "import-frab without -o: want exit 2"
has "$tmp/err" "import-frab needs -o PROBLEM.json" "without -o"

# ---- round trip: export the imported programme, import it again ----
roundtrip() { # roundtrip LABEL INPUT FORMAT EXT [import options]
	local label=$1 in=$2 fmt=$3 ext=$4
	shift 4
	"$bin" import-frab "$in" -o "$tmp/rt1.json" --real-schedule "$tmp/rt1.real.json" "$@" 2>/dev/null ||
		{ fail "$label: first import"; return; }
	"$bin" evaluate "$tmp/rt1.json" "$tmp/rt1.real.json" -o "$tmp/rt.$ext" --format "$fmt" >/dev/null 2>&1
	"$bin" import-frab "$tmp/rt.$ext" -o "$tmp/rt2.json" --real-schedule "$tmp/rt2.real.json" "$@" 2>/dev/null ||
		{ fail "$label: second import"; return; }
	cmp -s "$tmp/rt1.json" "$tmp/rt2.json" || fail "$label: the problem changed: $(diff "$tmp/rt1.json" "$tmp/rt2.json" | head -5)"
	python3 -c 'import json, sys; a, b = (json.load(open(f))["assignments"] for f in sys.argv[1:]); sys.exit(a != b)' \
		"$tmp/rt1.real.json" "$tmp/rt2.real.json" || fail "$label: the schedule changed"
}
roundtrip "clean.xml via XML" "$data/clean.xml" frab xml
roundtrip "clean.xml via JSON" "$data/clean.xml" frab-json json
roundtrip "clean.xml thematic via XML" "$data/clean.xml" frab xml --thematic-rooms
roundtrip "clean.xml thematic via JSON" "$data/clean.xml" frab-json json --thematic-rooms

# ---- the real programmes (third-party data, not committed) ----
progs=$shared/programmes
if [ -d "$progs" ]; then
	for f in "$progs"/*.xml; do
		name=$(basename "$f" .xml)
		for mode in "" --thematic-rooms; do
			# shellcheck disable=SC2086
			"$bin" import-frab "$f" -o "$tmp/$name.json" --real-schedule "$tmp/$name.real.json" $mode 2>"$tmp/$name.err" ||
				{ fail "$name $mode: $(tail -3 "$tmp/$name.err")"; continue; }
			# The real schedule's only hard violations are the person clashes the import reported.
			clashes=$(grep -c "is also in the overlapping event" "$tmp/$name.err")
			"$bin" evaluate "$tmp/$name.json" "$tmp/$name.real.json" --json >"$tmp/$name.eval.json" 2>/dev/null
			python3 - "$tmp/$name.eval.json" "$clashes" <<'PY' || fail "$name $mode: hard violations beyond the data's person clashes"
import json, sys
r = json.load(open(sys.argv[1]))
kinds = {v["kind"] for v in r["violations"]}
assert kinds <= {"person_clash"} and r["hard_violations"] == int(sys.argv[2]), (kinds, r["hard_violations"], sys.argv[2])
PY
		done
		case $name in fosdem2024 | good2025) roundtrip "$name via XML" "$f" frab xml --thematic-rooms ;; esac
	done
else
	echo "frab_test: skipped the real programmes: no folder $progs (third-party data are not committed: put them at ../shared/data/programmes beside the project root, or set IGS_SHARED_DATA)" >&2
fi

[ $fails -eq 0 ] || { echo "$fails failures" >&2; exit 1; }
echo "frab_test: all passed"
