#!/usr/bin/env bash
# The layers of the library, from its #include lines: model/ includes only model/; io/ and
# solver/ include model/ and their own folder, never each other's; cosplib/ (the CoSPLib
# benchmark engine) sits above model/, io/ and solver/, and only cli/ includes it; cli/ sits on
# top and may include anything; and no include cycle joins files of different folders.
# Exits 1 naming every offending line.
#   tests/layers_test.sh [REPO]
set -euo pipefail
repo=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$repo"

# The folder a file belongs to.
layer_of() {
	if [[ $1 == */* ]]; then
		echo "${1%%/*}"
	else
		echo root
	fi
}

# May a file of layer $1 include a header of layer $2?
allowed() {
	[[ $1 == "$2" || $2 == root || $1 == cli ]] && return 0
	case $1 in
	io | solver) [[ $2 == model ]] ;;
	cosplib) [[ $2 == model || $2 == io || $2 == solver ]] ;;
	*) return 1 ;;
	esac
}

fail=0
declare -A edge=() # "from to" folder pair -> one include line that makes it
shopt -s nullglob
for f in *.h model/*.[ch] io/*.[ch] solver/*.[ch] cosplib/*.[ch] cli/*.[ch]; do
	from=$(layer_of "$f")
	while IFS=: read -r line inc; do
		# An include without a folder is the file's own folder's, else the top level's.
		if [[ $inc != */* ]]; then
			if [[ -e "${f%/*}/$inc" ]]; then inc="${f%/*}/$inc"; fi
		fi
		to=$(layer_of "$inc")
		if ! allowed "$from" "$to"; then
			echo "layers: $f:$line includes \"$inc\": $from/ may not include from $to/" >&2
			fail=1
		fi
		if [[ $from != "$to" && $to != root && -z ${edge["$from $to"]:-} ]]; then
			edge["$from $to"]="$f:$line includes \"$inc\""
		fi
	done < <(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" | sed 's/^\([0-9]*\):[^"]*"\([^"]*\)".*/\1:\2/')
done

# Cycles between folders: the transitive closure of the folder edges must not reach back.
declare -A reach=()
for e in "${!edge[@]}"; do
	reach["$e"]=1
done
changed=1
while ((changed)); do
	changed=0
	for ab in "${!reach[@]}"; do
		read -r a b <<<"$ab"
		for bc in "${!reach[@]}"; do
			read -r b2 c <<<"$bc"
			if [[ $b == "$b2" && -z ${reach["$a $c"]:-} ]]; then
				reach["$a $c"]=1
				changed=1
			fi
		done
	done
done
# An edge lies on a cycle when its target reaches back to its source.
for e in "${!edge[@]}"; do
	read -r a b <<<"$e"
	if [[ -n ${reach["$b $a"]:-} ]]; then
		echo "layers: include cycle between folders: $a/ -> $b/ (${edge[$e]})" >&2
		fail=1
	fi
done

if ((fail == 0)); then
	echo "layers: model/ <- io/, solver/ <- cosplib/ <- cli/; no cycles between folders"
fi
exit $fail
