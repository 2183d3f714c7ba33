#!/usr/bin/env bash
# The invalid-input corpus: every case in tests/data/invalid runs through igfsched, and its exit
# code and exact stderr must equal the case's .expected file.
# usage: invalid_inputs_test.sh IGFSCHED REPO_ROOT [--update]
#   --update  rewrite each .expected file from what the program prints now, after a deliberate
#             change of a message; review every changed file (git diff) before committing.
# A case is NAME.expected: "exit N" on its first line, then the stderr. Its arguments are the
# one line of NAME.cmd (shell words, paths relative to the corpus), or else "check NAME.json".
# Each case runs in a fresh copy of the corpus, so messages name only relative paths and a case
# that wrongly succeeds cannot leave files behind for the next one.
set -u
update=0
if [ "${3:-}" = --update ]; then
	update=1
elif [ $# -ne 2 ]; then
	echo "usage: $0 IGFSCHED REPO_ROOT [--update]" >&2
	exit 2
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
corpus=$(cd "$2" && pwd)/tests/data/invalid
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# strerror texts and number formats must not depend on the machine's locale.
export LC_ALL=C
unset IGFSCHED_DEFAULT_PROBLEM

passed=0
failed=0
updated=0
fail() {
	failed=$((failed + 1))
	echo "FAIL: $*"
}

# Every input file must belong to a case: a forgotten .expected would otherwise go untested.
cd "$corpus" || exit 2
words=$(cat ./*.cmd 2>/dev/null | tr -s ' \t' '\n')
for f in *; do
	case $f in
	*.expected | README.md) continue ;;
	*.cmd) [ -e "${f%.cmd}.expected" ] || fail "$f: no ${f%.cmd}.expected beside it" ;;
	*)
		if [ ! -e "${f%.json}.expected" ] || [ "${f%.json}" = "$f" ] || [ -e "${f%.json}.cmd" ]; then
			grep -qxF -- "$f" <<<"$words" || fail "$f: no case uses it (add NAME.expected or name it in a .cmd)"
		fi
		;;
	esac
done

for expected in *.expected; do
	name=${expected%.expected}
	if [ -e "$name.cmd" ]; then
		eval "args=($(head -n 1 "$name.cmd"))"
	elif [ -e "$name.json" ]; then
		args=(check "$name.json")
	else
		fail "$name: neither $name.cmd nor $name.json"
		continue
	fi
	rm -rf "$tmp/work"
	cp -R "$corpus" "$tmp/work"
	(cd "$tmp/work" && "$bin" "${args[@]}" </dev/null >/dev/null 2>"$tmp/stderr")
	rc=$?
	{
		echo "exit $rc"
		cat "$tmp/stderr"
	} >"$tmp/actual"
	if cmp -s "$expected" "$tmp/actual"; then
		passed=$((passed + 1))
	elif [ "$update" -eq 1 ]; then
		cp "$tmp/actual" "$expected"
		updated=$((updated + 1))
		echo "updated $expected"
	else
		fail "$name: igfsched ${args[*]} (if the change is deliberate: $0 BIN REPO --update)"
		diff -u --label "$expected" --label "actual" "$expected" "$tmp/actual" | sed 's/^/    /'
	fi
done

[ "$update" -eq 0 ] || echo "$updated updated"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
