#!/usr/bin/env bash
# The GLPK seam: solver/glpk.c is the one source file that includes glpk.h.
# usage: glpk_seam_test.sh REPO_ROOT
set -u
repo=$(cd "$1" && pwd)
cd "$repo" || exit 1
found=$(grep -rlE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]glpk\.h[>"]' \
	--include='*.c' --include='*.h' model io solver cli bench tests cosplib 2>/dev/null | sort)
if [ "$found" != "solver/glpk.c" ]; then
	echo "FAIL: glpk.h must be included by solver/glpk.c alone; included by:"
	echo "${found:-(none)}"
	exit 1
fi
echo "ok: glpk.h is included by solver/glpk.c alone"
