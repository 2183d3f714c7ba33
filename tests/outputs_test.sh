#!/usr/bin/env bash
# Outputs lose nothing: no command writes over one of its inputs (by identity: hard links and
# symlinks too); a device or FIFO stays one and is written through; a symlink stays a link and
# its target keeps its mode and owner; a temporary file left by a killed writer is cleaned by the
# next write. The device checks need root (mknod) and are skipped without it.
# usage: outputs_test.sh IGFSCHED REPO_ROOT
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$(cd "$2" && pwd)
ex=$repo/examples
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset IGFSCHED_DEFAULT_PROBLEM
cd "$tmp" || exit 1
mkdir staging
export TMPDIR=$tmp/staging # where a device's text waits: checked empty at the end

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() {
	failed=$((failed + 1))
	echo "FAIL: $*"
}
run() {
	"$bin" "$@" >out 2>err
	rc=$?
}
check() { # WHAT CONDITION...: passes when the condition (a command) succeeds
	local what=$1
	shift
	if "$@"; then pass; else
		fail "$what (exit $rc)"
		sed 's/^/    ! /' err | head -5
	fi
}
refused() { # WHAT: exit 2 with the one message of an output that is an input
	check "$1: exit 2" test "$rc" -eq 2
	check "$1: says why" grep -qF "is an input of this run; inputs are never overwritten, give another output name" err
}
same() { cmp -s "$1" "$2"; }

cp "$ex/small.json" p.json
cp p.json p.orig
"$bin" solve p.json -o s.json -q || fail "solve small.json"
cp s.json s.orig

# ---- 1. an output that is an input is refused, by identity, before anything runs ----
run solve p.json -o p.json -q
refused "solve P -o P"
check "solve P -o P: P unchanged" same p.json p.orig
ln p.json hard.json
run solve p.json -o hard.json -q
refused "solve P -o a hard link of P"
ln -s p.json link.json
run solve p.json -o link.json -q
refused "solve P -o a symlink to P"
check "the problem is still the problem" same p.json p.orig
run solve ./p.json -o "$tmp/p.json" -q
refused "solve P -o P by another name"
run solve p.json --reference s.json -o s.json -q
refused "solve --reference S -o S"
mkdir outdir
cp s.json outdir/p.schedule.json
run solve p.json --reference outdir/p.schedule.json --out-dir outdir -q
refused "solve --reference OUT/P.schedule.json --out-dir OUT"
check "the reference is unchanged" same outdir/p.schedule.json s.orig
run evaluate p.json s.json -o s.json
refused "evaluate P S -o S"
run evaluate p.json s.json -o p.json
refused "evaluate P S -o P"
run evaluate p.json s.json --format csv -o s.json
refused "evaluate P S --format csv -o S"
check "the schedule is unchanged" same s.json s.orig
check "the problem is unchanged" same p.json p.orig
cp "$ex/spreadsheet/sessions-small.csv" c.csv
cp "$ex/spreadsheet/venue-small.json" v.json
cp v.json v.orig
cp c.csv c.orig
run import-csv c.csv --venue v.json -o v.json
refused "import-csv C --venue V -o V"
run import-csv c.csv --venue v.json -o c.csv
refused "import-csv C --venue V -o C"
check "the venue is unchanged" same v.json v.orig
check "the spreadsheet is unchanged" same c.csv c.orig
run import-csv c.csv --venue v.json -o imported.json
check "import-csv to a new file still works" test "$rc" -eq 0 -a -s imported.json
printf '[["ws-1", "ws-2"]]\n' >m.json
cp m.json m.orig
run duplicates p.json --merge m.json -o m.json
refused "duplicates --merge M -o M"
check "the merges file is unchanged" same m.json m.orig
cp "$ex/dc-individual.json" dc.json
cp "$ex/wishes/dc-wishes.json" w.json
cp w.json w.orig
run group dc.json -k 3 --wishes w.json -o w.json
refused "group --wishes W -o W"
run group dc.json -k 3 -o dc.json
refused "group P -o P"
check "the wishes are unchanged" same w.json w.orig
# The CoSPLib commands refuse before they read the instance, so any file shows it.
run cosplib-solve p.json -o p.json
refused "cosplib-solve I -o I"
run cosplib-solve p.json --stats p.json
refused "cosplib-solve I --stats I"
run import-cosplib p.json -o p.json
refused "import-cosplib I -o I"
run import-cosplib p.json -o new.json --solution s.json --schedule-out s.json
refused "import-cosplib --solution S --schedule-out S"
check "nothing was overwritten" same p.json p.orig
check "nothing was overwritten (schedule)" same s.json s.orig

# ---- 2. what is at the output path stays what it is ----
mkdir dir.json
run solve p.json -o dir.json -q
check "solve -o DIRECTORY: exit 2" test "$rc" -eq 2
check "solve -o DIRECTORY: says so" grep -qF "dir.json: is a directory" err
check "the directory stays a directory" test -d dir.json

mkfifo fifo.json
timeout 60 cat fifo.json >from-fifo & # bounded: a writer that replaces the FIFO never opens it
reader=$!
run solve p.json -o fifo.json -q
test -p fifo.json || kill "$reader" 2>/dev/null # replaced: nothing will ever open it
wait "$reader"
check "solve -o FIFO: exit 0" test "$rc" -eq 0
check "the FIFO stays a FIFO" test -p fifo.json
check "the FIFO's reader gets the schedule" grep -qF '"format": "igfsched-schedule/1"' from-fifo

cp s.orig real.json
chmod 0640 real.json
ln -s real.json sym.json
run solve p.json -o sym.json --format csv -q
check "solve -o SYMLINK: exit 0" test "$rc" -eq 0
check "the symlink stays a symlink to its target" test -L sym.json -a "$(readlink sym.json)" = real.json
check "the target is replaced" grep -q '^session' real.json
check "the target keeps its mode 0640" test "$(stat -c %a real.json)" = 640
ln -s new-target.json dangling.json
run solve p.json -o dangling.json -q
check "a dangling symlink: its target is created, the link kept" test -L dangling.json -a -s new-target.json

if [ "$(id -u)" -eq 0 ] && mknod null c 1 3 2>/dev/null && mknod full c 1 7 2>/dev/null; then
	run solve p.json -o null --format json -q
	check "solve -o NULL DEVICE: exit 0" test "$rc" -eq 0
	check "the null device stays a character device" test -c null
	run solve p.json -o full --format json -q
	check "solve -o FULL DEVICE: exit 3" test "$rc" -eq 3
	check "solve -o FULL DEVICE: says so" grep -qF "No space left on device" err
	check "the full device stays a character device" test -c full
	run import-csv c.csv --venue v.json -o full
	check "import-csv -o FULL DEVICE: exit 3, still a device" test "$rc" -eq 3 -a -c full
	run evaluate p.json s.json -o null
	check "evaluate -o NULL DEVICE: exit 0, still a device" test "$rc" -eq 0 -a -c null
	# As root, a replaced file keeps its owner as well as its mode.
	cp s.orig owned.json
	chown 65534:65534 owned.json
	chmod 0444 owned.json
	run solve p.json -o owned.json -q
	check "as root, a read-only file is replaced" test "$rc" -eq 0
	check "as root, the replaced file keeps owner and mode" test "$(stat -c %u:%g:%a owned.json)" = 65534:65534:444
	# Another user may not replace it: refused as a shell's '>' would refuse.
	if command -v setpriv >/dev/null; then
		chmod 0777 "$tmp"
		chmod 0644 p.json
		cp s.orig rootfile.json
		chmod 0644 rootfile.json
		setpriv --reuid=65534 --regid=65534 --clear-groups "$bin" solve p.json -o rootfile.json -q >out 2>err
		rc=$?
		check "another user's read-only file: exit 3" test "$rc" -eq 3
		check "another user's read-only file: says so" grep -qF "read-only or another user's" err
		check "another user's file is unchanged, still root's" test "$(stat -c %u:%a rootfile.json)" = 0:644
		same rootfile.json s.orig || fail "another user's file was changed"
		chmod 0700 "$tmp"
	fi
else
	echo "skipped: the device, owner and other-user checks need root"
fi

# ---- 3. temporary files: recognisable, and stale ones cleaned by the next write ----
(
	ulimit -f 2 # 2 KiB: the writer is killed (SIGXFSZ) in the middle of its temporary file
	exec "$bin" solve p.json -o killed.json -q
) 2>/dev/null
left=$(ls -A | grep -c '^\.killed\.json\.igfsched-tmp\.[0-9]*\.......$')
check "a writer killed mid-write leaves its temporary file, named after the output" test "$left" -eq 1
check "the killed writer left no output" test ! -e killed.json
sleep 1 # the next writer starts later than the leftover was last changed
touch -d '-1 hour' ".killed.json.igfsched-tmp.$$.AAAAAA"                 # its writer runs
echo '{}' >".killed.json.igfsched-tmp.999999.BBBBBB"                     # changed "later" than
touch -d '+1 hour' ".killed.json.igfsched-tmp.999999.BBBBBB"             # the next writer started
touch -d '-1 hour' ".other.json.igfsched-tmp.999999.CCCCCC"              # another output's
touch -d '-1 hour' ".killed.json.igfsched-tmp.999999.DDDDDD.keep"        # not of this pattern
run solve p.json -o killed.json -q
check "the next write succeeds" test "$rc" -eq 0 -a -s killed.json
left=$(ls -A | grep -c '^\.killed\.json\.igfsched-tmp\.[0-9]*\.......$')
check "the next write removes the dead writer's temporary file" test "$left" -eq 2
check "a live writer's temporary file is kept" test -e ".killed.json.igfsched-tmp.$$.AAAAAA"
check "a file changed after the writer started is kept" test -e ".killed.json.igfsched-tmp.999999.BBBBBB"
check "another output's temporary file is kept" test -e ".other.json.igfsched-tmp.999999.CCCCCC"
check "a file of another pattern is kept" test -e ".killed.json.igfsched-tmp.999999.DDDDDD.keep"
check "no temporary file of a finished write is left" test -z "$(ls -A . staging | grep 'igfsched-tmp' | grep -v -e killed -e other)"

echo "outputs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
