#!/bin/sh
# valgrind.sh [CTEST-ARGS...] - the whole test suite under valgrind memcheck:
# every program a test runs, with 0 errors and nothing definitely or
# indirectly lost (tests/valgrind-wrap.sh, tests/valgrind.supp). Builds
# build-vg with CL_VALGRIND=ON and runs ctest there; the arguments go to ctest
# (-R golden to run some). It finds what ASan does not: reads of uninitialised
# memory, and leaks in a build without the sanitizers.
set -eu
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null 2>&1 || {
	echo "valgrind.sh: valgrind is not installed (scripts/install-deps.sh installs it)" >&2
	exit 2
}
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build-vg -DCL_WERROR=ON -DCL_VALGRIND=ON
cmake --build build-vg -j"$jobs"
cd build-vg
ctest --output-on-failure -j"$jobs" "$@"
