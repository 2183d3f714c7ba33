#!/usr/bin/env bash
# Ctrl-C stops every solver soon and keeps the best schedule: SIGINT into a solve of the IGF-like
# example, exact (3 s in and once GLPK's root simplex has printed its first line, at --verbose 3:
# GLPK's presolver before it cannot be stopped, and takes long on a loaded machine) and default
# (3 s in, a budget of moves that keeps it in the local search); the process must end within
# 10 s with the schedule written and its status "interrupted".
# usage: signals_test.sh IGFSCHED REPO_ROOT; exits 77 (skipped) when no run is still going when
# the signal is due, so there is nothing to interrupt on this machine.
set -u
bin=$1
repo=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
ran=0

# One run: its name, the line of its stderr to wait for ('' for none), then the solve's arguments.
# A background job of a script starts with SIGINT ignored; the program installs its own
# handler once the problem is loaded (well within the 3 s on any machine the suite runs on).
interrupt_run() {
	local name=$1 mark=$2
	shift 2
	local out=$tmp/$name.json
	"$bin" solve "$repo/examples/igf-like.json" --seed 1 --time-limit 300 -o "$out" "$@" 2>"$tmp/$name.err" &
	local pid=$!
	sleep 3
	local polls=0
	while [ -n "$mark" ] && ! grep -q -- "$mark" "$tmp/$name.err" && kill -0 "$pid" 2>/dev/null && [ $polls -lt 1200 ]; do
		sleep 0.1
		polls=$((polls + 1))
	done
	if [ -n "$mark" ] && ! grep -q -- "$mark" "$tmp/$name.err" && kill -0 "$pid" 2>/dev/null; then
		kill -KILL "$pid"
		wait "$pid" 2>/dev/null
		echo "skipped: $name: no '$mark' on stderr within 2 minutes"
		return
	fi
	if ! kill -0 "$pid" 2>/dev/null; then
		wait "$pid"
		echo "skipped: $name: the solve ended before the signal was due (nothing to interrupt)"
		return
	fi
	ran=$((ran + 1))
	kill -INT "$pid"
	local waited=0
	while kill -0 "$pid" 2>/dev/null && [ $waited -lt 100 ]; do
		sleep 0.1
		waited=$((waited + 1))
	done
	if kill -0 "$pid" 2>/dev/null; then
		kill -KILL "$pid"
		wait "$pid" 2>/dev/null
		failed=$((failed + 1))
		echo "FAIL: $name: still running 10 s after SIGINT"
		return
	fi
	wait "$pid"
	local rc=$?
	if [ $rc -gt 1 ]; then
		failed=$((failed + 1))
		echo "FAIL: $name: exit $rc after SIGINT (want 0 or 1, the schedule's verdict)"
		return
	fi
	local status
	status=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["solver"]["status"])' "$out" 2>&1)
	if [ "$status" != interrupted ]; then
		failed=$((failed + 1))
		echo "FAIL: $name: the written schedule's status is '$status', not 'interrupted'"
		return
	fi
	echo "ok: $name: ended $(awk "BEGIN { print $waited / 10 }") s after SIGINT, status interrupted"
}

interrupt_run exact ' obj = ' --solver exact --verbose 3
interrupt_run default '' --moves 1000000000 --quiet

if [ $failed -gt 0 ]; then
	echo "signals: $failed failure(s)"
	exit 1
fi
[ $ran -eq 0 ] && exit 77
exit 0
