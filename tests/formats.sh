#!/bin/sh
# formats.sh BINARY RULES DIR
# The goldens of the output formats. In each format chronolint checks every
# DIR/*.txt in one run (several files, one of them clean: the documents that
# wrap a run, its counts and artifacts) and DIR/findings.txt read from standard
# input; the output is compared with DIR/all.FORMAT and DIR/stdin.FORMAT. Both
# runs must exit 1 (there are findings at the default fail level). A run with
# -j 2 must give the same report as one job. Nothing may go to standard error
# (a sanitizer's report goes there). The XML reports must be well-formed and
# the JSON ones parse.
# Set UPDATE=1 to write the expected files instead (then review them by hand).
set -u
abs() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
bin=$(abs "$1") rules=$(abs "$2") dir=$(abs "$3")
status=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

fail() { echo "formats: $*"; status=1; }

compare() { # compare EXPECTED ACTUAL
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$2" "$1"
	elif [ ! -f "$1" ]; then
		fail "missing expected file $1"
	elif ! diff -u "$1" "$2"; then
		fail "$(basename "$1") differs"
	fi
}

well_formed() { # well_formed FORMAT FILE
	case "$1" in
	checkstyle | junit)
		xmllint --noout "$2" || fail "$(basename "$2"): not well-formed XML" ;;
	sarif)
		python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$2" ||
			fail "$(basename "$2"): not JSON" ;;
	json)
		python3 -c 'import json, sys; [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]' "$2" ||
			fail "$(basename "$2"): not JSON Lines" ;;
	esac
}

# the inputs in a fixed order, whatever the locale
cd "$dir" || exit 2
inputs=$(LC_ALL=C ls -- *.txt)

for format in text json sarif github checkstyle junit; do
	# shellcheck disable=SC2086 # one name per line; the names hold spaces
	(IFS='
' && exec "$bin" --rules "$rules" --format "$format" --color never $inputs) > "$tmp/all.$format" 2> "$tmp/err"
	rc=$?
	if [ $rc != 1 ] || [ -s "$tmp/err" ]; then
		fail "all.$format: exit $rc, not 1, or a message:"
		cat "$tmp/err"
	fi
	compare "$dir/all.$format" "$tmp/all.$format"
	well_formed "$format" "$tmp/all.$format"

	"$bin" --rules "$rules" --format "$format" --color never < findings.txt > "$tmp/stdin.$format" 2> "$tmp/err"
	rc=$?
	if [ $rc != 1 ] || [ -s "$tmp/err" ]; then
		fail "stdin.$format: exit $rc, not 1, or a message:"
		cat "$tmp/err"
	fi
	compare "$dir/stdin.$format" "$tmp/stdin.$format"
	well_formed "$format" "$tmp/stdin.$format"
done

# parallel checking keeps the input order and the document whole
# shellcheck disable=SC2086
(IFS='
' && exec "$bin" --rules "$rules" --format sarif -j 2 $inputs) > "$tmp/parallel.sarif" 2>&1
cmp -s "$tmp/all.sarif" "$tmp/parallel.sarif" || { fail "-j 2 gives another SARIF log:"; diff -u "$tmp/all.sarif" "$tmp/parallel.sarif"; }

[ $status = 0 ] && echo "formats: text, json, sarif, github, checkstyle and junit match their goldens"
exit $status
