#!/bin/sh
# parallel.sh BINARY RULES TESTDATA - -j 2 writes byte for byte what -j 1
# writes over 200+ files (text and JSON, findings and notes), directories are
# walked through include and exclude globs, and binary files are skipped with a
# note. The wall times of both runs are printed for the record, not judged.
set -u
bin=$1 rules=$2 data=$3
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() { echo "FAIL: $*"; status=1; }

# the corpus: every golden input twice, in nested directories, a manuscript
# whose chapters build on each other, a binary file and files to leave out
mkdir -p "$tmp/corpus/essays/a" "$tmp/corpus/essays/b/deep" "$tmp/corpus/drafts"
for f in "$data"/*.txt; do
	cp "$f" "$tmp/corpus/essays/a/"
	cp "$f" "$tmp/corpus/essays/b/deep/$(basename "$f" .txt).md"
done
cp -r "$data/manuscript" "$tmp/corpus/book"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' > "$tmp/corpus/essays/a/picture.txt"
printf 'In 1960 Stalin spoke to the Politburo.\n' > "$tmp/corpus/drafts/old.md"
printf 'In 1960 Stalin spoke to the Politburo.\n' > "$tmp/corpus/essays/a/notes.tex"
count=$(find "$tmp/corpus" -type f \( -name '*.txt' -o -name '*.md' \) | wc -l)
[ "$count" -ge 200 ] || fail "only $count files in the corpus"

now() { date +%s%N; }
runs() { # FORMAT: -j 1 and -j 2, outputs and times
	for j in 1 2; do
		start=$(now)
		(cd "$tmp/corpus" && CHRONOLINT_RULES=$rules "$bin" -j $j --format "$1" --color never \
			--exclude drafts . > "$tmp/out.$1.$j" 2> "$tmp/err.$1.$j")
		echo $? > "$tmp/rc.$1.$j"
		end=$(now)
		echo "$start $end" | awk -v f="$1" -v j=$j '{ printf "%s -j %s: %.3f s\n", f, j, ($2 - $1) / 1e9 }' >> "$tmp/times"
	done
	cmp -s "$tmp/out.$1.1" "$tmp/out.$1.2" || { fail "$1: -j 2 output differs from -j 1"; diff "$tmp/out.$1.1" "$tmp/out.$1.2" | head; }
	cmp -s "$tmp/err.$1.1" "$tmp/err.$1.2" || { fail "$1: -j 2 messages differ from -j 1"; diff "$tmp/err.$1.1" "$tmp/err.$1.2" | head; }
	cmp -s "$tmp/rc.$1.1" "$tmp/rc.$1.2" || fail "$1: -j 2 exit status differs from -j 1"
}
runs text
runs json
# a run repeated gives the same JSON
(cd "$tmp/corpus" && CHRONOLINT_RULES=$rules "$bin" -j 2 --format json --exclude drafts . 2>/dev/null) | cmp -s - "$tmp/out.json.1" ||
	fail "two runs with -j 2 differ"
grep -q 'picture.txt: note: skipped, a binary file' "$tmp/err.text.1" || fail "the binary file is not skipped with a note"
grep -q 'picture.txt:' "$tmp/out.text.1" && fail "the binary file was checked"
grep -q 'drafts/' "$tmp/out.text.1" && fail "--exclude drafts did not leave the drafts out"
grep -q 'notes.tex' "$tmp/out.text.1" && fail "a .tex file was checked without --include"
[ "$(cat "$tmp/rc.text.1")" = 2 ] || fail "the corpus's damaged inputs should make the run exit 2"
# the manuscript's chapters keep building on each other under -j
(cd "$tmp/corpus" && CHRONOLINT_RULES=$rules "$bin" -j 1 --color never book/ch1.md book/ch2.md book/ch3.md > "$tmp/book.1" 2>&1)
(cd "$tmp/corpus" && CHRONOLINT_RULES=$rules "$bin" -j 2 --color never book > "$tmp/book.2" 2>&1)
cmp -s "$tmp/book.1" "$tmp/book.2" || { fail "the manuscript reads differently under -j 2"; diff "$tmp/book.1" "$tmp/book.2" | head; }
grep -q 'Anna Petrova was .* according to book/ch1.md:5' "$tmp/book.2" || fail "the chapters did not carry Anna Petrova's birth under -j 2"
# --include chooses the files; a glob with a slash matches the path below the directory
out=$(cd "$tmp/corpus" && CHRONOLINT_RULES=$rules "$bin" --color never --include '*.tex' --include 'book/ch2.md' . 2>&1)
printf '%s\n' "$out" | grep -q 'notes.tex:1:9' || fail "--include *.tex did not check notes.tex: $out"
printf '%s\n' "$out" | grep -q 'ch2.md' || fail "--include book/ch2.md did not check it"
printf '%s\n' "$out" | grep -q 'ch1.md\|essays/a/[a-z-]*\.txt' && fail "--include checked other files: $out"
out=$(CHRONOLINT_RULES=$rules "$bin" -j 0 - < /dev/null 2>&1)
[ $? -eq 2 ] && printf '%s\n' "$out" | grep -q 'not a number of jobs' || fail "-j 0 should be a usage error: $out"
cat "$tmp/times"
[ $status = 0 ] && echo "parallel: $count files, -j 2 identical to -j 1 in text and JSON"
exit $status
