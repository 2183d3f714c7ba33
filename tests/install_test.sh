#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, then a small C program built against the installed
# igfsched.h and library through pkg-config alone: it loads examples/small.json, solves it and
# evaluates the schedule. Also checks the program, the man page and the header on its own.
#   install_test.sh BUILD_DIR SOURCE_DIR [EXTRA_CFLAGS]   (EXTRA_CFLAGS: the sanitizer build's)
set -euo pipefail
build=$1
src=$2
extra=${3:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "install_test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
prefix=$tmp/prefix
for f in bin/igfsched include/igfsched.h share/man/man1/igfsched.1; do
	[ -f "$prefix/$f" ] || fail "$f was not installed"
done
pc=$(find "$prefix" -name igfsched.pc)
[ -n "$pc" ] || fail "igfsched.pc was not installed"
lib=$(find "$prefix" -name libigfsched.a)
[ "$(dirname "$pc")" = "$(dirname "$lib")/pkgconfig" ] || fail "igfsched.pc ($pc) is not beside the library ($lib)"

"$prefix/bin/igfsched" --version | grep -q '^igfsched ' || fail "the installed program does not run"
# The man page holds every command's --help (the same text, roff-escaped) and is valid roff.
for c in $("$prefix/bin/igfsched" --help | awk '/^commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }'); do
	grep -qFx ".SS ${c//-/\\-}" "$prefix/share/man/man1/igfsched.1" || fail "the man page has no section for $c"
done
if command -v groff >/dev/null; then
	warnings=$(groff -man -Tutf8 -ww -z "$prefix/share/man/man1/igfsched.1" 2>&1)
	[ -z "$warnings" ] || fail "groff warns about the man page: $warnings"
fi

export PKG_CONFIG_PATH=$(dirname "$pc")
# The library is static only: --static adds what it links (Requires.private, Libs.private).
flags=$(pkg-config --cflags --libs igfsched) || fail "pkg-config does not know igfsched"

# The header alone, strict C11, nothing else included first.
printf '#include <igfsched.h>\nint main(void) { return IGS_OK; }\n' >"$tmp/header.c"
cc -std=c11 -pedantic -Wall -Wextra -Werror $extra -c "$tmp/header.c" -o "$tmp/header.o" $(pkg-config --cflags igfsched) ||
	fail "igfsched.h does not compile on its own"

cat >"$tmp/user.c" <<'C'
#include <igfsched.h>
#include <stdio.h>

int main(int argc, char **argv) {
	if (argc != 2)
		return 2;
	igs_diag *d = igs_diag_new();
	igs_problem *p = NULL;
	igs_schedule *s = NULL;
	igs_report *r = NULL;
	igs_options o;
	int rc = 1;
	if (!d || igs_problem_load(&p, argv[1], d) != 0)
		goto cleanup;
	igs_options_init(&o);
	o.verbose = 0;
	o.moves = 20000;
	if (igs_solve(&s, p, &o, d) != 0 || igs_evaluate(&r, p, s) != 0)
		goto cleanup;
	printf("hard %d score %.3f\n", igs_report_hard_count(r), igs_report_score(r));
	rc = 0;
cleanup:
	igs_diag_print(d, stderr);
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
	igs_diag_free(d);
	return rc;
}
C
cc -std=c11 -Wall -Wextra -Werror $extra "$tmp/user.c" -o "$tmp/user" $flags || fail "a program does not build against the installed library"
out=$("$tmp/user" "$src/examples/small.json") || fail "the program built against the library failed"
echo "$out"
[[ $out =~ ^hard\ 0\ score\ [0-9.]+$ ]] || fail "unexpected result: $out"
echo "install_test: installed, built against with pkg-config, solved and evaluated examples/small.json"
