#!/bin/sh
# cli.sh BINARY RULES - the command line: subcommands with options before or
# after them, usage errors with exit status 2, stdin as "-".
set -u
bin=$1 rules=$2
status=0
expect() { # expect STATUS PATTERN COMMAND... : exit status and a line of output
	want=$1 pattern=$2
	shift 2
	out=$("$@" 2>&1)
	got=$?
	if [ "$got" -ne "$want" ] || ! printf '%s\n' "$out" | grep -q -- "$pattern"; then
		echo "FAIL: $* -> exit $got (want $want, output matching '$pattern'):"
		printf '%s\n' "$out" | head -5
		status=1
	fi
}
expect 0 '^people ' "$bin" --rules "$rules" db stats
expect 0 '^people ' "$bin" db --rules "$rules" stats
expect 0 '^people ' "$bin" db stats --rules "$rules"
expect 0 'Q1394' "$bin" --rules "$rules" db lookup Lenin
expect 1 'nothing known' "$bin" --rules "$rules" db lookup Nobodyknownbythisname
expect 2 'db needs a command' "$bin" db
expect 2 'unknown db command "frob"' "$bin" --rules "$rules" db frob
expect 2 'db lookup needs one NAME' "$bin" --rules "$rules" db lookup
expect 2 'invalid option' "$bin" --no-such-option
expect 2 'unknown kind' "$bin" --kind poem
expect 0 '^usage: chronolint' "$bin" --help
expect 2 'goes with the claims subcommand' "$bin" --sentences
expect 0 '"kind":"sentence"' sh -c "echo 'Stalin spoke in 1937.' | '$bin' --rules '$rules' claims --sentences -"
expect 0 '"kind":"person"' sh -c "echo 'Stalin spoke in 1937.' | '$bin' --rules '$rules' --kind essay claims -"
expect 0 '"kind":"person"' sh -c "echo 'Stalin spoke in 1937.' | '$bin' claims --rules '$rules' -"
expect 1 '\[after-death\]' sh -c "echo 'In 1960 Stalin spoke to the Politburo.' | '$bin' --rules '$rules' -"
exit $status
