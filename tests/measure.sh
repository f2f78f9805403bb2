# measure.sh - sourced by tests/xml-safety.sh and tests/bad-input.sh.
#
# measure OUT COMMAND... runs COMMAND (standard input inherited) with its
# standard output and error in OUT, and sets $status, $secs (wall-clock
# seconds) and $kb (its maximum resident set in KiB): through GNU time when it
# is installed (scripts/install-deps.sh installs it), else through a small
# Python runner that reads the same figure from the resource module.
#
# within WHAT SECONDS KB fails (through the caller's fail) when the last
# measure went over either bound.
measure() {
	_out=$1
	shift
	if [ -x /usr/bin/time ] && /usr/bin/time -f %M true > /dev/null 2>&1; then
		/usr/bin/time -f '%e %M' -o "$_out.time" "$@" > "$_out" 2>&1
		status=$?
		# GNU time writes "Command exited with non-zero status N" first
		set -- $(tail -n 1 "$_out.time")
		secs=$1 kb=$2
	else
		set -- $(python3 -c '
import resource, subprocess, sys, time
with open(sys.argv[1], "wb") as out:
    start = time.monotonic()
    rc = subprocess.call(sys.argv[2:], stdout=out, stderr=subprocess.STDOUT)
    took = time.monotonic() - start
rc = rc if rc >= 0 else 128 - rc
print(rc, "%.2f" % took, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
' "$_out" "$@")
		status=$1 secs=$2 kb=$3
	fi
}

within() {
	awk -v s="$secs" -v k="$kb" -v ms="$2" -v mk="$3" 'BEGIN { exit !(s <= ms && k <= mk) }' ||
		fail "$1: took $secs s and $kb KiB (at most $2 s and $3 KiB)"
}
