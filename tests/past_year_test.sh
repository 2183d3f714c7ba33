#!/usr/bin/env bash
# Tests of the past-year importer: the committed IGF 2023 files are a fresh import, the real schedule scores, another year's records import, a bad record is located.
# usage: past_year_test.sh IGFSCHED REPO_ROOT
set -u
bin=$1
repo=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() {
	failed=$((failed + 1))
	echo "FAIL: $*"
}
imp() { python3 "$repo/bench/import_igf_year.py" "$@"; }

# 1. examples/igf-2023*.json are exactly what the importer makes of examples/data/.
imp --venue "$repo/examples/data/2023-venue.json" --sessions "$repo/examples/data/2023-sessions.json" \
	-o "$tmp/p.json" --real-schedule "$tmp/r.json" >/dev/null || fail "import of 2023"
cmp -s "$tmp/p.json" "$repo/examples/igf-2023.json" ||
	fail "examples/igf-2023.json is not a fresh import (regenerate: see examples/README.md)"
cmp -s "$tmp/r.json" "$repo/examples/real/igf-2023.schedule.json" ||
	fail "examples/real/igf-2023.schedule.json is not a fresh import"

# 2. The real schedule reads back and places the 75 sessions that have a day and a start.
"$bin" evaluate "$repo/examples/igf-2023.json" "$repo/examples/real/igf-2023.schedule.json" --json -o "$tmp/e.json"
[ $? -le 1 ] || fail "evaluate the real 2023 schedule"
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(0 if d["scheduled"] == 75 and d["unscheduled"] == 0 else 1)' \
	"$tmp/e.json" || fail "the real 2023 schedule places 75 sessions"

# 3. Another year in the same shape: a made-up 2031 with a missing room, a missing duration,
#    an alias room name and a record never scheduled.
d=$repo/tests/data/year
imp --venue "$d/2031-venue.json" --sessions "$d/2031-sessions.json" -o "$tmp/y.json" --real-schedule "$tmp/yr.json" \
	>/dev/null || fail "import of another year"
"$bin" check "$tmp/y.json" >/dev/null 2>&1 || fail "the other year's problem passes check"
"$bin" evaluate "$tmp/y.json" "$tmp/yr.json" --json -o "$tmp/ye.json"
[ $? -le 1 ] || fail "evaluate the other year's real schedule"
python3 - "$tmp/y.json" "$tmp/yr.json" <<'PYEOF' || fail "the other year's import follows the documented rules"
import json, sys
p = json.load(open(sys.argv[1])); r = json.load(open(sys.argv[2]))
s = {x["id"]: x for x in p["sessions"]}
a = {x["session"]: x for x in r["assignments"]}
ok = sorted(s) == ["day-0-event-3", "main-1", "ws-1", "ws-2"]          # the unscheduled record is left out
ok = ok and p["meeting"]["utc_offset"] == "+01:00"
ok = ok and a["ws-2"]["room"] == "plenary"                                # first free room in venue order
ok = ok and a["main-1"]["room"] == "plenary"                              # a main session needs the plenary room
ok = ok and a["day-0-event-3"]["room"] == "room-2"                        # 'R2' is Room 2's alias
ok = ok and s["day-0-event-3"]["duration"] == 60                          # no duration, no typical one: 60
ok = ok and [q["id"] for q in s["ws-1"]["people"]] == ["ana-b", "cy-d"] and "Org A" in s["ws-1"]["description"]
sys.exit(0 if ok else 1)
PYEOF

# 4. A bad record: its file, index and key are named, and nothing is written.
if imp --venue "$d/2031-venue.json" --sessions "$d/2031-bad-sessions.json" -o "$tmp/b.json" \
	--real-schedule "$tmp/br.json" 2>"$tmp/err"; then
	fail "a record with an unknown theme is accepted"
fi
grep -qF "2031-bad-sessions.json: [0].theme: 'Air' is not one of the venue's sub_themes" "$tmp/err" ||
	{ fail "the bad record's message names file, index and key"; cat "$tmp/err"; }
[ -e "$tmp/b.json" ] && fail "a failed import wrote a problem"

# 5. The plenary room by the documented rule (its use mentions plenary or main sessions, as
#    other years word it) or by --plenary-room; with neither, the error names the option.
plenary_of() { python3 -c 'import json, sys; print(",".join(r["id"] for r in json.load(open(sys.argv[1]))["rooms"] if "plenary" in r.get("features", [])))' "$1"; }
for use in "main sessions (plenary)" "opening/closing, Main Sessions, high-level" "workshops"; do
	python3 - "$d/2031-venue.json" "$tmp/v.json" "$use" <<'PYEOF'
import json, sys
v = json.load(open(sys.argv[1]))
v["rooms"][0]["use"] = sys.argv[3]
json.dump(v, open(sys.argv[2], "w"))
PYEOF
	first=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["rooms"][0]["name"])' "$tmp/v.json")
	rm -f "$tmp/pl.json"
	if imp --venue "$tmp/v.json" --sessions "$d/2031-sessions.json" -o "$tmp/pl.json" --real-schedule "$tmp/plr.json" 		>/dev/null 2>"$tmp/err"; then
		[ "$use" != workshops ] || fail "a venue without a plenary room imported main sessions"
		[ -n "$(plenary_of "$tmp/pl.json")" ] || fail "use '$use' does not make a plenary room"
	else
		[ "$use" = workshops ] || { fail "use '$use': $(cat "$tmp/err")"; continue; }
		grep -qF "no room is plenary" "$tmp/err" && grep -qF -- "--plenary-room NAME" "$tmp/err" ||
			fail "without a plenary room the error names --plenary-room: $(cat "$tmp/err")"
		[ -e "$tmp/pl.json" ] && fail "a failed import wrote a problem"
		imp --venue "$tmp/v.json" --sessions "$d/2031-sessions.json" -o "$tmp/pl.json" --real-schedule "$tmp/plr.json" \
			--plenary-room "$first" >/dev/null 2>"$tmp/err" || fail "--plenary-room '$first': $(cat "$tmp/err")"
		[ -n "$(plenary_of "$tmp/pl.json")" ] || fail "--plenary-room does not make a plenary room"
		imp --venue "$tmp/v.json" --sessions "$d/2031-sessions.json" -o "$tmp/pl2.json" --real-schedule "$tmp/plr2.json" \
			--plenary-room "No such hall" >/dev/null 2>"$tmp/err" && fail "--plenary-room of an unknown room accepted"
		grep -qF "'No such hall': no room of the venue" "$tmp/err" || fail "unknown --plenary-room: $(cat "$tmp/err")"
	fi
done

[ "$failed" -eq 0 ] && echo "past year: import and real schedule check out"
exit "$failed"
