#!/usr/bin/env bash
# --time-limit bounds the whole run, also on a large input. A problem of 20,000 generated
# sessions with 100-word descriptions (bench/gen_igf.py and bench/load.py's descriptions, fixed
# seed) takes over a minute unbounded (the load's near-duplicate pair search, the constructive
# start, the local search); `solve --time-limit 1` must return within the limit plus a generous
# margin (6 s, three times that under the sanitizers: reading and checking the file and writing
# the schedule are never cut), with every session in the schedule, placed or with its reason,
# status "time limit", exit 1 (required sessions left out) and the cut phase said on stderr.
# Then --time-limit 0 on the IGF-like example: the constructive start alone, whole, no search.
# This tests the bound, not the speed: the margin is many times what the uncut part takes.
# usage: time_limit_test.sh IGFSCHED REPO_ROOT [SLOWDOWN]
set -u
bin=$1
repo=$(cd "$2" && pwd)
slow=${3:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() {
	echo "FAIL: $*"
	failed=1
}

problem=$tmp/igf-20000.json
python3 - "$repo/bench" "$problem" <<'EOF' || { echo "FAIL: could not generate the problem"; exit 1; }
import subprocess, sys
sys.path.insert(0, sys.argv[1])
import load
subprocess.run([sys.executable, sys.argv[1] + "/gen_igf.py", "--sessions", "20000", "--seed", "1", "-o", sys.argv[2]],
               check=True, stdout=subprocess.DEVNULL)
load.add_descriptions(sys.argv[2], 100, 1)
EOF

limit=1
margin=$((6 * slow))
t0=$(date +%s.%N)
"$bin" solve "$problem" --time-limit $limit -o "$tmp/out.json" >"$tmp/out.txt" 2>"$tmp/err.txt"
rc=$?
t1=$(date +%s.%N)
wall=$(python3 -c "print('%.2f' % ($t1 - $t0))")
echo "solve --time-limit $limit: ${wall} s, exit $rc"
python3 -c "import sys; sys.exit(0 if $wall <= $limit + $margin else 1)" ||
	fail "took $wall s, more than the limit $limit s + $margin s"
[ "$rc" = 1 ] || fail "exit $rc, expected 1 (required sessions not placed in time)"
grep -q "time limit" "$tmp/err.txt" || fail "stderr does not say the time limit cut the run"
python3 - "$tmp/out.json" "$problem" <<'EOF' || failed=1
import json, sys
s, p = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
ids = [x["id"] for x in p["sessions"]]
placed = [a["session"] for a in s["assignments"]]
left = {u["session"]: u.get("reason") for u in s["unscheduled"]}
bad = []
if sorted(placed + list(left)) != sorted(ids):
    bad.append("the schedule does not list every session exactly once (%d placed, %d left out, %d in the problem)"
               % (len(placed), len(left), len(ids)))
if [k for k, r in left.items() if not r]:
    bad.append("a session left out has no reason")
if s["solver"]["status"] != "time limit":
    bad.append("status %r, expected 'time limit'" % s["solver"]["status"])
cut = sum(r == "not placed: the time limit ran out during the constructive start" for r in left.values())
if not cut:
    bad.append("no session says the time limit ran out during the constructive start")
for b in bad:
    print("FAIL:", b)
print("%d placed, %d left out, %d of them for the time limit" % (len(placed), len(left), cut))
sys.exit(1 if bad else 0)
EOF

# 0: the constructive start only, run whole: every session placed or with its own reason.
"$bin" solve "$repo/examples/igf-like.json" --time-limit 0 -q -o "$tmp/zero.json"
rc=$?
[ "$rc" = 0 ] || fail "--time-limit 0 on igf-like: exit $rc, expected 0"
python3 - "$tmp/zero.json" <<'EOF' || failed=1
import json, sys
s = json.load(open(sys.argv[1]))
bad = []
if s["solver"]["name"] != "greedy" or s["solver"]["status"] != "feasible":
    bad.append("--time-limit 0: solver %r status %r, expected the constructive start alone, feasible"
               % (s["solver"]["name"], s["solver"]["status"]))
if any("time limit" in (u.get("reason") or "") for u in s["unscheduled"]):
    bad.append("--time-limit 0 cut the constructive start")
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
EOF
[ $failed = 0 ] && echo "time limits: ok"
exit $failed
