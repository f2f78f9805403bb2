#!/bin/sh
# valgrind-wrap.sh BINARY [ARGS...] - runs BINARY under valgrind memcheck, for
# the CL_VALGRIND build (scripts/valgrind.sh). The unit tests are registered
# through it; the shell-script tests get BUILD/valgrind/chronolint, a launcher
# that calls it with the real binary, in place of the binary.
#
# The report goes to a file per process in $CL_VALGRIND_LOGS, not to stderr:
# the tests compare stderr with expected output, and some throw it away. With
# -q only errors are written, so a log that is not empty is a failure; the
# test valgrind.logs looks at all of them after the suite (some tests ignore
# exit statuses). The error status is 99 rather than 1 because 1 is
# chronolint's status for findings.
#
# valgrind-wrap.sh --check DIR: prints the non-empty logs in DIR, exits 1 if any.
set -u
here=$(cd "$(dirname "$0")" && pwd)

if [ "${1:-}" = --check ]; then
	found=0
	for log in "$2"/vg.*; do
		[ -s "$log" ] || continue
		found=1
		echo "==== $log"
		cat "$log"
	done
	[ $found = 0 ] && echo "valgrind: no errors and no leaks in $(find "$2" -name 'vg.*' | wc -l) processes"
	exit $found
fi

logs=${CL_VALGRIND_LOGS:-${TMPDIR:-/tmp}}
mkdir -p "$logs"
# a new file per run: valgrind truncates its log, so a name made from a pid
# used again later could wipe an earlier report; exec, so that a test that
# signals or waits for its process reaches valgrind itself
log=$(mktemp "$logs/vg.XXXXXXXX") || exit 2
exec valgrind -q --tool=memcheck --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
	--num-callers=30 --suppressions="$here/valgrind.supp" \
	--log-file="$log" "$@"
