#!/bin/sh
# rule-docs.sh BINARY RULES - the bad example of every documented rule is
# reported under that rule, and its good example is not (--explain is the
# documentation users read, so its examples must be true).
set -u
bin=$1 rules=$2
status=0 count=0
for rule in $("$bin" --rules "$rules" --list-rules | awk '{ print $1 }'); do
	doc=$("$bin" --rules "$rules" --explain "$rule")
	# the examples of the network rules run in tests/online.sh, against its server
	case "$rule" in url-dead|url-redirect|quote-not-found) count=$((count + 1)); continue ;; esac
	bad=$(printf '%s\n' "$doc" | awk '/^Reported:/ { getline; sub(/^  /, ""); print }')
	good=$(printf '%s\n' "$doc" | awk '/^Correct:/ { getline; sub(/^  /, ""); print }')
	check() { printf '%s\n' "$1" | "$bin" --rules "$rules" --no-config --report-unused-disables --color never - 2>&1; }
	if ! check "$bad" | grep -q "\[$rule\]"; then
		echo "FAIL: $rule: the bad example is not reported: $bad"
		status=1
	fi
	if check "$good" | grep -q "\[$rule\]"; then
		echo "FAIL: $rule: the good example is reported: $good"
		status=1
	fi
	count=$((count + 1))
done
[ "$count" -ge 14 ] || { echo "FAIL: only $count rules documented"; status=1; }
[ $status = 0 ] && echo "rule docs: $count rules, every bad example reported, every good one silent"
exit $status
