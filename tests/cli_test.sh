#!/usr/bin/env bash
# End-to-end tests of every igfsched command: exit codes, outputs, and that bad input writes or changes nothing.
# usage: cli_test.sh IGFSCHED REPO_ROOT [SHARED_DATA]
# SHARED_DATA: the folder of the third-party data sets (default REPO_ROOT/../shared/data);
# $IGS_SHARED_DATA, when set, wins. Without the CoSPLib set, its checks are skipped.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") # absolute: one test runs in another directory
repo=$(cd "$2" && pwd)
ex=$repo/examples
data=$repo/tests/data
shared=${IGS_SHARED_DATA:-${3:-$repo/../shared/data}}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset IGFSCHED_DEFAULT_PROBLEM

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() {
	failed=$((failed + 1))
	echo "FAIL: $*"
}

# run ARGS...: runs igfsched, keeping stdout, stderr and the exit status in $out, $err, $rc.
out=$tmp/stdout
err=$tmp/stderr
rc=0
run() {
	"$bin" "$@" >"$out" 2>"$err"
	rc=$?
}

show() { # the captured output, indented, for a failure message
	sed 's/^/    | /' "$out" | head -15
	sed 's/^/    ! /' "$err" | head -15
}

expect_rc() { # CODE WHAT
	if [ "$rc" -eq "$1" ]; then
		pass
	else
		fail "$2: exit $rc, expected $1"
		show
	fi
}

expect_in() { # FILE TEXT WHAT
	if grep -qF -- "$2" "$1"; then
		pass
	else
		fail "$3: '$2' not found"
		show
	fi
}

expect_file() { # PATH WHAT
	if [ -s "$1" ]; then pass; else fail "$2: $1 was not written"; fi
}

expect_no_file() { # PATH WHAT
	if [ -e "$1" ]; then fail "$2: $1 exists"; else pass; fi
}

expect_true() { # WHAT COMMAND...
	local what=$1
	shift
	if "$@"; then pass; else fail "$what"; fi
}

# py CODE ARGS...: runs a Python check; its exit status is the verdict.
py() {
	local code=$1
	shift
	python3 -c "$code" "$@"
}

json_get() { # FILE EXPR (over d, the parsed document)
	py 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

same_number() { # A B
	py 'import sys; sys.exit(0 if abs(float(sys.argv[1]) - float(sys.argv[2])) < 1e-6 else 1)' "$1" "$2"
}

listing() { # DIR: its entries, one a line
	ls -A "$1" | sort
}

# Every input file, with its checksum, to prove at the end that nothing changed them.
mapfile -t inputs < <(find "$ex" "$data" -type f | sort)
sha256sum "${inputs[@]}" >"$tmp/inputs.sha"

# ---- general ----

run --version
expect_rc 0 "--version"
expect_true "--version prints 'igfsched X.Y.Z'" grep -qE '^igfsched [0-9]+\.[0-9]+\.[0-9]+$' "$out"

run --help
expect_rc 0 "--help"
for word in check solve evaluate "exit codes"; do
	expect_in "$out" "$word" "--help"
done

run solve --help
expect_rc 0 "solve --help"
for word in --output --format --out-dir --time-limit --seed --weight theme_clash; do
	expect_in "$out" "$word" "solve --help"
done
run evaluate --help
expect_rc 0 "evaluate --help"
expect_in "$out" "--json" "evaluate --help"
run check --help
expect_rc 0 "check --help"

run
expect_rc 2 "no command"
run frobnicate
expect_rc 2 "unknown command"
expect_in "$err" "igfsched: unknown command 'frobnicate'" "unknown command names it"
expect_in "$err" "commands:" "unknown command: the command list follows"

# ---- the command table: every command listed, with its own help and only its own options ----

commands="check solve evaluate duplicates bound compare cosplib-eval cosplib-solve import-cosplib import-csv import-frab group serve"
run --help
cp "$out" "$tmp/help.txt"
expect_true "--help lists exactly the commands of the table, in its order" \
	test "$(sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p' "$tmp/help.txt" | grep -v '^igfsched$' | tr '\n' ' ')" = "$commands "
for cmd in $commands; do
	for h in --help -h; do
		run "$cmd" "$h"
		expect_rc 0 "$cmd $h"
		expect_true "$cmd $h starts with its usage line" grep -q "^usage: igfsched $cmd " "$out"
		expect_true "$cmd $h prints nothing on standard error" test ! -s "$err"
	done
done
# Each flag in a command's help is one that command accepts: the unknown option after it (which
# stops the command before it runs) is the one said to be unknown, not the flag.
for cmd in check solve evaluate duplicates compare import-csv import-frab group; do
	run "$cmd" --help
	for flag in $(grep -oE '^  (-[a-z], )?--?[a-z][a-z-]*' "$out" | sed 's/.*, //; s/^ *//'); do
		run "$cmd" "$flag" 1 --no-such-option
		if [ "$rc" -ne 2 ] || grep -qF -- "unknown option '$flag'" "$err"; then
			fail "$cmd --help lists $flag, which $cmd calls unknown"
		else
			pass
		fi
	done
done
run check --seed 3 "$ex/small.json"
expect_rc 2 "an option of solve given to check"
expect_in "$err" "igfsched: check: unknown option '--seed'" "check does not take --seed"
run duplicates "$ex/small.json" --moves 5
expect_rc 2 "a solver option given to duplicates"
expect_in "$err" "igfsched: duplicates: unknown option '--moves'" "duplicates does not take --moves"
run import-csv x.csv --json
expect_rc 2 "--json given to import-csv"
expect_in "$err" "igfsched: import-csv: unknown option '--json'" "import-csv does not take --json"
run solve "$ex/small.json" --seed -5
expect_rc 2 "solve --seed out of its range"
expect_in "$err" "igfsched: --seed '-5': give a whole number from 0 to 2147483647" "the range comes from the table"
run duplicates "$ex/small.json" --threshold 0
expect_rc 2 "duplicates --threshold 0"
expect_in "$err" "igfsched: --threshold '0': give a number above 0 and at most 1" "the table's range text"
run group "$ex/dc-individual.json" -k 3.5
expect_rc 2 "group -k 3.5"
expect_in "$err" "igfsched: -k '3.5': give a whole number from 1 to 10000" "a whole number is asked for"

# ---- check ----

for f in "$ex"/*.json; do
	run check "$f"
	expect_rc 0 "check $(basename "$f")"
	expect_in "$out" "ok" "check $(basename "$f")"
done
run check "$data/infeasible-pins.json"
expect_rc 1 "check reports required sessions pinned into a clash (valid, infeasible)"

# ---- solve and evaluate ----

run solve "$ex/small.json" -o "$tmp/small.json" --quiet
expect_rc 0 "solve small.json -o X.json"
expect_file "$tmp/small.json" "solve -o X.json"
expect_true "solve wrote valid JSON" py 'import json, sys; json.load(open(sys.argv[1]))' "$tmp/small.json"
expect_true "every session of small.json is assigned" \
	py 'import json, sys
p = json.load(open(sys.argv[1])); s = json.load(open(sys.argv[2]))
ids = sorted(a["session"] for a in s["assignments"])
sys.exit(0 if ids == sorted(x["id"] for x in p["sessions"]) and s["unscheduled"] == [] else 1)' \
	"$ex/small.json" "$tmp/small.json"
written=$(json_get "$tmp/small.json" 'd["score"]["total"]')

run evaluate "$ex/small.json" "$tmp/small.json"
expect_rc 0 "evaluate a solved schedule"
expect_in "$out" "hard violations: 0" "evaluate text report"
expect_in "$out" "theme_clash" "evaluate text report"

run evaluate "$ex/small.json" "$tmp/small.json" --json
expect_rc 0 "evaluate --json"
cp "$out" "$tmp/report.json"
expect_true "evaluate --json is valid JSON" py 'import json, sys; json.load(open(sys.argv[1]))' "$tmp/report.json"
evaluated=$(json_get "$tmp/report.json" 'd["total"]')
expect_true "evaluate score ($evaluated) equals the written score.total ($written)" same_number "$evaluated" "$written"
expect_true "evaluate --json has the documented keys" \
	py 'import json, sys
d = json.load(open(sys.argv[1]))
keys = {"hard_violations", "violations", "soft", "total", "scheduled", "unscheduled", "clash_pairs",
        "theme_share", "worst_theme_share", "mean_theme_share"}
sys.exit(0 if keys <= set(d) and d["hard_violations"] == 0 and d["violations"] == [] else 1)' "$tmp/report.json"
expect_true "small.json reaches its proven optimum 10" same_number "$evaluated" 10

# A hand-written schedule (the optimum from examples/README.md) evaluates to 10.
run evaluate "$ex/small.json" "$data/small-optimal.schedule.json" --json
expect_rc 0 "evaluate a hand-written schedule"
cp "$out" "$tmp/optimal.json"
expect_true "the README's optimal schedule scores 10" same_number "$(json_get "$tmp/optimal.json" 'd["total"]')" 10

# --weight changes the score: the optimum's only cost is one theme clash.
run evaluate "$ex/small.json" "$data/small-optimal.schedule.json" --json --weight theme_clash=0
expect_rc 0 "evaluate --weight theme_clash=0"
cp "$out" "$tmp/w0.json"
expect_true "--weight theme_clash=0 changes the score from 10 to 0" same_number "$(json_get "$tmp/w0.json" 'd["total"]')" 0
expect_true "--weight shows in the report" same_number "$(json_get "$tmp/w0.json" 'd["soft"]["theme_clash"]["weight"]')" 0
run evaluate "$ex/small.json" "$data/small-optimal.schedule.json" --json --weight theme_clash=2.5
cp "$out" "$tmp/w25.json"
expect_true "--weight theme_clash=2.5 gives 2.5" same_number "$(json_get "$tmp/w25.json" 'd["total"]')" 2.5
# The matheuristic: --submip N runs N sub-MIPs (counted work) and the solver block counts them;
# a default run's block has no such key.
run solve "$ex/tracks.json" -o "$tmp/tracks-sub.json" --quiet --moves 20000 --submip 3
expect_rc 0 "solve --submip 3"
expect_true "solve --submip 3: the solver block counts 3 sub-MIPs, proven and improving ones at most 3" \
	py 'import json, sys
b = json.load(open(sys.argv[1]))["solver"]; m = b["submips"]
sys.exit(0 if m["ran"] == 3 and 0 <= m["proven"] <= 3 and 0 <= m["improved"] <= 3 and "submip" in b["name"] else 1)' \
	"$tmp/tracks-sub.json"
expect_true "a run without sub-MIPs writes no submips key" \
	py 'import json, sys; sys.exit(0 if "submips" not in json.load(open(sys.argv[1]))["solver"] else 1)' "$tmp/small.json"
run solve "$ex/tracks.json" -o "$tmp/tracks-sub.txt" --format text --quiet --moves 20000 --submip 3
expect_in "$tmp/tracks-sub.txt" "3 sub-MIPs" "the text schedule's solver line"

run solve "$ex/small.json" -o "$tmp/small-w0.json" --quiet --weight theme_clash=0
expect_rc 0 "solve --weight theme_clash=0"
expect_true "solve --weight theme_clash=0 changes the written score" \
	py 'import json, sys; sys.exit(0 if json.load(open(sys.argv[1]))["score"]["total"] < 10 else 1)' "$tmp/small-w0.json"

# Formats.
run solve "$ex/small.json" -o "$tmp/small.csv" --format csv --quiet
expect_rc 0 "solve --format csv"
csv_ok='import csv, json, sys
p = json.load(open(sys.argv[1]))
rows = list(csv.reader(open(sys.argv[2], newline="")))
ok = rows[0][:4] == ["session", "title", "type", "status"] and len(rows) == 1 + len(p["sessions"])
ok = ok and sorted(r[0] for r in rows[1:]) == sorted(s["id"] for s in p["sessions"])
ok = ok and all(len(r) == len(rows[0]) for r in rows)
sys.exit(0 if ok else 1)'
expect_true "CSV: a header and one row per session" py "$csv_ok" "$ex/small.json" "$tmp/small.csv"
run solve "$ex/small.json" -o "$tmp/by-extension.csv" --quiet
expect_rc 0 "solve -o X.csv (format from the extension)"
expect_true "CSV by extension: a header and one row per session" py "$csv_ok" "$ex/small.json" "$tmp/by-extension.csv"

run solve "$ex/small.json" -o "$tmp/small.txt" --format text --quiet
expect_rc 0 "solve --format text"
for id in main-01 of-01 of-02 of-03 ws-01 ws-02 ws-03 ws-04 ws-05 ws-06; do
	expect_in "$tmp/small.txt" "$id" "text output lists every session"
done
expect_in "$tmp/small.txt" "Unscheduled: none" "text output"
expect_in "$tmp/small.txt" "hard violations: 0" "text output carries the report"

# HTML: one self-contained page, the same bytes for the same schedule (the browser checks are in html_test.sh).
no_remote() { test "$(grep -Eci 'https?://|src=|<link|@import|url\(' "$1")" -eq 0; }
run solve "$ex/small.json" -o "$tmp/small.html" --quiet
expect_rc 0 "solve -o X.html (format from the extension)"
expect_in "$tmp/small.html" "<!DOCTYPE html>" "HTML output"
expect_true "HTML output refers to nothing outside the file" no_remote "$tmp/small.html"
run solve "$ex/small.json" --format html -o "$tmp/again.htm" --quiet
expect_rc 0 "solve --format html -o X.htm"
expect_true "HTML output: the same schedule gives the same bytes" cmp -s "$tmp/small.html" "$tmp/again.htm"
run solve "$ex/igf-like.json" -o "$tmp/igf-like.html" --solver heuristic --moves 20000 --quiet
expect_true "HTML output at IGF scale refers to nothing outside the file" no_remote "$tmp/igf-like.html"

run solve "$ex/small.json" -o "$tmp/small.schedule" --quiet
expect_rc 2 "solve -o with an extension that names no format"
expect_no_file "$tmp/small.schedule" "unknown extension"
run solve "$ex/small.json" -o "$tmp/fmt.json" --format yaml --quiet
expect_rc 2 "solve --format yaml"
expect_no_file "$tmp/fmt.json" "unknown format"

run solve "$ex/small.json" -o -
expect_rc 0 "solve -o - (standard output)"
expect_true "solve -o - prints the schedule JSON alone, the summary going to stderr" py 'import json, sys; json.load(open(sys.argv[1]))["assignments"]' "$out"

# Without -o: three files in --out-dir, named after the problem.
run solve "$ex/small.json" --out-dir "$tmp/outdir" --quiet
expect_rc 0 "solve --out-dir"
for ext in json csv txt; do
	expect_file "$tmp/outdir/small.schedule.$ext" "solve --out-dir"
done
expect_true "--out-dir holds exactly the three files" \
	test "$(listing "$tmp/outdir" | tr '\n' ' ')" = "small.schedule.csv small.schedule.json small.schedule.txt "
expect_true "solve --out-dir JSON: same score" \
	same_number "$(json_get "$tmp/outdir/small.schedule.json" 'd["score"]["total"]')" "$written"

# Without a problem: the bundled example, written to the default directory of the cwd.
mkdir "$tmp/bundled"
(cd "$tmp/bundled" && "$bin" solve --quiet >"$out" 2>"$err")
rc=$?
expect_rc 0 "solve with no problem (the bundled example)"
for ext in json csv txt; do
	expect_file "$tmp/bundled/igfsched-out/igf-like.schedule.$ext" "solve with no problem"
done
run evaluate "$ex/igf-like.json" "$tmp/bundled/igfsched-out/igf-like.schedule.json"
expect_rc 0 "the bundled example's schedule evaluates clean"

# Verbose summary: the score on standard output matches the file.
run solve "$ex/small.json" -o "$tmp/verbose.json"
expect_rc 0 "solve (verbose)"
expect_in "$out" "0 hard violations, score 10.000" "solve summary"
expect_in "$out" "; bound 10.000, gap 0.00 % (proven optimal)" "solve summary with the MIP's proof"
run solve "$ex/dc-individual.json" --solver exact --gap 0.3 -o "$tmp/verbose.json"
expect_in "$out" "gap 0.18 % (within --gap)" "a gap within --gap is not called proven optimal"
run solve "$ex/small.json" --solver heuristic -o "$tmp/verbose.json"
expect_true "no bound in the summary where no solver proved one" bash -c "! grep -q \"; bound\" \"$out\""

# The schedule may come on standard input.
"$bin" evaluate "$ex/small.json" - <"$tmp/small.json" >"$out" 2>"$err"
rc=$?
expect_rc 0 "evaluate PROBLEM - (schedule on standard input)"
expect_in "$out" "hard violations: 0" "evaluate from standard input"

# evaluate -o writes the report to a file.
run evaluate "$ex/small.json" "$tmp/small.json" -o "$tmp/eval.txt"
expect_rc 0 "evaluate -o"
expect_in "$tmp/eval.txt" "hard violations: 0" "evaluate -o"
expect_true "evaluate -o prints nothing on standard output" test ! -s "$out"
expect_true "evaluate -o writes the report, not a schedule" test "$(grep -c '^assignments\|\"assignments\"' "$tmp/eval.txt")" -eq 0
run evaluate "$ex/small.json" "$tmp/small.json" --json -o "$tmp/eval.json"
expect_rc 0 "evaluate --json -o"
expect_true "evaluate --json -o writes the same report as evaluate --json" \
	py 'import json, sys; a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2])); sys.exit(0 if a == b else 1)' "$tmp/eval.json" "$tmp/report.json"

# An unsolvable problem: exit 1, the output still lists the session left out, with its reason.
run solve "$data/infeasible-pins.json" -o "$tmp/infeasible.json" --quiet
expect_rc 1 "solve an unsolvable problem"
expect_true "the unsolvable schedule lists the session left out with a reason" \
	py 'import json, sys
d = json.load(open(sys.argv[1]))
u = d["unscheduled"]
sys.exit(0 if len(u) == 1 and u[0]["session"] in ("keynote-a", "keynote-b") and u[0]["reason"] else 1)' \
	"$tmp/infeasible.json"
run solve "$data/infeasible-pins.json" -o "$tmp/infeasible2.json"
expect_in "$err" "keynote-" "solve names the session it could not place"

# ---- bad input: exit 2 and a message that says where ----

run check "$data/bad-problem.json"
expect_rc 2 "check a bad problem"
expect_in "$err" "bad-problem.json" "bad problem: message names the file"
expect_in "$err" "sessions[1].duration" "bad problem: message has the JSON path"
expect_in "$err" "sessions[2].pin.room" "bad problem: every problem is reported"
run solve "$data/bad-problem.json" -o "$tmp/bad-out.json" --quiet
expect_rc 2 "solve a bad problem"
expect_in "$err" "sessions[1].duration" "solve a bad problem: JSON path"
expect_no_file "$tmp/bad-out.json" "solve a bad problem writes nothing"
run solve "$data/bad-problem.json" --out-dir "$tmp/bad-dir" --quiet
expect_rc 2 "solve a bad problem (default outputs)"
expect_no_file "$tmp/bad-dir" "solve a bad problem creates no output directory"
run evaluate "$data/bad-problem.json" "$tmp/small.json"
expect_rc 2 "evaluate with a bad problem"

echo '{"meeting": ' >"$tmp/truncated.json"
run check "$tmp/truncated.json"
expect_rc 2 "check a file that is not JSON"
expect_in "$err" "truncated.json" "not JSON: message names the file"
expect_in "$err" "line " "not JSON: message has the line"

run check "$tmp/no-such-file.json"
expect_rc 2 "check a missing file"
expect_in "$err" "no-such-file.json" "missing file: message names it"
run solve "$tmp/no-such-file.json" -o "$tmp/missing-out.json" --quiet
expect_rc 2 "solve a missing file"
expect_no_file "$tmp/missing-out.json" "solve a missing file writes nothing"
run evaluate "$ex/small.json" "$tmp/no-such-schedule.json"
expect_rc 2 "evaluate a missing schedule"
expect_in "$err" "no-such-schedule.json" "missing schedule: message names it"
run evaluate "$ex/small.json"
expect_rc 2 "evaluate without a schedule"
run check
expect_rc 2 "check without a file"

for cmd in check solve evaluate; do
	run "$cmd" --no-such-option "$ex/small.json"
	expect_rc 2 "$cmd --no-such-option"
	expect_in "$err" "--no-such-option" "$cmd: the unknown option is named"
done
run solve "$ex/small.json" "$ex/small.json" -o "$tmp/two.json"
expect_rc 2 "solve with two problem files"
expect_no_file "$tmp/two.json" "solve with two problem files writes nothing"

run evaluate "$ex/small.json" "$data/small-unknown-room.schedule.json"
expect_rc 2 "evaluate a schedule with an unknown room"
expect_in "$err" "small-unknown-room.schedule.json" "unknown room: message names the file"
expect_in "$err" "assignments[8].room" "unknown room: message has the JSON path"
expect_in "$err" "room-z" "unknown room: message names the room"
run evaluate "$ex/small.json" "$data/small-unknown-room.schedule.json" -o "$tmp/unknown-room-report.txt"
expect_rc 2 "evaluate -o with a bad schedule"
expect_no_file "$tmp/unknown-room-report.txt" "evaluate -o with a bad schedule writes nothing"
run evaluate "$ex/small.json" "$ex/small.json"
expect_rc 2 "evaluate with a problem file as the schedule"

# Schedules the reader must refuse, each with the JSON path of the fault.
bad_schedule() { # NAME WHERE JSON-ASSIGNMENTS
	printf '{"assignments": [%s]}\n' "$3" >"$tmp/$1.schedule.json"
	run evaluate "$ex/small.json" "$tmp/$1.schedule.json"
	expect_rc 2 "evaluate a schedule with $1"
	expect_in "$err" "$2" "schedule with $1: message has the JSON path"
}
bad_schedule "an unknown session" "assignments[0].session" \
	'{"session": "ws-99", "day": "Day 1", "start": "09:00", "room": "hall"}'
bad_schedule "a session assigned twice" "assignments[1].session" \
	'{"session": "ws-01", "day": "Day 1", "start": "09:00", "room": "hall"}, {"session": "ws-01", "day": "Day 2", "start": "09:00", "room": "hall"}'
bad_schedule "an unknown day" "assignments[0].day" \
	'{"session": "ws-01", "day": "Day 9", "start": "09:00", "room": "hall"}'
bad_schedule "a start off the grid" "assignments[0].start" \
	'{"session": "ws-01", "day": "Day 1", "start": "09:30", "room": "hall"}'
bad_schedule "a wrong end" "assignments[0].end" \
	'{"session": "ws-01", "day": "Day 1", "start": "09:00", "end": "10:00", "room": "hall"}'
bad_schedule "a missing room" "assignments[0].room" \
	'{"session": "ws-01", "day": "Day 1", "start": "09:00"}'
bad_schedule "an unknown key" "assignments[0].rooom" \
	'{"session": "ws-01", "day": "Day 1", "start": "09:00", "room": "hall", "rooom": "hall"}'

# A hand-written schedule with a hard violation: exit 1 and the violation printed.
run evaluate "$ex/small.json" "$data/small-room-clash.schedule.json"
expect_rc 1 "evaluate a schedule with a room clash"
expect_in "$out" "hard violations: 1" "room clash report"
expect_in "$out" "room_clash" "room clash report names the kind"
expect_in "$out" "'ws-06'" "room clash report names the first session"
expect_in "$out" "'of-03'" "room clash report names the second session"
expect_in "$out" "'room-a'" "room clash report names the room"
run evaluate "$ex/small.json" "$data/small-room-clash.schedule.json" --json
expect_rc 1 "evaluate --json a schedule with a room clash"
cp "$out" "$tmp/clash.json"
expect_true "room clash in JSON" py 'import json, sys
d = json.load(open(sys.argv[1]))
v = d["violations"]
sys.exit(0 if d["hard_violations"] == 1 and v[0]["kind"] == "room_clash" and v[0]["room"] == "room-a"
         and sorted(v[0]["sessions"]) == ["of-03", "ws-06"] else 1)' "$tmp/clash.json"
run evaluate "$ex/small.json" "$data/small-room-clash.schedule.json" -o "$tmp/clash.html"
expect_rc 1 "evaluate -o X.html a schedule with a room clash"
expect_true "evaluate -o X.html marks both sessions of the room clash" \
	test "$(grep -c '>hard: room_clash</span>' "$tmp/clash.html")" -eq 2

# An empty schedule is valid input: every required session is an 'unscheduled' violation.
echo '{"assignments": []}' >"$tmp/empty.schedule.json"
run evaluate "$ex/small.json" "$tmp/empty.schedule.json"
expect_rc 1 "evaluate an empty schedule"
expect_in "$out" "unscheduled (10)" "empty schedule: one violation per required session"

# Bad option values.
run solve "$ex/small.json" --time-limit -1 -o "$tmp/tl.json"
expect_rc 2 "--time-limit -1"
expect_in "$err" "--time-limit" "--time-limit -1: message names the option"
expect_no_file "$tmp/tl.json" "--time-limit -1 writes nothing"
run solve "$ex/small.json" --time-limit abc -o "$tmp/tl.json"
expect_rc 2 "--time-limit abc"
run solve "$ex/small.json" --seed 1.5 -o "$tmp/tl.json"
expect_rc 2 "--seed 1.5"
run solve "$ex/small.json" --time-limit
expect_rc 2 "--time-limit without a value"
run evaluate "$ex/small.json" "$tmp/small.json" --weight no_such_term=1
expect_rc 2 "--weight with an unknown name"
run evaluate "$ex/small.json" "$tmp/small.json" --weight theme_clash=-1
expect_rc 2 "--weight with a negative value"
run evaluate "$ex/small.json" "$tmp/small.json" --weight theme_clash
expect_rc 2 "--weight without a value"

# ---- failures leave existing outputs alone ----

printf 'precious\n' >"$tmp/existing.json"
sum_before=$(sha256sum <"$tmp/existing.json")
before=$(listing "$tmp")
run solve "$data/bad-problem.json" -o "$tmp/existing.json" --quiet
expect_rc 2 "solve a bad problem over an existing file"
run solve "$ex/small.json" -o "$tmp/existing.json" --time-limit -1
expect_rc 2 "solve with a bad option over an existing file"
run solve "$ex/small.json" -o "$tmp/existing.json" --bogus
expect_rc 2 "solve with an unknown option over an existing file"
run evaluate "$ex/small.json" "$data/small-unknown-room.schedule.json" -o "$tmp/existing.json"
expect_rc 2 "evaluate a bad schedule over an existing file"
expect_true "a failed run leaves the existing output untouched" test "$(sha256sum <"$tmp/existing.json")" = "$sum_before"
expect_true "a failed run leaves no temporary file behind" test "$(listing "$tmp")" = "$before"

# Writing into a directory that does not exist is a system error (3), not a crash.
run solve "$ex/small.json" -o "$tmp/no/such/dir/out.json" --quiet
expect_rc 3 "solve -o into a missing directory"
expect_in "$err" "out.json" "unwritable output: message names it"

# ---- inputs are never modified ----

expect_true "no input file was modified" sha256sum --quiet -c "$tmp/inputs.sha"

# ---- duplicates and compare ----

run --help
for word in duplicates compare; do
	expect_in "$out" "$word" "--help lists $word"
done
run duplicates --help
expect_rc 0 "duplicates --help"
for word in --threshold --top --json --merge --output; do
	expect_in "$out" "$word" "duplicates --help"
done
run compare --help
expect_rc 0 "compare --help"
for word in --json --time-limit --solver --seed; do
	expect_in "$out" "$word" "compare --help"
done

run duplicates "$ex/igf-like.json"
expect_rc 0 "duplicates igf-like.json"
expect_in "$out" "pairs (best first)" "duplicates lists pairs"
expect_in "$out" "clusters (connected components" "duplicates lists clusters"
run duplicates "$ex/igf-like.json" --json --top 0
expect_rc 0 "duplicates --json --top 0"
cp "$out" "$tmp/dups.json"
expect_true "duplicates --json: every pair above the threshold, best first then by ids, each inside one cluster" \
	py 'import json, sys
d = json.load(open(sys.argv[1]))
pairs, clusters = d["pairs"], d["clusters"]
ok = len(pairs) == d["n_pairs"] > 0 and len(clusters) == d["n_clusters"] > 0
keys = [(-p["score"], p["a"], p["b"]) for p in pairs]
ok = ok and keys == sorted(keys) and all(p["a"] < p["b"] and p["score"] >= d["threshold"] for p in pairs)
ok = ok and all(set(p) >= {"text", "themes", "tags"} for p in pairs)
where = {s: i for i, c in enumerate(clusters) for s in c["sessions"]}
ok = ok and all(p["a"] in where and where[p["a"]] == where.get(p["b"]) for p in pairs)
ok = ok and all(len(c["sessions"]) >= 2 for c in clusters) and len(where) == sum(len(c["sessions"]) for c in clusters)
sys.exit(0 if ok else 1)' "$tmp/dups.json"
run duplicates "$ex/igf-like.json" --json --threshold 0.9 --top 0
expect_rc 0 "duplicates --threshold 0.9"
expect_true "a higher threshold lists fewer pairs, all at or above it" \
	py 'import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
sys.exit(0 if b["n_pairs"] < a["n_pairs"] and all(p["score"] >= 0.9 for p in b["pairs"]) else 1)' "$tmp/dups.json" "$out"
run duplicates "$ex/igf-like.json" --json --top 3
expect_true "duplicates --top 3 prints three pairs" \
	py 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(0 if len(d["pairs"]) == 3 and d["n_pairs"] > 3 else 1)' "$out"

for bad in "--threshold 0" "--threshold 1.5" "--threshold abc" "--top -1" "--top" "--bogus"; do
	# shellcheck disable=SC2086 # the option and its value are two words
	run duplicates "$ex/small.json" $bad
	expect_rc 2 "duplicates $bad"
done
run duplicates
expect_rc 2 "duplicates without a problem"
run duplicates "$data/bad-problem.json"
expect_rc 2 "duplicates with a bad problem"
expect_in "$err" "sessions[1].duration" "duplicates with a bad problem: JSON path"

# --merge writes a new problem that passes check; the input is untouched.
printf '[["ws-002", "ws-003"], ["ws-018", "ws-008"]]\n' >"$tmp/merges.json"
run duplicates "$ex/dc-joint.json" --merge "$tmp/merges.json" -o "$tmp/merged.json"
expect_rc 0 "duplicates --merge"
expect_file "$tmp/merged.json" "duplicates --merge"
run check "$tmp/merged.json"
expect_rc 0 "the merged problem passes check"
expect_true "merged: one session per group with the first's id and title, the longest duration and every person" \
	py 'import json, sys
p, m = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
P = {s["id"]: s for s in p["sessions"]}
M = {s["id"]: s for s in m["sessions"]}
ids = lambda s: {x["id"] if isinstance(x, dict) else x for x in s.get("people", [])}
ok = len(m["sessions"]) == len(p["sessions"]) - 2 and "ws-003" not in M and "ws-008" not in M
ok = ok and M["ws-002"]["title"] == P["ws-002"]["title"] and M["ws-018"]["title"] == P["ws-018"]["title"]
ok = ok and M["ws-018"]["duration"] == max(P["ws-018"]["duration"], P["ws-008"]["duration"]) == 90
ok = ok and ids(M["ws-018"]) == ids(P["ws-018"]) | ids(P["ws-008"])
ok = ok and {k: v for k, v in p.items() if k != "sessions"} == {k: v for k, v in m.items() if k != "sessions"}
sys.exit(0 if ok else 1)' "$ex/dc-joint.json" "$tmp/merged.json"

# Bad merge files: exit 2, the JSON path in the merges file, nothing written.
printf 'precious\n' >"$tmp/precious.json"
sum_before=$(sha256sum <"$tmp/precious.json")
before=$(listing "$tmp")
bad_merge() { # WHAT WHERE MERGES-JSON
	printf '%s\n' "$3" >"$tmp/bad-merges.json"
	run duplicates "$ex/dc-joint.json" --merge "$tmp/bad-merges.json" -o "$tmp/bad-merged.json"
	expect_rc 2 "merge with $1"
	expect_in "$err" "bad-merges.json: $2" "merge with $1: message has the JSON path"
	expect_no_file "$tmp/bad-merged.json" "merge with $1 writes nothing"
	run duplicates "$ex/dc-joint.json" --merge "$tmp/bad-merges.json" -o "$tmp/precious.json"
	expect_rc 2 "merge with $1 over an existing file"
}
bad_merge "an unknown id" "[0][1]: 'ws-999' is not a session id" '[["ws-002", "ws-999"]]'
bad_merge "an id in two merges" "[1][0]: 'ws-002' is already merged at [0][0]" '[["ws-002", "ws-003"], ["ws-002", "ws-004"]]'
bad_merge "fewer than two ids" "[0]: lists 1 session id" '[["ws-002"]]'
bad_merge "not a list of lists" "[0]: expected a list of session ids" '["ws-002", "ws-003"]'
bad_merge "broken JSON" "line 2, column 0: cannot read the merges file" '[["ws-002", '
expect_true "a bad merge leaves the existing output untouched" test "$(sha256sum <"$tmp/precious.json")" = "$sum_before"
rm -f "$tmp/bad-merges.json"
expect_true "a bad merge leaves no temporary file behind" test "$(listing "$tmp")" = "$before"
run duplicates "$ex/dc-joint.json" --merge "$tmp/merges.json"
expect_rc 2 "--merge without -o"
run duplicates "$ex/dc-joint.json" -o "$tmp/x.json"
expect_rc 2 "-o without --merge"
expect_no_file "$tmp/x.json" "-o without --merge writes nothing"
cp "$ex/dc-joint.json" "$tmp/own-input.json"
sum_before=$(sha256sum <"$tmp/own-input.json")
run duplicates "$tmp/own-input.json" --merge "$tmp/merges.json" -o "$tmp/own-input.json"
expect_rc 2 "--merge -o the input itself"
expect_true "--merge never overwrites its input" test "$(sha256sum <"$tmp/own-input.json")" = "$sum_before"

# compare: one column per scenario, in the order given.
run compare "$ex/small.json" "$ex/dc-joint.json" --solver heuristic --moves 20000 --quiet
expect_rc 0 "compare two scenarios"
cp "$out" "$tmp/compare.txt"
expect_true "compare prints one column per scenario, every row filled" \
	py 'import sys
lines = open(sys.argv[1]).read().splitlines()
labels = ["sessions scheduled", "sessions left out", "room-hours used", "duplicate pairs in parallel", "clash pairs",
          "worst theme share", "mean theme share", "hard violations", "score", "solve time (s)", "gap", "status"]
ok = lines[0].split() == ["small", "dc-joint"]
rows = {l: line[len(l):].split() for line in lines[1:] for l in labels if line.startswith(l)}
ok = ok and sorted(rows) == sorted(labels) and all(len(v) == 2 for v in rows.values())
ok = ok and rows["sessions scheduled"] == ["10", "60"] and rows["hard violations"] == ["0", "0"]
sys.exit(0 if ok else 1)' "$tmp/compare.txt"
run compare "$ex/small.json" "$ex/dc-joint.json" --solver heuristic --moves 20000 --quiet --json
expect_rc 0 "compare --json"
expect_true "compare --json: one entry per scenario with the documented keys" \
	py 'import json, sys
d = json.load(open(sys.argv[1]))
keys = {"name", "file", "status", "scheduled", "unscheduled", "room_hours", "duplicate_pairs_in_parallel",
        "clash_pairs", "worst_theme_share", "mean_theme_share", "hard_violations", "score", "solve_seconds", "gap"}
s = d["scenarios"]
ok = [x["name"] for x in s] == ["small", "dc-joint"] and all(keys <= set(x) for x in s)
ok = ok and s[0]["scheduled"] == 10 and s[1]["scheduled"] == 60 and s[0]["hard_violations"] == 0
sys.exit(0 if ok else 1)' "$out"

# compare's numbers are those of separate solve + evaluate runs with the same options.
cp "$out" "$tmp/compare.json"
for sc in small dc-joint; do
	run solve "$ex/$sc.json" --solver heuristic --moves 20000 --quiet -o "$tmp/cmp-$sc.json"
	run evaluate "$ex/$sc.json" "$tmp/cmp-$sc.json" --json -o "$tmp/cmp-$sc.eval.json"
done
expect_true "compare's table matches separate solve and evaluate runs" py 'import json, sys
c = {x["name"]: x for x in json.load(open(sys.argv[1]))["scenarios"]}
ok = True
for name in ("small", "dc-joint"):
    e = json.load(open(sys.argv[2] + "/cmp-" + name + ".eval.json"))
    x = c[name]
    same = lambda a, b: (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-6)
    ok = ok and x["scheduled"] == e["scheduled"] and x["unscheduled"] == e["unscheduled"]
    ok = ok and x["hard_violations"] == e["hard_violations"] and same(x["score"], e["total"])
    ok = ok and x["clash_pairs"] == e["clash_pairs"] and same(x["worst_theme_share"], (e["worst_theme_share"] or {}).get("share"))
    ok = ok and same(x["mean_theme_share"], e["mean_theme_share"])
sys.exit(0 if ok else 1)' "$tmp/compare.json" "$tmp"

# Two identical proposals that can only run together: one duplicate pair in parallel.
cat >"$tmp/twins.json" <<'EOF'
{"meeting": {"name": "Twins"}, "days": [{"date": "2025-06-23", "slots": ["09:00-10:00"]}],
 "rooms": [{"id": "r1"}, {"id": "r2"}],
 "sessions": [{"id": "a", "title": "Water policy in cities", "duration": 60},
              {"id": "b", "title": "Water policy in cities", "duration": 60}]}
EOF
run compare "$tmp/twins.json" --quiet --solver heuristic --moves 1000 --json
expect_rc 0 "compare a scenario with twins"
expect_true "compare counts the twins as a duplicate pair in parallel" \
	py 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(0 if d["scenarios"][0]["duplicate_pairs_in_parallel"] == 1 else 1)' "$out"

run compare "$ex/small.json" "$data/infeasible-pins.json" --solver heuristic --moves 20000 --quiet
expect_rc 1 "compare with an unsolvable scenario"
expect_in "$out" "infeasible-pins" "compare still prints the unsolvable scenario's column"
run compare "$ex/small.json" "$data/bad-problem.json" --quiet
expect_rc 2 "compare with a bad scenario"
expect_in "$err" "sessions[1].duration" "compare with a bad scenario: JSON path"
expect_true "compare with a bad scenario solves nothing" test ! -s "$out"
run compare "$ex/small.json" "$tmp/no-such-file.json" --quiet
expect_rc 2 "compare with a missing scenario"
run compare
expect_rc 2 "compare without scenarios"
run compare "$ex/small.json" --bogus
expect_rc 2 "compare --bogus"
expect_in "$err" "--bogus" "compare: the unknown option is named"
run compare "$ex/small.json" --time-limit -1
expect_rc 2 "compare --time-limit -1"

# ---- import-csv: spreadsheet input ----

run import-csv --help
expect_rc 0 "import-csv --help"
expect_in "$out" "--venue" "import-csv --help names --venue"
run import-csv "$ex/spreadsheet/sessions-small.csv" --venue "$ex/spreadsheet/venue-small.json" -o "$tmp/imported.json"
expect_rc 0 "import-csv of the small example"
expect_in "$err" "10 sessions" "import-csv says how many sessions it wrote"
expect_true "the imported sessions are small.json's (ids, titles, types, durations, themes, tags, people, attendance, requirements)" py 'import json, sys
a = json.load(open(sys.argv[1]))["sessions"]; b = json.load(open(sys.argv[2]))["sessions"]
def norm(s):
    people = [p if isinstance(p, dict) else {"id": p, "role": "other"} for p in s.get("people", [])]
    return (s["id"], s.get("title"), s.get("type", "workshop"), s["duration"], s.get("themes", []), s.get("tags", []),
            [(p["id"], p["role"] == "organiser") for p in people], s.get("attendance"), s.get("requires", []),
            s.get("priority", 1), s.get("optional", False))
sys.exit(0 if list(map(norm, a)) == list(map(norm, b)) else 1)' "$ex/small.json" "$tmp/imported.json"
run check "$tmp/imported.json"
expect_rc 0 "the imported problem passes check"
run solve "$tmp/imported.json" --quiet -o "$tmp/imported.schedule.json"
expect_rc 0 "the imported problem solves"

# Quoting as spreadsheets write it: a byte-order mark, CRLF, commas, line breaks and doubled
# quotes inside quoted cells, columns in another order with other spellings.
printf '\xef\xbb\xbfDuration,Session ID,Title,Organizers,Sub-theme\r\n90,q1,"Water, cities and ""smart"" grids",Aiko Tanaka; Zoe New,AI & Emerging Technologies\r\n60,q2,"Two\r\nlines",,ai\r\n' >"$tmp/quoted.csv"
run import-csv "$tmp/quoted.csv" --venue "$ex/spreadsheet/venue-small.json" -o "$tmp/quoted.json"
expect_rc 0 "import-csv with BOM, CRLF and quoted cells"
expect_true "quoted cells keep their commas, quotes and line breaks; new people get ids" py 'import json, sys
d = json.load(open(sys.argv[1])); s = {x["id"]: x for x in d["sessions"]}
people = {p["id"]: p["name"] for p in d["people"]}
ok = s["q1"]["title"] == "Water, cities and \"smart\" grids" and s["q2"]["title"] == "Two\r\nlines"
ok = ok and [p["id"] for p in s["q1"]["people"]] == ["p1", "zoe-new"] and people["zoe-new"] == "Zoe New"
sys.exit(0 if ok and s["q2"]["themes"] == ["ai"] else 1)' "$tmp/quoted.json"

# Every bad cell, each at its line and column; line 3's cell spans two lines, so the next row
# starts on line 5.
printf '%s\n' 'id,title,duration,themes,priority,attendance,requirements,organisers' \
	'b1,Fine,90,ai,1,10,hybrid,Aiko Tanaka' \
	'b2,"A title' 'on two lines",ninety,ai,1,10,,' \
	'b3,Unknown theme,60,space,1,10,,' \
	'b4,Bad numbers,60,ai,high,-3,,' \
	'b5,Bad feature,60,ai,1,10,teleporter,' \
	'b1,Same id,60,ai,1,10,,' \
	'b7,Too few cells,60' \
	'b8,Open quote,60,"ai,1,10,,' >"$tmp/bad.csv"
run import-csv "$tmp/bad.csv" --venue "$ex/spreadsheet/venue-small.json" -o "$tmp/bad.json"
expect_rc 2 "import-csv with bad rows"
expect_no_file "$tmp/bad.json" "nothing written when a row is bad"
expect_in "$err" "bad.csv: line 3, column 3 (duration): 'ninety' is not a number of minutes" "bad duration at its line and column"
expect_in "$err" "bad.csv: line 5, column 4 (themes): 'space' is not a theme of the venue" "unknown theme at its line and column"
expect_in "$err" "bad.csv: line 6, column 5 (priority): 'high' is not a priority" "bad priority"
expect_in "$err" "bad.csv: line 6, column 6 (attendance): '-3' is not a number of people" "bad attendance"
expect_in "$err" "bad.csv: line 7, column 7 (requirements): no room of the venue has the feature 'teleporter'" "unknown requirement"
expect_in "$err" "bad.csv: line 8, column 1 (id): session 'b1' is already on line 2" "duplicate id names the first line"
expect_in "$err" "bad.csv: line 9: 3 cells where the header has 8" "wrong number of cells"
expect_in "$err" "bad.csv: line 10: a quoted cell starting on this line is never closed" "unterminated quote"
printf 'id,title,minutes,room\nx,X,60,a\n' >"$tmp/cols.csv"
run import-csv "$tmp/cols.csv" --venue "$ex/spreadsheet/venue-small.json" -o "$tmp/cols.json"
expect_rc 2 "import-csv with an unknown column"
expect_in "$err" "cols.csv: line 1, column 4: unknown column 'room'" "the unknown column is named at its place"
printf 'id,duration\nx,60\n' >"$tmp/notitle.csv"
run import-csv "$tmp/notitle.csv" --venue "$ex/spreadsheet/venue-small.json" -o "$tmp/cols.json"
expect_rc 2 "import-csv without a title column"
expect_in "$err" "no 'title' column" "the missing required column is named"
printf 'id,title,duration\nx,Caf\xe9 talk,60\n' >"$tmp/latin1.csv"
run import-csv "$tmp/latin1.csv" --venue "$ex/spreadsheet/venue-small.json" -o "$tmp/latin1.json"
expect_rc 2 "import-csv of a Latin-1 file (was reported as out of memory)"
expect_in "$err" "latin1.csv: line 2, byte 6: byte 0xE9 is not UTF-8" "the first non-UTF-8 byte at its line"
expect_no_file "$tmp/latin1.json" "nothing written for a non-UTF-8 file"
run import-csv "$ex/spreadsheet/sessions-small.csv" --venue "$tmp/no-such-venue.json" -o "$tmp/x.json"
expect_rc 2 "import-csv with a missing venue file"
expect_no_file "$tmp/x.json" "nothing written without a venue"
run import-csv "$ex/spreadsheet/sessions-small.csv" -o "$tmp/x.json"
expect_rc 2 "import-csv without --venue"

# ---- group: joint Dynamic Coalition sessions ----

run group --help
expect_rc 0 "group --help"
expect_in "$out" "--wishes" "group --help names --wishes"
run group "$ex/dc-individual.json" -k 10 --replace -o "$tmp/grouped.json"
expect_rc 0 "group dc-individual.json into 10 joint sessions"
expect_in "$out" "10 joint sessions of 29 coalitions" "group prints the grouping"
run check "$tmp/grouped.json"
expect_rc 0 "the grouped problem passes check"
run solve "$tmp/grouped.json" --quiet -o "$tmp/grouped.schedule.json"
expect_rc 0 "the grouped problem solves without a hard violation"
expect_true "10 dc_joint sessions replace the 29 dc_session ones, every coalition in one" py 'import json, sys
d = json.load(open(sys.argv[1])); s = d["sessions"]
joint = [x for x in s if x.get("type") == "dc_joint"]
covered = sorted(g for x in joint for g in x["groups"])
ok = len(joint) == 10 and not any(x.get("type") == "dc_session" for x in s)
sys.exit(0 if ok and covered == sorted(g["id"] for g in d["groups"] if g.get("kind") == "dc") else 1)' "$tmp/grouped.json"
run group "$ex/dc-individual.json" -k 9 --wishes "$ex/wishes/dc-wishes.json" --json
expect_rc 0 "group with the example wishes"
expect_true "the wishes hold in the JSON output" py 'import json, sys
d = json.load(open(sys.argv[1]))
where = {c: i for i, x in enumerate(d["sessions"]) for c in x["coalitions"]}
ok = where["dc-children"] == where["irpc"] and where["dc-blockchain"] != where["dc-iot"]
ok = ok and d["left_out"] == [{"coalition": "dc-interplanetary", "reason": "bilateral meeting only, by wish"}]
sys.exit(0 if ok and len(d["sessions"]) == 9 else 1)' "$out"
echo '{"with": [["dc-children"]], "nope": 1}' >"$tmp/badwishes.json"
run group "$ex/dc-individual.json" -k 9 --wishes "$tmp/badwishes.json" -o "$tmp/nogroup.json"
expect_rc 2 "group with a bad wishes file"
expect_in "$err" "badwishes.json: with[0]: expected a pair of coalition ids" "the bad wish is located"
expect_in "$err" "badwishes.json: nope: unknown key" "an unknown key of the wishes file is named"
expect_no_file "$tmp/nogroup.json" "nothing written with bad wishes"
run group "$ex/dc-individual.json" -k 3 --max-size 4 -o "$tmp/nogroup.json"
expect_rc 2 "group with bounds that cannot hold"
expect_in "$err" "29 coalitions cannot form 3 joint sessions of 2 to 4" "the impossible bounds are explained"
expect_no_file "$tmp/nogroup.json" "nothing written with impossible bounds"
run group "$ex/dc-individual.json" -k 10 --duration 600 -o "$tmp/nogroup.json"
expect_rc 2 "group whose joint sessions fit no start time (was exit 1)"
expect_in "$err" "fits no start time" "the grouped problem's fault is said"
expect_no_file "$tmp/nogroup.json" "nothing written when the grouped problem does not load"

# ---- progress: live on a terminal, plain lines otherwise ----

run solve "$ex/small.json" -o "$tmp/p.json" --moves 200000
expect_true "progress to a file or pipe has no carriage return" py 'import sys; sys.exit(1 if b"\r" in open(sys.argv[1], "rb").read() else 0)' "$err"
expect_in "$err" "local:" "progress lines when not a terminal"
if command -v script >/dev/null; then
	script -qec "$bin solve $ex/small.json -o $tmp/p.json --moves 200000" "$tmp/tty.log" >/dev/null 2>&1
	expect_true "on a terminal the progress line is rewritten in place" py 'import sys
t = open(sys.argv[1], "rb").read()
sys.exit(0 if b"\rlocal:" in t and b"\x1b[K" in t else 1)' "$tmp/tty.log"
else
	echo "note: 'script' (util-linux) not found; the terminal progress check is skipped"
fi
# The exact solver's first progress line comes before GLPK takes the warm start: it shows the
# start's objective (what --verbose 2 reports for it), never "nan".
run solve "$ex/tracks.json" -o "$tmp/px.json" --solver exact --verbose 2 --time-limit 30
expect_rc 0 "solve --solver exact --verbose 2"
expect_true "the exact progress line shows the warm start's objective as incumbent, not nan" py 'import re, sys
t = open(sys.argv[1]).read()
start = re.search(r"^exact: start schedule has model objective ([0-9.]+)$", t, re.M)
first = re.search(r"^exact: .* nodes .* incumbent +(\S+) .* gap +(\S+) %$", t, re.M)
sys.exit(0 if start and first and first.group(1) == start.group(1) and "nan" not in t else 1)' "$err"

# ---- revisions: solve --reference ----

run solve "$ex/small.json" --quiet -o "$tmp/published.json"
expect_rc 0 "solve small for a reference"
run solve "$ex/small.json" -o "$tmp/again.json" --reference "$tmp/published.json"
expect_rc 0 "solve --reference on the unchanged problem"
expect_in "$out" "0 moved to another day, 0 to another time, 0 to another room, 0 left out, 0 new, 0 cancelled" \
	"the unchanged problem re-solves without a change"
expect_true "the schedule lists no change" test "$(json_get "$tmp/again.json" 'len(d["changes"]["sessions"])')" = 0
# The revised problem: one session cancelled, a new one, a room gone.
py 'import json, sys
p = json.load(open(sys.argv[1])); pub = json.load(open(sys.argv[2]))
gone = pub["assignments"][0]["session"]
used = {a["room"] for a in pub["assignments"]}
room = sorted(r["id"] for r in p["rooms"] if r["id"] in used and not r.get("features"))[0]
p["sessions"] = [s for s in p["sessions"] if s["id"] != gone]
for s in p["sessions"]:
    if s.get("pin", {}).get("room") == room:
        del s["pin"]["room"]
p["rooms"] = [r for r in p["rooms"] if r["id"] != room]
p["sessions"].append({"id": "late", "duration": 60, "optional": True})
json.dump(p, open(sys.argv[3], "w"))
print(gone, room)' "$ex/small.json" "$tmp/published.json" "$tmp/revised.json" >"$tmp/revised.txt"
read -r gone room <"$tmp/revised.txt"
run solve "$tmp/revised.json" -o "$tmp/revised.schedule.json" --reference "$tmp/published.json"
expect_rc 0 "solve --reference on a revised problem"
expect_in "$out" "cancelled $gone: no longer in the problem" "the cancelled session is listed"
expect_true "every session changed was in the room that fell out, or is new" py 'import json, sys
d = json.load(open(sys.argv[1])); ch = d["changes"]
ok = ch["cancelled"] == [sys.argv[2]] and all(
    "no longer" in c["from"] or c["change"] == "new" for c in ch["sessions"])
sys.exit(0 if ok and any(c["session"] == "late" for c in ch["sessions"]) else 1)' "$tmp/revised.schedule.json" "$gone"
run evaluate "$tmp/revised.json" "$tmp/revised.schedule.json"
expect_rc 0 "a schedule with changes reads back for evaluate"
run solve "$ex/small.json" -o "$tmp/x.json" --reference "$tmp/no-such.json"
expect_rc 2 "solve --reference with a missing file"
expect_in "$err" "no-such.json" "the missing reference is named"
expect_no_file "$tmp/x.json" "nothing written with a missing reference"
printf '{"assignments": [{"session": "x", "day": "Day 1", "start": "9h", "room": "a"}]}' >"$tmp/badref.json"
run solve "$ex/small.json" -o "$tmp/x.json" --reference "$tmp/badref.json"
expect_rc 2 "solve --reference with a malformed start"
expect_in "$err" "assignments[0].start" "the bad reference entry is located"

expect_true "no input file was modified by duplicates or compare" sha256sum --quiet -c "$tmp/inputs.sha"

# ---- import-cosplib and --format cosplib ----
cd_=$shared/cosplib
if [ ! -d "$cd_" ]; then
	echo "skipped: the import-cosplib checks on N2OR: no CoSPLib data set at $cd_ (set IGS_SHARED_DATA)"
else
	run import-cosplib "$cd_/N2OR.json" -o "$tmp/n2or.json" --solution "$cd_/solutions/N2OR.exact.json" --schedule-out "$tmp/n2or.schedule.json"
	expect_rc 0 "import-cosplib with a solution"
	expect_in "$err" "35 sessions placed" "import-cosplib reports the schedule"
	run check "$tmp/n2or.json"
	expect_rc 0 "the imported problem passes check"
	if command -v python3 >/dev/null; then
		expect_true "the imported problem passes the JSON Schema and its reference checks" \
			bash -c 'python3 "$1" "$2" >/dev/null' _ "$repo/tests/check_schema.py" "$tmp/n2or.json"
	fi
	run evaluate "$tmp/n2or.json" "$tmp/n2or.schedule.json" -o "$tmp/n2or.sol.json" --format cosplib
	expect_rc 0 "the imported published schedule has no hard violation"
	run cosplib-eval "$cd_/N2OR.json" "$tmp/n2or.sol.json"
	expect_rc 0 "the schedule written back is a feasible, valid CoSPLib solution"
	expect_in "$out" "objective 2" "the round trip keeps the published objective"
	sed 's/"end": "10:30"/"end": "09:00"/' "$cd_/N2OR.json" >"$tmp/n2or-bad.json"
	run import-cosplib "$tmp/n2or-bad.json" -o "$tmp/n2or-bad.problem.json"
	expect_rc 2 "import-cosplib of an instance with a block ending before it starts"
	expect_in "$err" "sessions[0]" "the bad block is located"
	expect_no_file "$tmp/n2or-bad.problem.json" "nothing written for a bad instance"
fi
run solve "$ex/small.json" -o "$tmp/small.sol.json" --format cosplib -q
expect_rc 2 "--format cosplib of a problem without slot names"
expect_in "$err" "needs named slots" "the missing slot names are said"
expect_no_file "$tmp/small.sol.json" "nothing written without slot names"

# ---- the search's stopping rule and threads ----
field() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1]))["solver"]; print(d[sys.argv[2]])' "$@"; }
strip_time() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); d["solver"].pop("elapsed_s"); print(json.dumps(d, sort_keys=True))' "$1"; }
run solve "$ex/igf-like.json" --quiet --moves 30000 --threads 2 -o "$tmp/k2a.json"
expect_rc 0 "solve --threads 2"
run solve "$ex/igf-like.json" --quiet --moves 30000 --threads 2 -o "$tmp/k2b.json"
if [ "$(strip_time "$tmp/k2a.json")" = "$(strip_time "$tmp/k2b.json")" ]; then pass; else fail "--threads 2 --moves 30000 twice: the schedules differ"; fi
if [ "$(field "$tmp/k2a.json" threads)" = 2 ] && [ "$(field "$tmp/k2a.json" mode)" = moves ] &&
	[ "$(field "$tmp/k2a.json" effort)" -ge 60000 ]; then pass; else fail "--threads 2: solver block $(field "$tmp/k2a.json" threads) $(field "$tmp/k2a.json" mode) $(field "$tmp/k2a.json" effort)"; fi
run solve "$ex/igf-like.json" --quiet --solver heuristic --time-limit 1 -o "$tmp/t1.json"
expect_rc 0 "solve --time-limit 1 without --moves"
if [ "$(field "$tmp/t1.json" mode)" = time ] && [ "$(field "$tmp/t1.json" effort)" -gt 0 ]; then pass; else fail "--time-limit alone: mode $(field "$tmp/t1.json" mode)"; fi
run solve "$ex/igf-like.json" --quiet --solver heuristic --time-limit 30 --moves 20000 -o "$tmp/t30.json"
if [ "$(field "$tmp/t30.json" mode)" = moves ] && [ "$(field "$tmp/t30.json" effort)" = 20000 ]; then pass; else fail "--moves with --time-limit: mode $(field "$tmp/t30.json" mode), effort $(field "$tmp/t30.json" effort)"; fi
run solve "$ex/small.json" --threads 0 -o "$tmp/k0.json"
expect_rc 2 "--threads 0"
expect_no_file "$tmp/k0.json" "--threads 0 writes nothing"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
