#!/bin/sh
# bad-input.sh BINARY RULES - inputs that are not clean UTF-8 prose, and bad
# rules and facts files: each gets the documented exit status (0 nothing
# found, 1 findings, 2 an input error, with what could be checked still
# reported) and a message that says what is wrong. No input is ever changed,
# not even by a run killed half-way; a --fix killed half-way leaves the old
# text or the new, never a mix. Prints the time and memory of a 100 MB line.
# Runs in a temporary directory.
set -u
bin=$1 rules=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/measure.sh"
. "$here/small-rules.sh"
tmp=$(mktemp -d)
child=""
cleanup() {
	[ -n "$child" ] && kill -9 "$child" 2> /dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
: "${CHRONOLINT_CACHE:=$tmp/cache}"
export CHRONOLINT_CACHE
result=0
fail() {
	echo "FAIL: $*"
	result=1
}
# expect WHAT STATUS PATTERN COMMAND...: the exit status and a line of output
# (standard output and error together) matching PATTERN ('' for no output)
expect() {
	what=$1 want=$2 pattern=$3
	shift 3
	"$@" > "$tmp/out" 2>&1
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "$what: exit $got, want $want"
		head -3 "$tmp/out"
	elif [ -z "$pattern" ] && [ -s "$tmp/out" ]; then
		fail "$what: said something"
		head -3 "$tmp/out"
	elif [ -n "$pattern" ] && ! grep -q -- "$pattern" "$tmp/out"; then
		fail "$what: no line matching '$pattern'"
		head -3 "$tmp/out"
	fi
}
lacks() { # lacks WHAT PATTERN: the last output has no such line
	! grep -q -- "$2" "$tmp/out" || fail "$1: has '$2'"
}
check() { # check FILE...: the real rules, no configuration
	"$bin" --rules "$rules" --no-config --color never "$@"
}

in=$tmp/in # every input; none may change
mkdir "$in"
finding='error: Joseph Stalin acts here in 1960'
python3 - "$in" <<'EOF'
import random, sys
d = sys.argv[1]
def write(name, data):
    with open("%s/%s" % (d, name), "wb") as f:
        f.write(data)
line = b"In 1960 Stalin spoke."
write("empty.txt", b"")
write("invalid-utf8.txt", line + b" Then \xff, \xc3(, \xe2\x82 and a long sentence of good words after them.\n")
write("nul.txt", b"In 1960 Stalin\0 spoke.\0\n")
write("bom.txt", b"\xef\xbb\xbf" + line + b"\n")
write("utf16le.txt", (line + b"\n").decode().encode("utf-16"))  # with its BOM
write("utf16be.txt", b"\xfe\xff" + (line + b"\n").decode().encode("utf-16-be"))
write("utf32le.txt", (line + b"\n").decode().encode("utf-32"))  # with its BOM
write("utf32be.txt", b"\0\0\xfe\xff" + (line + b"\n").decode().encode("utf-32-be"))
write("cr.txt", b"The winter was long.\r" + line + b"\rThen spring came.\r")
rng = random.Random(9)
write("random.txt", bytes(rng.randrange(256) for _ in range(65536)))
write("ok.txt", line + b"\n")
# a fix on every line, for --fix killed half-way
write("fixable.txt", b"Marshal Zukhov commanded the front that winter, and the men trusted him.\n" * 50000)
EOF
mkdir -p "$in/tree/part/chapter" "$in/mixed"
cp "$in/ok.txt" "$in/tree/part/chapter/one.txt"
cp "$in/ok.txt" "$in/mixed/a.txt"
printf '\211PNG\r\n\032\n' > "$in/mixed/b.txt"
head -c 4096 "$in/random.txt" >> "$in/mixed/b.txt"

# bad rules and facts files, and a small database to put them in
base=$tmp/base
small_rules "$base" "$rules"
ns='xmlns="https://chronolint.org/ns/rules/1"'
printf '<?xml version="1.0"?>\n<people %s>\n  <person id="x" qid="Q1">\n    <name>X</name>\n</people>\n' "$ns" \
	> "$in/syntax.xml"
printf '<?xml version="1.0"?>\n<people %s>\n  <person id="x" qid="Q1">\n    <nmae>X</nmae>\n  </person>\n</people>\n' \
	"$ns" > "$in/schema.xml"
cat > "$in/order.xml" <<EOF
<?xml version="1.0"?>
<people $ns>
  <person id="volkov-ilya" qid="Q1">
    <name>Ilya Volkov</name>
    <surname>Volkov</surname>
    <born date="1960" precision="year"/>
    <died date="1957-01-12" precision="day"/>
  </person>
</people>
EOF
(cd "$in" && find . -type f -exec sha256sum {} + > "$tmp/sums")

# ---- the text inputs -------------------------------------------------------------
expect "empty file" 0 '' check "$in/empty.txt"
expect "empty stdin" 0 '' check - < "$in/empty.txt"
expect "invalid UTF-8" 2 'invalid-utf8.txt: 4 bytes of invalid UTF-8 (the first at line 1, column 28) read as spaces' \
	check "$in/invalid-utf8.txt"
grep -q "invalid-utf8.txt:1:9: $finding" "$tmp/out" || fail "invalid UTF-8: the rest was not checked"
expect "NUL bytes" 2 'nul.txt: 2 NUL bytes (the first at line 1, column 15) read as spaces' check "$in/nul.txt"
grep -q "nul.txt:1:9: $finding" "$tmp/out" || fail "NUL bytes: the rest was not checked"
# the mark is no column: the finding is where an editor shows it
expect "a byte-order mark" 1 "bom.txt:1:9: $finding" check "$in/bom.txt"
lacks "a byte-order mark" 'chronolint: '
expect "UTF-16 LE with its BOM" 2 'utf16le.txt: the input is UTF-16; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)' \
	check "$in/utf16le.txt"
expect "UTF-16 BE with its BOM" 2 'utf16be.txt: the input is UTF-16; convert it to UTF-8' check "$in/utf16be.txt"
expect "UTF-32 LE with its BOM" 2 'utf32le.txt: the input is UTF-32; convert it to UTF-8 (iconv -f UTF-32 -t UTF-8)' \
	check "$in/utf32le.txt"
expect "UTF-32 BE with its BOM" 2 'utf32be.txt: the input is UTF-32; convert it to UTF-8' check "$in/utf32be.txt"
expect "UTF-16 on stdin" 2 '^chronolint: -: the input is UTF-16' check - < "$in/utf16le.txt"
expect "CR line ends" 1 "cr.txt:2:9: $finding" check "$in/cr.txt"
expect "random bytes" 0 'random.txt: note: skipped, a binary file' check "$in/random.txt"
expect "random bytes on stdin" 0 '^chronolint: -: note: skipped, a binary file' check - < "$in/random.txt"
expect "a binary file among text files" 1 'mixed/b.txt: note: skipped, a binary file' check "$in/mixed"
grep -q "mixed/a.txt:1:9: $finding" "$tmp/out" || fail "a binary file among text files: the text file was not checked"
expect "a missing file" 2 'missing.txt: No such file or directory' check "$in/missing.txt" "$in/ok.txt"
grep -q "ok.txt:1:9: $finding" "$tmp/out" || fail "a missing file: the other file was not checked"
if [ "$(id -u)" -eq 0 ]; then
	echo "skip: an unreadable file (running as root, who can read any file)"
else
	cp "$in/ok.txt" "$tmp/unreadable.txt"
	chmod 000 "$tmp/unreadable.txt"
	expect "an unreadable file" 2 'unreadable.txt: Permission denied' check "$tmp/unreadable.txt" "$in/ok.txt"
	grep -q "ok.txt:1:9: $finding" "$tmp/out" || fail "an unreadable file: the other file was not checked"
fi
expect "a directory is walked" 1 "tree/part/chapter/one.txt:1:9: $finding" check "$in/tree"

# ---- FIFOs and devices: refused at once (standard input takes a stream) --------------
mkfifo "$tmp/fifo"
refused='not a regular file (a device, FIFO or socket); give its text on standard input instead'
for special in "$tmp/fifo" /dev/zero /dev/urandom /dev/null; do
	measure "$tmp/out" timeout 10 "$bin" --rules "$rules" --no-config "$special"
	[ "$status" -eq 2 ] || fail "$special: exit $status, want 2"
	grep -q -- "$special: $refused" "$tmp/out" || fail "$special: not refused"
	within "$special" 1 65536
done
cp "$in/ok.txt" "$tmp/walked.txt"
mkdir "$tmp/with-fifo"
mkfifo "$tmp/with-fifo/pipe.txt"
cp "$in/ok.txt" "$tmp/with-fifo/a.txt"
measure "$tmp/out" timeout 10 "$bin" --rules "$rules" --no-config "$tmp/with-fifo"
[ "$status" -eq 1 ] || fail "a FIFO in a walked directory: exit $status, want 1 (the text file's finding)"
within "a FIFO in a walked directory" 1 65536
expect "a pipe on standard input" 1 "^-:1:9: $finding" sh -c "cat '$in/ok.txt' | '$bin' --rules '$rules' --no-config -"

# ---- a 100 MB line: checked in sections, within SECURITY.md's bound of 64 MB plus twice
# the longest line (the sanitizers' shadow memory and quarantine take more) -----------
python3 -c '
import sys
words = b"the old clerk sat by the window and wrote in his book, "
n = 100 * 1000 * 1000
with open(sys.argv[1], "wb") as f:
    f.write((words * (n // len(words) + 1))[:n])
' "$tmp/line.txt"
measure "$tmp/out" "$bin" --rules "$rules" --no-config "$tmp/line.txt"
[ "$status" -eq 0 ] || fail "a 100 MB line: exit $status, want 0"
echo "a 100 MB line: $secs s, $kb KiB"
if grep -aq __asan_ "$bin"; then
	within "a 100 MB line" 600 2097152 # 2 GiB
else
	within "a 100 MB line" 600 257812 # 64 MB + 2 x 100 MB (10^6 bytes each), in KiB
fi
rm -f "$tmp/line.txt"

# ---- bad rules and facts files -----------------------------------------------------------
for bad in syntax:5:.*mismatch schema:4:.*nmae order:3:.*died\ before\ being\ born; do
	name=${bad%%:*}
	where=${bad#*:}
	expect "facts with a $name error" 2 "$in/$name.xml:$where" check --facts "$in/$name.xml" "$in/ok.txt"
	dir=$tmp/rules-$name
	mkdir "$dir"
	cp "$base"/* "$dir/"
	cp "$in/$name.xml" "$dir/zz-$name.xml"
	expect "rules with a $name error: db check" 1 "$dir/zz-$name.xml:$where" "$bin" db check "$dir"
	[ "$name" = order ] && continue # a check opens the rules without db check's consistency checks
	expect "rules with a $name error: check" 2 "$dir/zz-$name.xml:$where" \
		"$bin" --rules "$dir" --no-config "$in/ok.txt"
done

# ---- killed half-way ------------------------------------------------------------------
"$bin" --rules "$rules" --no-config "$in/fixable.txt" > /dev/null 2>&1 &
child=$!
sleep 0.2
kill -9 "$child" 2> /dev/null
wait "$child" 2> /dev/null
child=""

# --fix: the old text or the new, never a mix; the rename is atomic, and a kill
# between writing the temporary file and renaming it may leave that hidden
# file (.NAME.chronolint-XXXXXX) beside it, as SECURITY.md says
fixdir=$tmp/fix
mkdir "$fixdir"
cp "$in/fixable.txt" "$fixdir/fixed.txt"
start=$(date +%s.%N)
"$bin" --rules "$rules" --no-config --fix "$fixdir/fixed.txt" > /dev/null 2>&1
full=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
grep -q Zukhov "$fixdir/fixed.txt" && fail "--fix fixed nothing"
old=$(sha256sum < "$in/fixable.txt")
new=$(sha256sum < "$fixdir/fixed.txt")
rm "$fixdir/fixed.txt"
olds=0 news=0 leftovers=0
for part in 0.1 0.5 0.8 0.9 0.95 0.98 1.0 1.02 1.05 1.3 1.6; do
	delay=$(awk -v f="$full" -v p="$part" 'BEGIN { printf "%.3f", f * p }')
	cp "$in/fixable.txt" "$fixdir/victim.txt"
	"$bin" --rules "$rules" --no-config --fix "$fixdir/victim.txt" > /dev/null 2>&1 &
	child=$!
	sleep "$delay"
	kill -9 "$child" 2> /dev/null
	wait "$child" 2> /dev/null
	child=""
	now=$(sha256sum < "$fixdir/victim.txt")
	if [ "$now" = "$old" ]; then
		olds=$((olds + 1))
	elif [ "$now" = "$new" ]; then
		news=$((news + 1))
	else
		fail "--fix killed after $delay s: the file is neither the old text nor the new"
	fi
	for f in "$fixdir"/.* "$fixdir"/*; do
		case ${f##*/} in
		. | .. | victim.txt | '*' | '.*') ;;
		.victim.txt.chronolint-??????)
			leftovers=$((leftovers + 1))
			rm -f "$f"
			;;
		*) fail "--fix killed after $delay s: left ${f##*/}" ;;
		esac
	done
	rm -f "$fixdir/victim.txt"
done
echo "--fix killed half-way (a full run: $full s): old text $olds, new text $news, documented leftovers $leftovers"

(cd "$in" && sha256sum -c --quiet "$tmp/sums") > /dev/null 2>&1 || {
	fail "an input changed:"
	(cd "$in" && sha256sum -c --quiet "$tmp/sums")
}
exit $result
