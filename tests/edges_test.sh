#!/usr/bin/env bash
# Exit codes and written files at the edges (issue 16): standard output that cannot be written,
# evaluate's report format from -o's extension, a problem short of room-hours solved into a
# schedule, number forms of the flags, and import-csv --delimiter.
# usage: edges_test.sh IGFSCHED REPO_ROOT
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$(cd "$2" && pwd)
ex=$repo/examples
inv=$repo/tests/data/invalid
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
failed=0
fail() {
	failed=$((failed + 1))
	echo "FAIL: $*"
}
# expect CODE DESCRIPTION COMMAND...: runs the command, quiet, and checks its exit code.
expect() {
	local want=$1 what=$2
	shift 2
	"$@" >out.log 2>err.log
	local got=$?
	[ "$got" = "$want" ] || { fail "$what: exit $got, expected $want"; sed 's/^/    /' err.log; }
}

"$bin" solve "$ex/small.json" -q -o small.schedule.json || fail "solving small.json"

# Standard output that cannot be written is a failing system (3), for every command.
if [ -w /dev/full ]; then
	expect 3 "check > /dev/full" sh -c '"$0" check "$1" >/dev/full' "$bin" "$ex/small.json"
	expect 3 "evaluate > /dev/full" sh -c '"$0" evaluate "$1" "$2" >/dev/full' "$bin" "$ex/small.json" small.schedule.json
	expect 3 "evaluate --json > /dev/full" sh -c '"$0" evaluate "$1" "$2" --json >/dev/full' "$bin" "$ex/small.json" small.schedule.json
	expect 3 "duplicates > /dev/full" sh -c '"$0" duplicates "$1" >/dev/full' "$bin" "$ex/small.json"
	expect 3 "--help > /dev/full" sh -c '"$0" --help >/dev/full' "$bin"
	grep -q "cannot write the standard output" err.log || fail "no message for standard output that cannot be written"
else
	echo "skipped: /dev/full is not writable here"
fi

# evaluate -o: the report's format follows the extension.
expect 0 "evaluate -o report.json" "$bin" evaluate "$ex/small.json" small.schedule.json -o report.json
python3 -c 'import json,sys; d=json.load(open("report.json")); assert "hard_violations" in d' 2>/dev/null ||
	fail "evaluate -o report.json did not write the JSON report"
expect 0 "evaluate -o report.txt" "$bin" evaluate "$ex/small.json" small.schedule.json -o report.txt
head -c 1 report.txt | grep -q '{' && fail "evaluate -o report.txt wrote JSON"
"$bin" evaluate "$ex/small.json" small.schedule.json --json >stdout.json 2>/dev/null
cmp -s stdout.json report.json || fail "evaluate -o report.json differs from evaluate --json"

# Too few room-hours for the required sessions: infeasible (1), and the schedule is written
# with every session, the ones left out listed with their reasons.
expect 1 "check, room-hours short" "$bin" check "$inv/sessions-exceed-room-hours.json"
expect 1 "solve, room-hours short" "$bin" solve "$inv/sessions-exceed-room-hours.json" --moves 20000 -o short.json
python3 - short.json <<'PYEOF' || fail "the schedule of a problem short of room-hours lacks sessions or reasons"
import json, sys
d = json.load(open(sys.argv[1]))
placed = {a["session"] for a in d["assignments"]}
left = {u["session"]: u["reason"] for u in d["unscheduled"]}
assert placed | set(left) == {"s1", "s2", "s3", "s4", "s5"}, (placed, left)
assert left and all(left.values()), left
PYEOF
grep -q "room-hours" err.log || fail "solve does not say the room-hours are short"
# Two required sessions pinned into a clash: check says so (1), solve writes the schedule (1).
expect 1 "check, pins clash" "$bin" check "$inv/session-pins-clash.json"
expect 1 "solve, pins clash" "$bin" solve "$inv/session-pins-clash.json" --moves 20000 -o pins.json
[ -s pins.json ] || fail "no schedule written for clashing pins"

# A written problem must pass check: a grouping whose longer joint sessions exceed the rooms'
# hours is refused (2) and nothing is written, as when loading refused such problems.
expect 2 "group -o beyond the room-hours" "$bin" group "$ex/dc-individual.json" -k 29 --min-size 1 --max-size 1 \
	--duration 360 -o grouped.json
[ ! -e grouped.json ] || fail "group -o wrote a problem short of room-hours"
grep -q "room-hours" err.log || fail "group -o does not say the room-hours are short"

# Numbers are decimal: exponent forms of whole numbers are accepted, hexadecimal is not.
expect 0 "--moves 1e3" "$bin" solve "$ex/small.json" -q --moves 1e3 -o e.json
expect 0 "--weight at the bound" "$bin" solve "$ex/small.json" -q --moves 1e3 --weight theme_clash=1e12 -o w.json
expect 2 "--seed 0x10" "$bin" solve "$ex/small.json" -q --seed 0x10 -o h.json
expect 2 "--gap nan" "$bin" solve "$ex/small.json" -q --gap nan -o n.json
[ -e h.json ] || [ -e n.json ] && fail "a refused number still wrote a schedule"

# import-csv --delimiter: a ';'- or tab-separated export gives the comma file's problem.
python3 - "$ex/spreadsheet/sessions-small.csv" <<'PYEOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
for name, sep in (("semi.csv", ";"), ("tab.csv", "\t")):
    with open(name, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=sep).writerows(rows)
PYEOF
venue=$ex/spreadsheet/venue-small.json
expect 0 "import-csv, commas" "$bin" import-csv "$ex/spreadsheet/sessions-small.csv" --venue "$venue" -o comma.json
expect 0 "import-csv --delimiter ';'" "$bin" import-csv semi.csv --venue "$venue" -o semi.json --delimiter ';'
expect 0 "import-csv --delimiter tab" "$bin" import-csv tab.csv --venue "$venue" -o tab.json --delimiter tab
cmp -s comma.json semi.json || fail "import-csv --delimiter ';' differs from the comma file's problem"
cmp -s comma.json tab.json || fail "import-csv --delimiter tab differs from the comma file's problem"
expect 2 "import-csv of a ';' file without --delimiter" "$bin" import-csv semi.csv --venue "$venue" -o no.json
grep -q "looks like a ';'-separated file" err.log || fail "no hint at --delimiter for a ';' file"

if [ "$failed" -ne 0 ]; then
	echo "$failed failed"
	exit 1
fi
echo "edges: all passed"
