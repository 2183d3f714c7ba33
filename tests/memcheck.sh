#!/usr/bin/env bash
# Runs the CLI's commands under valgrind memcheck; fails on any memory error or leak.
# usage: memcheck.sh VALGRIND IGFSCHED REPO [SHARED_DATA]
# SHARED_DATA: the third-party data sets (default REPO/../shared/data; $IGS_SHARED_DATA wins).
set -u
vg=$1 bin=$2 repo=$3
cp=${IGS_SHARED_DATA:-${4:-$repo/../shared/data}}/cosplib
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
run() { # expected-exit-codes... -- command...
	local ok=() ; while [ "$1" != -- ]; do ok+=("$1"); shift; done; shift
	"$vg" --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all "$@" >"$tmp/out" 2>&1
	local rc=$?
	for c in "${ok[@]}"; do [ "$rc" -eq "$c" ] && return 0; done
	echo "memcheck: exit $rc from: $*"; cat "$tmp/out"; fail=1
}
run 0 -- "$bin" solve "$repo/examples/small.json" --quiet --moves 20000 -o "$tmp/small.json"
run 0 -- "$bin" evaluate "$repo/examples/small.json" "$tmp/small.json"
run 0 -- "$bin" solve "$repo/examples/small.json" --quiet --moves 20000 -o "$tmp/small.html"
run 0 -- "$bin" solve "$repo/examples/small.json" --quiet --moves 0 --format frab-json -o "$tmp/small.frab.json"
run 0 -- "$bin" check "$repo/examples/igf-like.json"
run 0 -- "$bin" solve "$repo/examples/tracks.json" --quiet --moves 20000 --time-limit 5 -o "$tmp/tracks.json"
run 0 -- "$bin" solve "$repo/examples/dc-joint.json" --quiet --solver exact -o "$tmp/dc.json"
run 0 1 -- "$bin" solve "$repo/examples/igf-like.json" --quiet --moves 20000 --solver heuristic --format csv -o "$tmp/igf.csv"
run 0 -- "$bin" duplicates "$repo/examples/igf-like.json" --top 20
run 0 -- "$bin" compare "$repo/examples/small.json" "$repo/examples/dc-joint.json" --quiet --moves 20000
run 0 -- "$bin" import-csv "$repo/examples/spreadsheet/sessions-small.csv" --venue "$repo/examples/spreadsheet/venue-small.json" -o "$tmp/imported.json"
run 0 -- "$bin" solve "$repo/examples/small.json" --quiet --moves 20000 -o "$tmp/revised.json" --reference "$tmp/small.json"
printf 'id,title,duration,themes\nx,"open,60,ai\ny,Y,sixty,nope\n' >"$tmp/bad.csv"
run 2 -- "$bin" import-csv "$tmp/bad.csv" --venue "$repo/examples/spreadsheet/venue-small.json" -o "$tmp/bad-import.json"
run 0 -- "$bin" group "$repo/examples/dc-individual.json" -k 10 --wishes "$repo/examples/wishes/dc-wishes.json" --replace -o "$tmp/grouped.json"
run 0 -- "$bin" import-frab "$repo/tests/data/frab/flaws.xml" -o "$tmp/frab.json" --real-schedule "$tmp/frab.real.json" --thematic-rooms
run 0 -- "$bin" import-frab "$repo/fuzz/seeds/frab/clean.json" -o "$tmp/frab-j.json" --real-schedule "$tmp/frab-j.real.json"
printf '<schedule><day date="2025-01-01"><room name="a"><event id="1"><title>x</room></schedule>' >"$tmp/bad.xml"
run 2 -- "$bin" import-frab "$tmp/bad.xml" -o "$tmp/bad-frab.json"
runs=18
if [ -d "$cp" ]; then
	run 0 -- "$bin" cosplib-eval "$cp/N2OR.json" "$cp/solutions/N2OR.exact.json"
	run 0 -- "$bin" cosplib-solve "$cp/GECCO21.json" --quiet --moves 3000 --threads 2 -o "$tmp/gecco21.sol.json" --stats "$tmp/gecco21.stats.json"
	run 0 -- "$bin" import-cosplib "$cp/GECCO21.json" -o "$tmp/gecco21.problem.json" --solution "$cp/solutions/GECCO21.exact.json" --schedule-out "$tmp/gecco21.schedule.json"
	run 0 -- "$bin" evaluate "$tmp/gecco21.problem.json" "$tmp/gecco21.schedule.json" -o "$tmp/gecco21.back.json" --format cosplib
	runs=22
else
	echo "memcheck: skipped the 4 CoSPLib runs: no CoSPLib data set at $cp (set IGS_SHARED_DATA)"
fi
echo '{"meeting": {"name": 3}, "days": []}' >"$tmp/bad.json"
run 2 -- "$bin" check "$tmp/bad.json"
[ "$fail" -eq 0 ] && echo "memcheck: $runs runs clean"
exit "$fail"
