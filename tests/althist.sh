#!/bin/sh
# althist.sh BINARY RULES TESTDATA - alternate history and the controls around
# it: a multi-file manuscript checked against itself (golden output and ledger),
# every directive, configuration discovery and precedence, the author's own
# facts, and the baseline. Runs in a temporary directory; touches no network.
set -u
abs() { (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename "$1")"); }
bin=$(abs "$1") rules=$(abs "$2") data=$(abs "$3")
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export CHRONOLINT_RULES="$rules"

fail() {
	echo "FAIL: $1"
	status=1
}

# has NAME PATTERN TEXT: the output has a line matching PATTERN
has() {
	printf '%s\n' "$3" | grep -q -- "$2" || { fail "$1: no line matching '$2' in:"; printf '%s\n' "$3" | head -8; }
}
# lacks NAME PATTERN TEXT: no line of the output matches PATTERN
lacks() {
	if printf '%s\n' "$3" | grep -q -- "$2"; then
		fail "$1: a line matches '$2':"
		printf '%s\n' "$3" | grep -- "$2" | head -3
	fi
}
# golden NAME EXPECTED-FILE COMMAND...: the output (and exit status) as recorded;
# UPDATE=1 rewrites the expected file
golden() {
	name=$1 want=$2
	shift 2
	got=$("$@" 2>&1; echo "[exit $?]")
	if [ "${UPDATE:-0}" = 1 ]; then
		printf '%s\n' "$got" > "$want"
	elif ! printf '%s\n' "$got" | diff -u "$want" - > "$tmp/diff"; then
		fail "$name differs from $want:"
		cat "$tmp/diff"
	fi
}

# ---- the manuscript: three chapters, a POD and invented people -------------
ms=$data/manuscript
(cd "$ms" && golden manuscript "$ms/check.expected" "$bin" --color never ch1.md ch2.md ch3.md)
(cd "$ms" && golden manuscript.json "$ms/check.expected.jsonl" "$bin" --format json ch1.md ch2.md ch3.md)
(cd "$ms" && golden ledger "$ms/ledger.expected" "$bin" ledger ch1.md ch2.md ch3.md)
(cd "$ms" && golden ledger.json "$ms/ledger.expected.jsonl" "$bin" ledger --format json ch1.md ch2.md ch3.md)
# the chapters one at a time know nothing of each other: chapter 3 alone is silent on Orlov
out=$(cd "$ms" && "$bin" --color never ch3.md 2>&1)
lacks "chapter alone" 'Pyotr Orlov acts here' "$out"

# ---- directives ----------------------------------------------------------------
run() { # run FILE [OPTIONS]: check the file with no configuration
	f=$1
	shift
	"$bin" --no-config --color never "$@" "$f" 2>&1
}
printf 'In 1956 Stalin signed the order.\n' > "$tmp/plain.txt"
out=$(run "$tmp/plain.txt")
has "no directive" ':1:9: error: .*\[after-death\]' "$out"

printf '<!-- chronolint: pod=1953-03-01 -->\nIn 1956 Stalin signed the order.\n' > "$tmp/pod.md"
out=$(run "$tmp/pod.md")
has "pod directive" 'info: .*\[divergence\]' "$out"
lacks "pod directive" '\[after-death\]' "$out"

printf '<!-- chronolint: setting=1956 kind=manuscript -->\nStalin signed the order.\n' > "$tmp/setting.md"
out=$(run "$tmp/setting.md")
has "setting and kind directives" ':2:1: warning: Joseph Stalin acts here in 1956' "$out"

printf '<!-- chronolint: disable-next-line=after-death -->\nIn 1956 Stalin signed the order.\nIn 1957 Stalin signed another.\n' > "$tmp/next.md"
out=$(run "$tmp/next.md")
lacks "disable-next-line" ':2:.*\[after-death\]' "$out"
has "disable-next-line" ':3:9: error: .*\[after-death\]' "$out"

printf 'In 1956 Stalin signed the order. <!-- chronolint: disable-line=after-death -->\nIn 1957 Stalin signed another.\n' > "$tmp/line.md"
out=$(run "$tmp/line.md")
lacks "disable-line" ':1:.*\[after-death\]' "$out"
has "disable-line" ':2:9: error' "$out"

printf 'In 1955 Stalin signed.\n<!-- chronolint: disable=after-death -->\nIn 1956 Stalin signed.\n\nIn 1957 Stalin signed.\n<!-- chronolint: enable=after-death -->\nIn 1958 Stalin signed.\n' > "$tmp/block.md"
out=$(run "$tmp/block.md")
has "block: before" ':1:9: error' "$out"
lacks "block: inside" ':3:.*after-death' "$out"
lacks "block: inside" ':5:.*after-death' "$out"
has "block: after" ':7:9: error' "$out"

printf 'In 1956 Stalin signed.\n<!-- chronolint: disable-file=after-death,lifespan-mismatch -->\nIn 1958 Stalin signed.\n' > "$tmp/file.md"
out=$(run "$tmp/file.md")
lacks "disable-file" 'after-death' "$out"

printf '<!-- chronolint: disable-next-line -->\nIn 1956 Stalin signed. Bukharin (1888-1937) was shot.\n' > "$tmp/all.md"
out=$(run "$tmp/all.md")
lacks "disable every rule" 'error' "$out"

printf '<!-- chronolint: podd=1953 -->\n<!-- chronolint: disable-next-line=after-deth -->\n<!-- chronolint: pod=1953-13-01 kind=novel -->\n<!-- chronolint: enable=divergence -->\nIn 1956 Stalin signed.\n' > "$tmp/bad.md"
out=$(run "$tmp/bad.md")
has "unknown directive" ':1:1: warning: unknown directive "podd"' "$out"
has "unknown rule" ':2:1: warning: unknown rule "after-deth"' "$out"
has "bad date" ':3:1: warning: invalid date "1953-13-01" for pod' "$out"
has "bad kind" ':3:1: warning: unknown kind "novel"' "$out"
has "enable without disable" ':4:1: warning: enable=divergence closes no disable' "$out"
has "bad directives still check" ':5:9: error: .*after-death' "$out"

printf '<!-- chronolint: disable-next-line=after-death -->\nIn 1956 Stalin signed.\n<!-- chronolint: disable-next-line=age-mismatch -->\nIn 1956 Molotov signed.\n' > "$tmp/unused.md"
out=$(run "$tmp/unused.md")
lacks "unused: not asked" 'directive-unused' "$out"
out=$(run "$tmp/unused.md" --report-unused-disables)
has "unused reported" ':3:1: warning: this directive disables age-mismatch but nothing here needed it' "$out"
lacks "used not reported" ':1:1: .*directive-unused' "$out"

# ---- configuration: discovery and precedence -----------------------------------
mkdir -p "$tmp/book/part1/chapters"
printf 'root = true\npod = 1950\nkind = manuscript\n[part1/chapters/*.md]\nsetting = 1956\n' > "$tmp/book/.chronolint.ini"
printf 'In 1956 Stalin signed the order.\n' > "$tmp/book/part1/chapters/a.md"
out=$("$bin" --color never "$tmp/book/part1/chapters/a.md" 2>&1)
has "farther config applies" 'info: .*\[divergence\]' "$out"
printf 'pod = 1957\n' > "$tmp/book/part1/.chronolint.ini"
out=$("$bin" --color never "$tmp/book/part1/chapters/a.md" 2>&1)
has "nearer config wins" 'error: .*\[after-death\]' "$out"
printf 'Stalin signed the order.\n' > "$tmp/book/part1/chapters/b.md"
out=$("$bin" --color never "$tmp/book/part1/chapters/b.md" 2>&1)
has "section setting and farther kind" ':1:1: warning: Joseph Stalin acts here in 1956' "$out"
printf '<!-- chronolint: pod=1953-03-01 -->\nIn 1956 Stalin signed the order.\n' > "$tmp/book/part1/chapters/c.md"
out=$("$bin" --color never "$tmp/book/part1/chapters/c.md" 2>&1)
has "directive over config" 'info: .*\[divergence\]' "$out"
out=$("$bin" --color never --pod 1957 "$tmp/book/part1/chapters/c.md" 2>&1)
has "command line over directive" 'error: .*\[after-death\]' "$out"
out=$("$bin" --color never --no-config "$tmp/book/part1/chapters/b.md" 2>&1)
lacks "no-config" 'Stalin' "$out"
printf 'pod = 1953-03-01\ndisable = divergence\n' > "$tmp/other.ini"
out=$("$bin" --color never --config "$tmp/other.ini" "$tmp/book/part1/chapters/a.md" 2>&1)
lacks "--config replaces discovery; disable from config" 'Stalin' "$out"
out=$("$bin" --color never --config "$tmp/other.ini" --enable divergence "$tmp/book/part1/chapters/a.md" 2>&1)
has "--enable over config" 'info: .*\[divergence\]' "$out"
printf 'severity.after-death = info\nfail-level = error\n' > "$tmp/sev.ini"
"$bin" --color never --config "$tmp/sev.ini" "$tmp/plain.txt" > "$tmp/out" 2>&1
st=$?
has "severity override" 'info: .*\[after-death\]' "$(cat "$tmp/out")"
[ "$st" -eq 0 ] || fail "fail-level from config: exit $st, want 0"
printf 'pod = 1953-03-01\npodd = 1\ndisable = after-deth\n' > "$tmp/broken.ini"
out=$("$bin" --color never --config "$tmp/broken.ini" "$tmp/plain.txt" 2>&1)
st=$?
has "config problem with its line" 'broken.ini:2: .*podd' "$out"
has "config problem with its line" 'broken.ini:3: .*after-deth' "$out"
[ "$st" -eq 2 ] || fail "broken config: exit $st, want 2"
out=$("$bin" --color never --disable after-deth "$tmp/plain.txt" 2>&1)
has "unknown rule on the command line" 'no rule "after-deth"' "$out"

# ---- the author's own facts ------------------------------------------------------
cat > "$tmp/world.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<people xmlns="https://chronolint.org/ns/rules/1">
  <person id="volkov-ilya">
    <name>Ilya Volkov</name>
    <surname>Volkov</surname>
    <born date="1905" precision="year"/>
    <died date="1957-01-12" precision="day"/>
  </person>
  <person id="stalin-joseph" qid="Q855">
    <name>Joseph Stalin</name>
    <surname alone="yes">Stalin</surname>
    <born date="1878-12-18" precision="day"/>
    <died date="1958-03-05" precision="day"/>
  </person>
</people>
EOF
printf 'In 1956 Stalin signed the order.\nIn 1959 Stalin signed another.\nIn 1958 Ilya Volkov telephoned.\nIlya Volkov (1905-1957) was a clerk.\n' > "$tmp/facts.md"
out=$("$bin" --no-config --color never --facts "$tmp/world.xml" "$tmp/facts.md" 2>&1)
lacks "author facts override" ':1:9:' "$out"
has "author facts: after the new death" ':2:9: error: Joseph Stalin acts here in 1959, but died on 5 March 1958' "$out"
has "invented person from facts" ':3:9: error: Ilya Volkov acts here in 1958, but died on 12 January 1957' "$out"
has "invented person's evidence" 'facts:.*world.xml' "$("$bin" --no-config --format json --facts "$tmp/world.xml" "$tmp/facts.md")"
lacks "invented person's life span agrees" ':4:' "$out"
printf '<people xmlns="https://chronolint.org/ns/rules/1"><person id="x"><name>X</name></person></people>\n' > "$tmp/bad-world.xml"
out=$("$bin" --no-config --facts "$tmp/bad-world.xml" "$tmp/facts.md" 2>&1)
st=$?
has "bad facts file" 'bad-world.xml:1: ' "$out"
[ "$st" -eq 2 ] || fail "bad facts file: exit $st, want 2"
printf 'facts = world.xml\n' > "$tmp/.chronolint.ini"
out=$(cd "$tmp" && "$bin" --color never facts.md 2>&1)
has "facts from the configuration" ':2:9: error: Joseph Stalin acts here in 1959, but died on 5 March 1958' "$out"
rm "$tmp/.chronolint.ini"

# ---- baseline ----------------------------------------------------------------------
printf 'Preface.\nIn 1956 Stalin signed the order.\nBukharin (1888-1937) was shot.\n' > "$tmp/draft.md"
"$bin" --no-config --write-baseline "$tmp/baseline" "$tmp/draft.md" > /dev/null 2>&1
[ -f "$tmp/baseline" ] || fail "baseline not written"
ls "$tmp"/baseline.* > /dev/null 2>&1 && fail "a temporary baseline file was left behind"
out=$("$bin" --no-config --color never --baseline "$tmp/baseline" "$tmp/draft.md" 2>&1)
st=$?
[ -z "$out" ] || fail "baseline: recorded findings reported again: $out"
[ "$st" -eq 0 ] || fail "baseline: exit $st, want 0"
printf 'Preface.\nA new first paragraph.\n\nIn 1956 Stalin signed the order.\nBukharin (1888-1937) was shot.\nIn 1960 Molotov, then 30, resigned.\n' > "$tmp/draft.md"
out=$("$bin" --no-config --color never --baseline "$tmp/baseline" "$tmp/draft.md" 2>&1)
st=$?
lacks "moved lines stay suppressed" ':4:\|:5:' "$out"
has "a new finding is reported" ':6:.*\[age-mismatch\]' "$out"
[ "$st" -eq 1 ] || fail "baseline with a new finding: exit $st, want 1"
printf 'In 1956 Stalin signed the order.\nIn 1956 Stalin signed the order.\n' > "$tmp/twice.md"
"$bin" --no-config --write-baseline "$tmp/b1" "$tmp/plain.txt" > /dev/null 2>&1
cp "$tmp/twice.md" "$tmp/plain.txt"
out=$("$bin" --no-config --color never --baseline "$tmp/b1" "$tmp/plain.txt" 2>&1)
has "one entry covers one finding" ':2:9: error' "$out"
printf 'not a baseline\n' > "$tmp/junk"
out=$("$bin" --no-config --baseline "$tmp/junk" "$tmp/draft.md" 2>&1)
st=$?
has "bad baseline" 'junk:1: not a chronolint baseline' "$out"
[ "$st" -eq 2 ] || fail "bad baseline: exit $st, want 2"

exit $status
