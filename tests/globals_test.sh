#!/usr/bin/env bash
# No global mutable state: no object of the libraries holds a named variable in .data or .bss
# (writable at run time, shared by every thread and every caller). Read-only tables live in
# .rodata or .data.rel.ro (pointers relocated once at load), which are allowed.
# Exits 1 naming every offending symbol and its object.
#   tests/globals_test.sh LIBRARY.a...
set -euo pipefail
found=0
for lib in "$@"; do
	# objdump -t prints "ADDR FLAGS SECTION SIZE NAME"; section symbols are named after the section.
	while read -r obj sym; do
		echo "FAIL: $lib: $obj: '$sym' is writable global data (.data/.bss); make it const or move it into a handle"
		found=1
	done < <(objdump -t "$lib" | awk '
		/file format/ { obj = $1; sub(/:$/, "", obj) }
		$0 ~ /[ \t]\.(data|bss)[ \t]/ && $NF !~ /^\./ { print obj, $NF }')
done
if [[ $found -eq 0 ]]; then
	echo "ok: no writable global data in $*"
fi
exit $found
