#!/bin/sh
# golden.sh BINARY RULES INPUT.txt
# Runs chronolint on INPUT.txt with the arguments in INPUT.args (if any) and compares
# its output and exit status with INPUT.expected (text) and INPUT.expected.json (JSON),
# or, for a claims test (INPUT.args starting with "claims"), with INPUT.expected.jsonl.
# Set UPDATE=1 to write the expected files instead (then review them by hand).
set -u
abs() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
bin=$(abs "$1") rules=$(abs "$2") input=$(abs "$3")
base=${input%.txt}
args=""
[ -f "$base.args" ] && args=$(cat "$base.args")
dir=$(dirname "$input")
name=$(basename "$input")
status=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

run() { # run FORMAT-ARGS... ; prints output and a final [exit N] line
	(cd "$dir" && "$bin" --rules "$rules" "$@" "$name"; echo "[exit $?]") 2>&1
}

compare() { # compare EXPECTED ACTUAL
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$2" "$1"
	elif [ ! -f "$1" ]; then
		echo "missing expected file $1"; status=1
	elif ! diff -u "$1" "$2"; then
		status=1
	fi
}

case "$args" in
claims*)
	# shellcheck disable=SC2086
	(cd "$dir" && "$bin" claims --rules "$rules" ${args#claims} "$name"; echo "[exit $?]") > "$tmp/claims" 2>&1
	compare "$base.expected.jsonl" "$tmp/claims"
	;;
*)
	# shellcheck disable=SC2086
	run --color never $args > "$tmp/text"
	compare "$base.expected" "$tmp/text"
	# shellcheck disable=SC2086
	run --format json $args > "$tmp/json"
	compare "$base.expected.json" "$tmp/json"
	;;
esac
exit $status
