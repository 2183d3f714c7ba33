#!/usr/bin/env bash
# Set-up, build, run and test igfsched on Debian 12 (or any machine with the dependencies).
#   ./build.sh run [ARGS]   install dependencies, build, solve the bundled default example
#   ./build.sh test         install dependencies, build, run all tests, plain and under ASan+UBSan
#   ./build.sh deps|build   one step only
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(build-essential cmake pkg-config libglpk-dev glpk-utils libjansson-dev libgsl-dev check python3 valgrind)

have_deps() {
	command -v cmake >/dev/null && command -v cc >/dev/null && command -v pkg-config >/dev/null &&
		pkg-config --exists jansson gsl check && [ -f /usr/include/glpk.h ] && command -v python3 >/dev/null && command -v valgrind >/dev/null
}

deps() {
	have_deps && return 0
	if ! command -v apt-get >/dev/null; then
		echo "build.sh: missing dependencies and no apt-get here. Install a C compiler, CMake >= 3.18," >&2
		echo "pkg-config, GLPK, Jansson, GSL, Check and python3 (Debian names: ${APT_PACKAGES[*]})." >&2
		exit 2
	fi
	local sudo=()
	[ "$(id -u)" -eq 0 ] || sudo=(sudo)
	echo "build.sh: installing ${APT_PACKAGES[*]}" >&2
	"${sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${APT_PACKAGES[@]}" >/dev/null
	have_deps || { echo "build.sh: dependencies still missing after apt-get install" >&2; exit 2; }
}

build() { # build DIR [cmake args]
	local dir=$1; shift
	cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
	cmake --build "$dir" -j "$(nproc)"
}

case "${1:-}" in
deps) deps ;;
build) deps; build build ;;
run)
	shift
	deps
	build build
	./build/igfsched solve "$@"
	;;
test)
	deps
	# The HTML test renders pages in Debian's Chromium; only the tests need it.
	if ! command -v chromium >/dev/null && command -v apt-get >/dev/null; then
		sudo=()
		[ "$(id -u)" -eq 0 ] || sudo=(sudo)
		{ "${sudo[@]}" apt-get update -qq &&
			DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null; } ||
			echo "build.sh: could not install chromium; the HTML browser test will be skipped" >&2
	fi
	build build
	ctest --test-dir build --output-on-failure -j "$(nproc)"
	# The same suite under AddressSanitizer and UndefinedBehaviorSanitizer.
	build build-asan -DIGS_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --test-dir build-asan --output-on-failure -j "$(nproc)"
	;;
*)
	echo "usage: ./build.sh run [ARGS] | test | deps | build" >&2
	exit 2
	;;
esac
