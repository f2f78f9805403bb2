#!/bin/sh
# fix.sh BINARY RULES TESTDATA - --fix changes exactly the spans of the safe
# fixes, atomically, and --diff shows the same change as a unified diff.
set -u
bin=$1 rules=$2 data=$3/fix
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() { echo "FAIL: $*"; status=1; }
run() { (cd "$tmp" && CHRONOLINT_RULES=$rules "$bin" --no-config --color never "$@"); }

cp "$data/three-fixes.md" "$tmp/three-fixes.md"
chmod 640 "$tmp/three-fixes.md"

# --diff: the expected diff, the same hunks as diff(1) finds, the file untouched
run --diff three-fixes.md > "$tmp/out.diff" 2> "$tmp/err"
[ $? -eq 1 ] || fail "--diff with fixes should exit 1"
[ -s "$tmp/err" ] && { fail "--diff wrote to stderr:"; cat "$tmp/err"; }
cmp -s "$tmp/out.diff" "$data/three-fixes.diff" || { fail "--diff differs from three-fixes.diff:"; diff "$data/three-fixes.diff" "$tmp/out.diff"; }
cmp -s "$tmp/three-fixes.md" "$data/three-fixes.md" || fail "--diff changed the file"
diff -u "$data/three-fixes.md" "$data/three-fixes.fixed" | tail -n +3 > "$tmp/want.hunks"
tail -n +3 "$tmp/out.diff" > "$tmp/got.hunks"
cmp -s "$tmp/want.hunks" "$tmp/got.hunks" || { fail "--diff and diff -u disagree:"; diff "$tmp/want.hunks" "$tmp/got.hunks"; }

# --fix: exactly the three spans change; the finding without a fix stays
run --fix three-fixes.md > "$tmp/out" 2> "$tmp/err"
[ $? -eq 1 ] || fail "--fix should exit 1 for the finding it cannot fix"
grep -q 'three-fixes.md: 3 fixes applied' "$tmp/err" || { fail "--fix did not say it applied 3 fixes:"; cat "$tmp/err"; }
cmp -s "$tmp/three-fixes.md" "$data/three-fixes.fixed" || { fail "--fix wrote something else:"; diff "$data/three-fixes.fixed" "$tmp/three-fixes.md"; }
grep -q '\[age-mismatch\]' "$tmp/out" || fail "the finding without a fix is not reported after --fix"
[ "$(grep -c '\[' "$tmp/out")" -eq 1 ] || { fail "fixed findings are still reported:"; cat "$tmp/out"; }
[ "$(stat -c %a "$tmp/three-fixes.md")" = 640 ] || fail "--fix did not keep the file's permissions"
ls -a "$tmp" | grep -q 'chronolint-' && fail "--fix left a temporary file behind"
# a second run finds nothing to fix and changes nothing
run --fix three-fixes.md > /dev/null 2> "$tmp/err"
grep -q 'applied' "$tmp/err" && fail "a second --fix applied something"
cmp -s "$tmp/three-fixes.md" "$data/three-fixes.fixed" || fail "a second --fix changed the file"
run --diff three-fixes.md > "$tmp/out.diff"
[ $? -eq 0 ] && [ ! -s "$tmp/out.diff" ] || fail "--diff on a fixed file should print nothing and exit 0"

# a one-line file: diff(1) leaves out a count of one, and so does --diff
printf 'Nikolai Bukharin (1888-1937) edited Pravda.\n' > "$tmp/one.md"
printf 'Nikolai Bukharin (1888-1938) edited Pravda.\n' > "$tmp/one.want"
run --diff one.md | tail -n +3 > "$tmp/got.hunks"
diff -u "$tmp/one.md" "$tmp/one.want" | tail -n +3 | cmp -s - "$tmp/got.hunks" || { fail "--diff of a one-line file:"; cat "$tmp/got.hunks"; }

# a link is followed: the file it names is fixed and the link stays a link
cp "$data/three-fixes.md" "$tmp/target.md"
ln -s target.md "$tmp/link.md"
run --fix link.md > /dev/null 2>&1
[ -L "$tmp/link.md" ] || fail "--fix replaced a symbolic link with a file"
cmp -s "$tmp/target.md" "$data/three-fixes.fixed" || fail "--fix through a link did not fix its target"

# what --fix cannot do is an error, and nothing is written
out=$(run --fix - < "$data/three-fixes.md" 2>&1)
[ $? -eq 2 ] && printf '%s\n' "$out" | grep -q -- '--fix changes files only' || fail "--fix on stdin: $out"
out=$(run --fix --diff three-fixes.md 2>&1)
[ $? -eq 2 ] && printf '%s\n' "$out" | grep -q 'exclude each other' || fail "--fix --diff: $out"
out=$(run claims --fix three-fixes.md 2>&1)
[ $? -eq 2 ] || fail "claims --fix should be a usage error: $out"
run --diff - < "$data/three-fixes.md" | head -1 | grep -q '^--- -$' || fail "--diff of stdin should name it -"
if [ "$(id -u)" != 0 ]; then
	mkdir "$tmp/ro" && cp "$data/three-fixes.md" "$tmp/ro/" && chmod 555 "$tmp/ro"
	out=$(run --fix ro/three-fixes.md 2>&1)
	[ $? -eq 2 ] && printf '%s\n' "$out" | grep -q 'cannot write a temporary file' || fail "--fix in a read-only directory: $out"
	cmp -s "$tmp/ro/three-fixes.md" "$data/three-fixes.md" || fail "--fix changed a file it could not fix"
	chmod 755 "$tmp/ro"
fi
[ $status = 0 ] && echo "fix: --fix and --diff agree; 3 spans fixed, nothing else"
exit $status
