#!/bin/sh
# The whole test suite: a build with warnings as errors and its tests, then the
# same tests under AddressSanitizer and UndefinedBehaviorSanitizer, then under
# valgrind memcheck (scripts/valgrind.sh), then every fuzz target for 60 s
# under libFuzzer (fuzz/README.md), which needs clang.
set -eu
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCL_WERROR=ON
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -j"$jobs")
cmake -S . -B build-asan -DCL_WERROR=ON -DCL_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
cmake --build build-asan -j"$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	ctest --output-on-failure -j"$jobs")
# the valgrind stage: what ASan cannot see (uninitialised reads, leaks in a
# build without it); skipped, saying why, where valgrind is not installed
if command -v valgrind >/dev/null 2>&1; then
	sh scripts/valgrind.sh
else
	echo "test.sh: the valgrind stage is skipped: valgrind is not installed" \
		"(scripts/install-deps.sh installs it)" >&2
fi
# the fuzz stage: skipped, saying why, where clang cannot link a libFuzzer target
if printf 'int LLVMFuzzerTestOneInput(const char *d, long n) { return 0; }\n' |
	clang -x c -fsanitize=fuzzer -o /dev/null - >/dev/null 2>&1; then
	cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCL_FUZZ=ON -DBUILD_TESTING=OFF
	cmake --build build-fuzz -j"$jobs" --target fuzzers
	sh scripts/fuzz.sh 60
else
	echo "test.sh: the fuzz stage is skipped: clang with libFuzzer is not installed" \
		"(scripts/install-deps.sh installs clang and libclang-rt-14-dev)" >&2
fi
