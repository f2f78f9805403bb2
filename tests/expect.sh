# expect.sh - sourced by tests/cli.sh and tests/limits.sh: checks of one
# command's exit status and output. Each sets status=1 on a failure and goes on.
#
# expect STATUS PATTERN COMMAND... : the exit status, and a line of the output
# (standard output and error together) that matches PATTERN (grep)
expect() {
	want=$1 pattern=$2
	shift 2
	out=$("$@" 2>&1)
	got=$?
	if [ "$got" -ne "$want" ] || ! printf '%s\n' "$out" | grep -q -- "$pattern"; then
		echo "FAIL: $* -> exit $got (want $want, output matching '$pattern'):" | cut -c1-300
		printf '%s\n' "$out" | head -5 | cut -c1-300
		status=1
	fi
}

# lacks PATTERN COMMAND... : no line of the output matches
lacks() {
	pattern=$1
	shift
	if "$@" 2>&1 | grep -q -- "$pattern"; then
		echo "FAIL: $* -> output matching '$pattern'" | cut -c1-300
		status=1
	fi
}
