#!/bin/sh
# precision.sh BINARY RULES [DIR] - runs chronolint over a corpus of correct
# historical prose, 1900-1991 (default eval/precision/, the development set;
# eval/heldout/ was written after the tuning and is the honest measure) and prints
# every warning and error with the count per 20,000 words. The kind of each file comes from its
# name: *_forum_* is a forum thread, *.md a manuscript, the rest essays.
set -u
bin=$1 rules=$2
dir=${3:-$(dirname "$0")/precision}
words=0 findings=0
for f in "$dir"/*.txt "$dir"/*.md; do
	[ -f "$f" ] || continue
	case "$f" in
	*_forum_*) kind=forum ;;
	*.md) kind=manuscript ;;
	*) kind=essay ;;
	esac
	w=$(wc -w < "$f")
	words=$((words + w))
	out=$("$bin" --rules "$rules" --kind "$kind" --color never --fail-level info "$f" | grep -E ': (warning|error): ')
	if [ -n "$out" ]; then
		echo "$out"
		findings=$((findings + $(echo "$out" | wc -l)))
	fi
done
echo "precision corpus: $words words, $findings warning/error findings," \
	"$(awk "BEGIN { printf \"%.2f\", $findings * 20000 / $words }") per 20,000 words (aim: at most 1)"
