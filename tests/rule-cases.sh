#!/bin/sh
# rule-cases.sh BINARY RULES TESTDATA RULE... - for each rule, the golden texts in
# TESTDATA/RULE-positive*.txt and TESTDATA/RULE-negative*.txt are counted case by
# case. A case is a paragraph (lines between blank lines) that is not only a
# header ("# ...", "**...**", "... wrote:"). Every positive case must draw a
# finding of RULE, no negative case may, and each side needs at least 8 cases.
set -u
bin=$1 rules=$2 dir=$3
shift 3
status=0
for rule in "$@"; do
	for side in positive negative; do
		cases=0
		for f in "$dir/$rule-$side"*.txt; do
			[ -f "$f" ] || continue
			args=""
			[ -f "${f%.txt}.args" ] && args=$(cat "${f%.txt}.args")
			# shellcheck disable=SC2086
			lines=$("$bin" --rules "$rules" --color never --fail-level info $args "$f" |
				grep "\[$rule\]\$" | cut -d: -f2 | sort -un | tr '\n' ' ')
			out=$(awk -v side="$side" -v hits=" $lines" -v file="$f" '
				function header(s) {
					return s ~ /^#/ || s ~ /^\*\*.*\*\*$/ || s ~ /wrote:$/ || s ~ /^(Posted|Re:|---)/
				}
				function close_case() {
					if (started && !only_headers) {
						n++
						if (side == "positive" && !hit)
							printf "%s:%d: positive case without a finding\n", file, first
						if (side == "negative" && hit)
							printf "%s:%d: negative case with a finding\n", file, first
					}
					started = 0; hit = 0; only_headers = 1
				}
				BEGIN { only_headers = 1 }
				/^[ \t]*$/ { close_case(); next }
				{
					if (!started) { started = 1; first = NR }
					if (!header($0)) only_headers = 0
					if (index(hits, " " NR " ")) hit = 1
				}
				END { close_case(); print "cases " n }
			' "$f")
			echo "$out" | grep -v '^cases ' && status=1
			cases=$((cases + $(echo "$out" | sed -n 's/^cases //p')))
		done
		echo "$rule $side: $cases cases"
		if [ "$cases" -lt 8 ]; then
			echo "FAIL: $rule needs at least 8 $side cases"; status=1
		fi
	done
done
exit $status
