#!/bin/sh
# Runs the libFuzzer targets of fuzz/ one after the other, each for SECONDS
# (default 60), one process at a time:
#
#   sh scripts/fuzz.sh [SECONDS] [TARGET...]        (all targets when none is named)
#
# The targets are built first in build-fuzz (or $CHRONOLINT_FUZZ_BUILD) with
#   cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCL_FUZZ=ON -DBUILD_TESTING=OFF
#   cmake --build build-fuzz --target fuzzers
# Each run starts from fuzz/corpus/TARGET and fuzz/crashes/TARGET with
# fuzz/dict/TARGET.dict; what it finds new is kept in BUILD/fuzz-work/TARGET
# (the next run goes on from there). An input that crashes, leaks, runs out of
# memory or takes longer than 10 s is copied into fuzz/crashes/TARGET, where
# ctest replays it from then on, and the script exits 1.
set -eu
cd "$(dirname "$0")/.."
all="text dates rules html urls config directives lsp"
seconds=60
if [ $# -gt 0 ]; then
	seconds=$1
	shift
fi
case $seconds in
'' | *[!0-9]*)
	echo "usage: sh scripts/fuzz.sh [SECONDS] [TARGET...] (targets: $all)" >&2
	exit 2
	;;
esac
targets=${*:-$all}
build=${CHRONOLINT_FUZZ_BUILD:-build-fuzz}
work=$build/fuzz-work
status=0

# the longest input worth trying: a few paragraphs of prose, a rules file of a
# few entries, a session of a few messages
max_len() {
	case $1 in
	dates | urls) echo 2048 ;;
	config | directives) echo 4096 ;;
	text | html) echo 8192 ;;
	rules | lsp) echo 16384 ;;
	*) echo 4096 ;;
	esac
}

for t in $targets; do
	bin=$build/fuzz/fuzz_$t
	if [ ! -x "$bin" ]; then
		echo "fuzz: no $bin; build it with CL_FUZZ=ON (see the top of $0)" >&2
		exit 2
	fi
	mkdir -p "$work/$t/corpus" "$work/$t/artifacts" "$work/$t/tmp" "$build/cache"
	rm -f "$work/$t/artifacts/"*
	# libFuzzer writes new inputs into the first directory and only reads the others
	dirs="$work/$t/corpus fuzz/corpus/$t"
	[ -d "fuzz/crashes/$t" ] && dirs="$dirs fuzz/crashes/$t"
	log=$work/$t/fuzz.log
	rc=0
	# shellcheck disable=SC2086
	TMPDIR=$PWD/$work/$t/tmp CHRONOLINT_CACHE=$PWD/$build/cache \
		UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		"$bin" -max_total_time="$seconds" -max_len="$(max_len "$t")" -rss_limit_mb=2048 -timeout=10 \
		-dict="fuzz/dict/$t.dict" -artifact_prefix="$work/$t/artifacts/" -print_final_stats=1 \
		$dirs >"$log" 2>&1 || rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	found=0
	for a in "$work/$t/artifacts/"crash-* "$work/$t/artifacts/"leak-* "$work/$t/artifacts/"oom-* \
		"$work/$t/artifacts/"timeout-*; do
		[ -f "$a" ] || continue
		mkdir -p "fuzz/crashes/$t"
		cp "$a" "fuzz/crashes/$t/"
		echo "fuzz: $t: kept $(basename "$a") in fuzz/crashes/$t" >&2
		found=$((found + 1))
	done
	echo "fuzz: $t: ${seconds} s, ${runs:-?} runs, ${speed:-?} exec/s, $found crash(es), exit $rc"
	if [ "$rc" -ne 0 ] || [ "$found" -ne 0 ]; then
		grep -E -A 30 '^==[0-9]+==ERROR|runtime error|invariant broken|^SUMMARY' "$log" | head -n 60 >&2 || true
		echo "fuzz: $t failed; the whole log is $log" >&2
		status=1
	fi
	rm -rf "${work:?}/$t/tmp"
done
exit $status
