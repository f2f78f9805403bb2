#!/bin/sh
# oom.sh CHRONOLINT-OOM RULES TESTDATA - allocation failure. For each of 21
# cases (texts of each kind, claims, every output format, a manuscript, an HTML
# page, configuration, the author's facts, a baseline, a diff, standard input,
# the database read from XML and written to the cache, db lookup, a language
# server session), the Nth allocation of our code fails (tests/fail-alloc.c)
# for N = 1..25, which is mostly reading the rules, and for the last 25 of the
# run, which are the check and the report. Every run must end without a
# signal or a sanitizer report (leaks included, under ASan), and either
#   - with status 2 and a message that says the memory ran out, or
#   - as the run without a failure ends (same status and output), when the
#     failure only cost something optional (the rules cache not written or
#     not read), or
#   - for the language server, with an error answered to the client.
# Each file is checked with -j 1, so that the Nth allocation is the same one
# in every run. OOM_MAX=N and OOM_TAIL=N change the 25s; OOM_SPREAD=K adds K
# failures spread evenly between; OOM_VERBOSE=1 prints every run;
# CHRONOLINT_FAIL_ALLOC_TRACE=1 prints where each failing call was made.
set -u
abs() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
bin=$(abs "$1") rules=$(abs "$2") data=$(abs "$3")
max=${OOM_MAX:-25} tail=${OOM_TAIL:-25}
status=0
runs=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
fail() { echo "FAIL: $*"; status=1; }

# ---- the inputs ------------------------------------------------------------------
w=$tmp/work
mkdir -p "$w/conf" "$w/book"
cp "$data/age-at-death.txt" "$data/after-death-positive-forum.txt" "$data/claims-durations.txt" \
	"$data/url-forms-positive.txt" "$data/input-markdown-links.txt" "$data/name-spelling-positive-essay.txt" "$w/"
cp "$data/formats/findings.txt" "$w/findings.txt"
cp "$data/manuscript/"ch*.md "$w/book/"
printf '<!DOCTYPE html>\n<html><head><title>Notes</title></head>\n<body><p>In 1950 Stalin, then 60, received the delegation.</p>\n<p>See <a href="https://www.google.com/url?q=https://example.org/x">this</a> &amp; more.</p><script>var x = "1944";</script></body></html>\n' > "$w/page.html"
printf 'pod = 1953-03-01\nkind = manuscript\n[*.md]\nseverity.after-death = info\ndisable = lifespan-mismatch\n' > "$w/conf/.chronolint.ini"
printf 'In 1956 Stalin signed the order.\nBukharin (1888-1937) was shot.\n<!-- chronolint-disable-next-line age-mismatch -->\nIn 1950 Stalin, then 60, spoke.\n' > "$w/conf/ch.md"
cat > "$w/world.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<people xmlns="https://chronolint.org/ns/rules/1">
  <person id="volkov-ilya">
    <name>Ilya Volkov</name>
    <surname>Volkov</surname>
    <born date="1905" precision="year"/>
    <died date="1957-01-12" precision="day"/>
  </person>
</people>
EOF
printf 'In 1958 Ilya Volkov telephoned.\nIn 1960 Stalin spoke.\n' > "$w/facts.md"
printf 'Preface.\nIn 1956 Stalin signed the order.\nBukharin (1888-1937) was shot.\n' > "$w/draft.md"
# a language server session: open, diagnostics, hover, shutdown, exit
frame() { printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"; }
{
	frame '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{},"initializationOptions":{"debounceMs":0}}}'
	frame '{"jsonrpc":"2.0","method":"initialized","params":{}}'
	frame '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///tmp/notes.md","languageId":"markdown","version":1,"text":"In 1950 Stalin, then 60, spoke.\nNikolai Bukharin (1888-1937) edited Pravda.\n"}}}'
	frame '{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///tmp/notes.md"},"position":{"line":0,"character":9}}}'
	frame '{"jsonrpc":"2.0","id":3,"method":"shutdown"}'
	frame '{"jsonrpc":"2.0","method":"exit"}'
} > "$w/lsp.in"
CHRONOLINT_CACHE=$tmp/cache "$bin" --rules "$rules" --no-config --write-baseline "$w/baseline" "$w/draft.md" \
	> /dev/null 2>&1

# NAME|ARGS: one case, run in $w with CHRONOLINT_CACHE=$tmp/cache (made by the
# run above). A NAME starting with "xml-" runs without the cache (the XML is
# read and validated), one starting with "save-" with an empty cache each time.
cases='essay|--color never age-at-death.txt
forum|--color never --kind forum --setting 1962 after-death-positive-forum.txt
claims|claims claims-durations.txt
json|--format json --summary age-at-death.txt
sarif|--format sarif findings.txt
checkstyle|--format checkstyle findings.txt
junit|--format junit findings.txt
github|--format github url-forms-positive.txt name-spelling-positive-essay.txt
manuscript|--color never --pod 1953-03-01 book/ch1.md book/ch2.md book/ch3.md
ledger|ledger --pod 1953-03-01 book/ch1.md book/ch2.md book/ch3.md
html|--color never page.html
links|--format json input-markdown-links.txt
config|--color never conf/ch.md
facts|--no-config --facts world.xml --color never facts.md
baseline|--no-config --baseline baseline --color never draft.md
diff|--no-config --diff age-at-death.txt
stdin|--color never --stdin-filename notes.md -
lookup|db lookup Lenin
lsp|lsp
xml-check|--color never age-at-death.txt
save-cache|--format json findings.txt'

# run NAME N ARGS...: one run; sets $rc, $out (a file) and $err (a file)
run() {
	name=$1 n=$2
	shift 2
	cache=$tmp/cache
	case $name in
	xml-*) cache=off ;;
	save-*) cache=$tmp/save; rm -rf "$cache" ;;
	esac
	out=$tmp/$name.$n.out err=$tmp/$name.$n.err
	input=/dev/null
	[ "$name" = stdin ] && input=$w/age-at-death.txt
	[ "$name" = lsp ] && input=$w/lsp.in
	(cd "$w" && CHRONOLINT_CACHE=$cache CHRONOLINT_FAIL_ALLOC=$n CHRONOLINT_FAIL_ALLOC_REPORT=1 \
		"$bin" --rules "$rules" -j 1 "$@" < "$input" > "$out" 2> "$err")
	rc=$?
	runs=$((runs + 1))
}

printf '%s\n' "$cases" > "$tmp/cases"
while IFS='|' read -r name args; do
	# shellcheck disable=SC2086
	run "$name" 0 $args
	rc0=$rc out0=$out
	total=$(sed -n 's/^fail-alloc: \([0-9]*\) allocations.*/\1/p' "$err")
	if [ "$rc0" -gt 1 ] || [ -z "$total" ]; then
		fail "$name: the run without a failure ended with status $rc0:"
		head -5 "$err"
		continue
	fi
	# the first allocations (reading the rules, mostly), the last ones (the
	# check and the report: the text makes few), OOM_SPREAD between them
	ns=$(awk -v max="$max" -v tail="$tail" -v t="$total" -v k="${OOM_SPREAD:-0}" 'BEGIN {
		for (n = 1; n <= max; n++) print n
		for (i = 1; i <= k; i++) print max + int(i * (t - max - tail) / (k + 1))
		for (n = t - tail + 1; n <= t; n++) print n }' | awk '$1 > 0 && !seen[$1]++')
	exit2=0 same=0
	for n in $ns; do
		# shellcheck disable=SC2086
		run "$name" "$n" $args
		what="$name: allocation $n of $total failed:"
		if [ "$rc" -ge 128 ]; then
			fail "$what killed by signal $((rc - 128))"
			head -20 "$err"
		elif grep -q 'Sanitizer\|runtime error' "$err"; then
			fail "$what sanitizer report"
			head -30 "$err"
		elif [ "$rc" -eq 2 ]; then
			if grep -v '^fail-alloc:' "$err" | grep -q 'out of memory\|Cannot allocate memory'; then
				exit2=$((exit2 + 1))
			else
				fail "$what status 2 without saying the memory ran out:"
				head -5 "$err"
			fi
		elif [ "$name" = lsp ] && [ "$rc" -le 2 ] && grep -q 'out of memory' "$out"; then
			exit2=$((exit2 + 1)) # told the client, and the session went on
		elif [ "$rc" -eq "$rc0" ] && cmp -s "$out" "$out0"; then
			same=$((same + 1))
			if [ "$n" -le "$total" ] && ! grep -q '^fail-alloc: .*one failed' "$err"; then
				fail "$what the allocation was not made"
			fi
		else
			fail "$what status $rc (without a failure $rc0), output differs: the failure went unnoticed"
			diff "$out0" "$out" | head -5
			head -5 "$err"
		fi
		[ "${OOM_VERBOSE:-0}" = 1 ] && echo "$name N=$n: exit $rc"
	done
	echo "$name: $total allocations; $exit2 runs out of memory, $same as without a failure"
done < "$tmp/cases"
echo "$runs runs"
exit $status
