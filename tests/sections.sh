#!/bin/sh
# sections.sh BINARY RULES TESTDATA - a long input is checked in sections as
# it is read (1 MiB pieces; CHRONOLINT_SECTION_BYTES makes them small here):
# every report format, the ledger, standard input and -j 2 say what a check
# of the whole text says; input problems are told at their place in the whole
# text; a binary file longer than a piece is still skipped; the modes that
# need the whole text (--diff) still have it.
set -u
bin=$1 rules=$2 data=$3
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM PIPE
. "$(dirname "$0")/expect.sh"
export CHRONOLINT_RULES="$rules"
in=$data/sections/chapters.md
small=256

# same WHAT COMMAND...: the command's output and exit status, whole and in
# sections of $small bytes, are the same
same() {
	what=$1
	shift
	"$@" > "$tmp/whole" 2>&1
	whole=$?
	CHRONOLINT_SECTION_BYTES=$small "$@" > "$tmp/parts" 2>&1
	parts=$?
	if [ "$whole" -ne "$parts" ] || ! cmp -s "$tmp/whole" "$tmp/parts"; then
		echo "FAIL: $what: whole (exit $whole) and in sections (exit $parts) differ:"
		diff "$tmp/whole" "$tmp/parts" | head -10
		status=1
	fi
}

# the input is long enough to be cut many times, and has findings that need
# what an earlier section established
[ "$(wc -c < "$in")" -gt $((small * 6)) ] || { echo "FAIL: $in is too short to be cut"; exit 1; }
expect 1 'chapters.md:30:1: warning: .*according to line 10 of this document \[after-death\]' \
	"$bin" --no-config "$in"
expect 1 'chapters.md:32:22: error: Neville Chamberlain was 68 or 69 in 1938' "$bin" --no-config "$in"
expect 1 'chapters.md:41:249: error: Grigory Zinoviev died' "$bin" --no-config "$in"
lacks 'not 85' "$bin" --no-config "$in" # the disabled block

for format in text json github checkstyle junit; do
	same "--format $format" "$bin" --no-config --format "$format" "$in"
done
same "the ledger" "$bin" --no-config ledger "$in"
same "standard input" sh -c "'$bin' --no-config --stdin-filename chapters.md - < '$in'"
same "two files" "$bin" --no-config --format json "$in" "$data/age-pronouns.txt"

# SARIF: the same, but for the snippets, which a text not kept whole lacks
"$bin" --no-config --format sarif "$in" > "$tmp/whole.sarif"
CHRONOLINT_SECTION_BYTES=$small "$bin" --no-config --format sarif "$in" > "$tmp/parts.sarif"
python3 - "$tmp/whole.sarif" "$tmp/parts.sarif" <<'EOF' || status=1
import json, sys

def without_snippets(node):
    if isinstance(node, dict):
        return {k: without_snippets(v) for k, v in node.items() if k != "snippet"}
    if isinstance(node, list):
        return [without_snippets(v) for v in node]
    return node

whole, parts = (json.load(open(p)) for p in sys.argv[1:3])
if not whole["runs"][0]["results"]:
    sys.exit("FAIL: sarif: no results")
if without_snippets(whole) != without_snippets(parts):
    sys.exit("FAIL: sarif: whole and in sections differ beyond the snippets")
if "snippet" in json.dumps(parts):
    sys.exit("FAIL: sarif: a text checked in sections has snippets it cannot know")
EOF

# -j 2 over two long files writes what -j 1 writes
cp "$in" "$tmp/a.md"
cp "$in" "$tmp/b.md"
CHRONOLINT_SECTION_BYTES=$small "$bin" --no-config -j 1 "$tmp/a.md" "$tmp/b.md" > "$tmp/j1" 2>&1
CHRONOLINT_SECTION_BYTES=$small "$bin" --no-config -j 2 "$tmp/a.md" "$tmp/b.md" > "$tmp/j2" 2>&1
cmp -s "$tmp/j1" "$tmp/j2" || { echo "FAIL: -j 2 and -j 1 differ in sections"; status=1; }
[ "$(grep -c 'error\|warning\|info' "$tmp/j1")" -eq 16 ] || { echo "FAIL: -j 1: not 8 findings a file"; status=1; }

# a manuscript of two long chapters at -j 2: the second, checked in sections
# too, is held to the deaths the first established
mkdir "$tmp/book"
cp "$in" "$tmp/book/1.md"
{
	printf 'The harvest of 1959 was the best the region had seen in a decade.\n\n'
	printf 'The committee met every Monday in the old school, and the minutes were short.\n\n'
	printf 'The river rose in April and the lower fields were under water for a week.\n\n'
	printf 'In spring 1959 Brezhnev chaired the committee on the harvest himself.\n'
} > "$tmp/book/2.md"
printf 'In 1960 Khrushchev opened the new dam.\n' > "$tmp/book/3.md" # short: checked whole, on a worker
same "three chapters" "$bin" --no-config --kind manuscript -j 2 "$tmp/book/1.md" "$tmp/book/2.md" "$tmp/book/3.md"
for what in '2.md:7:16: error: Leonid Brezhnev acts here in spring 1959, but was executed in July 1956 according to .*1.md:10' \
	'3.md:1:9: error: Nikita Khrushchev acts here in 1960, but was executed in July 1956 according to .*1.md:10'; do
	expect 1 "$what" env CHRONOLINT_SECTION_BYTES=$small "$bin" --no-config --kind manuscript -j 2 \
		"$tmp/book/1.md" "$tmp/book/2.md" "$tmp/book/3.md"
done

# an invalid byte and a NUL in late sections: counted over the text, told at
# their place in it, exit 2
{ cat "$in"; printf 'A stray \377 byte and a NUL \000 in the last line.\n'; } > "$tmp/bad.md"
same "late invalid bytes" "$bin" --no-config "$tmp/bad.md"
expect 2 'bad.md: 1 byte of invalid UTF-8 (the first at line 42, column 9) read as spaces' \
	env CHRONOLINT_SECTION_BYTES=$small "$bin" --no-config "$tmp/bad.md"
expect 2 'bad.md: 1 NUL byte (the first at line 42, column 26) read as spaces' \
	env CHRONOLINT_SECTION_BYTES=$small "$bin" --no-config "$tmp/bad.md"

# a binary file longer than a piece is still skipped; an empty file is clean
{ printf '\211PNG\r\n\032\n'; head -c 4096 /dev/zero; } > "$tmp/image.txt"
expect 0 'image.txt: note: skipped, a binary file' env CHRONOLINT_SECTION_BYTES=$small "$bin" --no-config "$tmp/image.txt"
: > "$tmp/empty.txt"
same "an empty file" "$bin" --no-config "$tmp/empty.txt"

# --diff needs the whole text: it is read whole, and fixes the long line's year
CHRONOLINT_SECTION_BYTES=$small "$bin" --no-config --diff "$in" > "$tmp/diff"
grep -q '^+.*Grigory Zinoviev (1883–1936) wrote none' "$tmp/diff" || { echo "FAIL: --diff in a long file"; status=1; }

exit $status
