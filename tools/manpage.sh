#!/bin/sh
# Writes the man page igfsched.1 to standard output from the program's own help texts, so the
# page and --help never disagree: `igfsched --help` becomes DESCRIPTION and each command's
# `igfsched CMD --help` a subsection of COMMANDS, kept as the program lays them out.
#   tools/manpage.sh PATH/TO/igfsched > igfsched.1
set -eu
prog=$1

# Text as roff: backslashes escaped, minus signs kept as typed, no line read as a request.
roff() {
	sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
}

version=$("$prog" --version | sed 's/^igfsched //')
help=$("$prog" --help)
# The command names: the first word of each indented line of the "commands:" block.
commands=$(printf '%s\n' "$help" | awk '/^commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }')

cat <<HEAD
.TH IGFSCHED 1 "" "igfsched $version" "User Commands"
.SH NAME
igfsched \\- programme\\-scheduling engine for the Internet Governance Forum
.SH SYNOPSIS
.B igfsched
.I COMMAND
[\\fIARGS\\fR] [\\fIOPTIONS\\fR]
.SH DESCRIPTION
.nf
HEAD
printf '%s\n' "$help" | roff
echo '.fi'
echo '.SH COMMANDS'
for c in $commands; do
	echo ".SS $(printf %s "$c" | roff)"
	echo '.nf'
	"$prog" "$c" --help | roff
	echo '.fi'
done
cat <<TAIL
.SH FILES
The formats of problem and schedule files are described in the project's docs/FORMAT.md;
the scoring rules in docs/SCORING.md.
.SH SEE ALSO
.BR pkg-config (1)
for building C programs against the library:
.B pkg-config \\-\\-static \\-\\-cflags \\-\\-libs igfsched
TAIL
