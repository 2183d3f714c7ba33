#!/usr/bin/env bash
# Set-up, build, run and test igfsched on Debian 12 (or any machine with the dependencies).
#   ./build.sh run [ARGS]   install dependencies, build, solve the bundled default example
#   ./build.sh test         install dependencies, build, run all tests, plain and under ASan+UBSan,
#                           then fuzz each reader for IGS_FUZZ_SECONDS (default 30) when clang is here
#   ./build.sh deps|build   one step only
#   ./build.sh bench-deps   also the benchmarks' peer solvers (COIN-OR CBC for bench/exact.py); no test needs them
set -euo pipefail
cd "$(dirname "$0")"

# Only bench/exact.py runs it, as a second peer beside glpsol; it skips it when absent.
BENCH_PACKAGES=(coinor-cbc)
APT_PACKAGES=(build-essential cmake pkg-config libglpk-dev glpk-utils libjansson-dev libgsl-dev libxml2-dev check python3 valgrind tzdata libmicrohttpd-dev)

have_deps() {
	command -v cmake >/dev/null && command -v cc >/dev/null && command -v pkg-config >/dev/null &&
		pkg-config --exists jansson gsl libxml-2.0 check libmicrohttpd && [ -f /usr/include/glpk.h ] && command -v python3 >/dev/null && command -v valgrind >/dev/null &&
		[ -d /usr/share/zoneinfo ]
}

deps() {
	have_deps && return 0
	if ! command -v apt-get >/dev/null; then
		echo "build.sh: missing dependencies and no apt-get here. Install a C compiler, CMake >= 3.18," >&2
		echo "pkg-config, GLPK, Jansson, GSL, libxml2, Check, libmicrohttpd and python3 (Debian names: ${APT_PACKAGES[*]})." >&2
		exit 2
	fi
	local sudo=()
	[ "$(id -u)" -eq 0 ] || sudo=(sudo)
	echo "build.sh: installing ${APT_PACKAGES[*]}" >&2
	"${sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${APT_PACKAGES[@]}" >/dev/null
	have_deps || { echo "build.sh: dependencies still missing after apt-get install" >&2; exit 2; }
}

# Installs Debian packages only the tests need; says what is skipped when that cannot be done.
test_packages() { # test_packages WHAT-IS-SKIPPED PACKAGE...
	local skipped=$1; shift
	command -v apt-get >/dev/null || return 0
	local sudo=()
	[ "$(id -u)" -eq 0 ] || sudo=(sudo)
	{ "${sudo[@]}" apt-get update -qq &&
		DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null; } ||
		echo "build.sh: could not install $*; $skipped will be skipped" >&2
}

# clang with libFuzzer: can it link a fuzz target?
have_libfuzzer() {
	command -v clang >/dev/null &&
		printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' |
		clang -fsanitize=fuzzer -x c - -o /dev/null 2>/dev/null
}

build() { # build DIR [cmake args]
	local dir=$1; shift
	cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
	cmake --build "$dir" -j "$(nproc)"
}

case "${1:-}" in
deps) deps ;;
bench-deps)
	deps
	command -v cbc >/dev/null || test_packages "the CBC rows of bench/exact.py" "${BENCH_PACKAGES[@]}"
	;;
build) deps; build build ;;
run)
	shift
	deps
	build build
	./build/igfsched solve "$@"
	;;
test)
	deps
	# The HTML test renders pages in Debian's Chromium, the editor's test drives it with
	# Selenium, the fuzzing run needs clang and libFuzzer; only the tests need them.
	command -v chromium >/dev/null || test_packages "the HTML browser test" chromium
	{ command -v chromedriver >/dev/null && /usr/bin/python3 -c 'import selenium' 2>/dev/null; } ||
		test_packages "the editor's browser test (serve_browser)" chromium chromium-driver python3-selenium
	have_libfuzzer || test_packages "the fuzzing run" clang libclang-rt-14-dev
	build build
	ctest --test-dir build --output-on-failure -j "$(nproc)"
	# The same suite under AddressSanitizer and UndefinedBehaviorSanitizer.
	build build-asan -DIGS_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --test-dir build-asan --output-on-failure -j "$(nproc)"
	# Coverage-guided fuzzing of each reader (fuzz/README.md), a short run; crashes go to fuzz/crashes/.
	if have_libfuzzer; then
		cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DIGS_FUZZ=ON -DBUILD_TESTING=OFF \
			-DCMAKE_BUILD_TYPE=RelWithDebInfo -DIGS_FUZZ_SECONDS="${IGS_FUZZ_SECONDS:-30}" >/dev/null
		cmake --build build-fuzz -j "$(nproc)" --target fuzz-run
	else
		echo "build.sh: clang with libFuzzer not found; the fuzzing run is skipped (Debian: clang libclang-rt-14-dev)" >&2
	fi
	;;
*)
	echo "usage: ./build.sh run [ARGS] | test | deps | build | bench-deps" >&2
	exit 2
	;;
esac
