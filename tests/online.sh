#!/bin/sh
# online.sh BINARY RULES TESTDATA - the online checks against a local test
# server (tests/httpd.py on 127.0.0.1): dead links of every kind, permanent and
# temporary redirects, retries, soft 404s, bodies that never end or explode,
# quotations, the private-address guard, the archive's fix, the cache, one
# fetch per link, the per-host limit, and pages given on the command line.
# Every run is held to a time and a memory limit. The inputs and expected
# outputs are in TESTDATA/online, with @PORT@ for the server's port;
# UPDATE=1 rewrites the expected files.
set -u
abs() { (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename "$1")"); }
bin=$(abs "$1") rules=$(abs "$2") data=$(abs "$3")/online
here=$(cd "$(dirname "$0")" && pwd)
status=0
tmp=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM PIPE # the server goes too when the script is stopped
export CHRONOLINT_RULES="$rules"

# Limits for one run: wall seconds, and peak memory in KiB. The memory limit
# holds for the ASan build too, and is far below what reading a 1 GiB gzip
# bomb or an endless page whole would take.
time_limit=20
rss_limit=300000
# Under valgrind (CL_TEST_SLOWDOWN=N) every run is N times slower: the time
# limit grows with it, the link timeouts at most 5 times (the test server's
# stall lasts 30 s, and a timeout must come first), and the timeouts are
# written back to the ones of the expected files (secs, unsecs).
slow=${CL_TEST_SLOWDOWN:-1}
time_limit=$((time_limit * slow))
secs() { echo $(($1 * (slow < 5 ? slow : 5))); }
unsecs() { sed "s/within $(secs 2) s/within 2 s/g; s/within $(secs 3) s/within 3 s/g; s/within $(secs 5) s/within 5 s/g"; }

fail() {
	echo "FAIL: $1"
	status=1
}

httpd_start_here="$here/httpd-start.sh"
. "$httpd_start_here"
start_httpd "$tmp" "$tmp/httpd.log" || { echo "FAIL: the test server did not start"; cat "$tmp/httpd.log"; exit 1; }
base="http://127.0.0.1:$port"
mkdir "$tmp/in"
for f in "$data"/*.md; do
	sed "s/@PORT@/$port/g" "$f" > "$tmp/in/$(basename "$f")"
done
cd "$tmp/in" || exit 1

# The wall time and peak memory of a command (Python's resource module: GNU
# time need not be installed).
cat > "$tmp/measure.py" <<'EOF'
import resource, subprocess, sys, time
out, err, meas = sys.argv[1:4]
start = time.monotonic()
with open(out, "wb") as o, open(err, "wb") as e:
    rc = subprocess.call(sys.argv[4:], stdout=o, stderr=e)
wall = time.monotonic() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(meas, "w") as m:
    m.write("%d %.2f %d\n" % (rc, wall, rss))
EOF

# run NAME ARGS...: runs the binary with a proxy in the environment that does
# not exist (it must not be used), sets $out, $err and $rc, and checks the limits.
run() {
	name=$1
	shift
	env http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 ALL_PROXY=http://127.0.0.1:9 \
		python3 "$tmp/measure.py" "$tmp/$name.out" "$tmp/$name.err" "$tmp/$name.meas" "$bin" "$@"
	read -r rc wall rss < "$tmp/$name.meas"
	out=$(cat "$tmp/$name.out")
	err=$(cat "$tmp/$name.err")
	echo "$name: exit $rc, ${wall} s, $((rss / 1024)) MiB"
	awk -v w="$wall" -v l="$time_limit" 'BEGIN { exit !(w > l) }' && fail "$name took $wall s (limit $time_limit s)"
	[ "$rss" -le "$rss_limit" ] || fail "$name used $rss KiB (limit $rss_limit KiB)"
	[ "$rc" -le 2 ] || fail "$name ended with status $rc"
	grep -q "Sanitizer\|runtime error" "$tmp/$name.err" && fail "$name: sanitizer report:" && head -20 "$tmp/$name.err"
}

# golden NAME: the last run's output, notes and status against NAME.expected
golden() {
	got=$(printf '%s\n--- notes\n%s\n[exit %s]\n' "$out" "$err" "$rc" |
		sed "s/127\.0\.0\.1:$port/127.0.0.1:@PORT@/g; s/localhost:$port/localhost:@PORT@/g" | unsecs)
	if [ "${UPDATE:-0}" = 1 ]; then
		printf '%s\n' "$got" > "$data/$1.expected"
	elif ! printf '%s\n' "$got" | diff -u "$data/$1.expected" - > "$tmp/diff"; then
		fail "$1 differs from $data/$1.expected:"
		cat "$tmp/diff"
	fi
}

has() {
	printf '%s\n' "$3" | grep -q -- "$2" || { fail "$1: no line matching '$2' in:"; printf '%s\n' "$3" | head -20; }
}
lacks() {
	if printf '%s\n' "$3" | grep -q -- "$2"; then
		fail "$1: a line matches '$2':"
		printf '%s\n' "$3" | grep -- "$2" | head -5
	fi
}

# hits PATH [METHOD]: how often the server was asked for PATH since the last reset
hits() {
	python3 - "$base/stats" "$1" "${2:-}" <<'EOF'
import json, sys, urllib.request
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
stats = json.load(opener.open(sys.argv[1]))
per = stats.get(sys.argv[2], {})
print(per.get(sys.argv[3], 0) if sys.argv[3] else sum(per.values()))
EOF
}
reset_hits() {
	python3 -c "import sys, urllib.request; urllib.request.build_opener(urllib.request.ProxyHandler({})).open(sys.argv[1]).read()" "$base/reset-stats"
}
# expect_hits NAME PATH OP COUNT [METHOD]: test(1) of the hits against COUNT
expect_hits() {
	got=$(hits "$2" "${5:-}")
	[ "$got" "$3" "$4" ] || fail "$1: $2 ${5:-} was asked for $got times, expected $3 $4"
}

online="--online --allow-private --link-timeout $(secs 3)"

# ---- every kind of link: dead, moved, busy, broken, huge ----
run links $online links.md
golden links

agents=$(python3 -c "import json, sys, urllib.request; print(json.load(urllib.request.build_opener(urllib.request.ProxyHandler({})).open(sys.argv[1]))['user_agents'])" "$base/stats")
has user-agent "'chronolint/[0-9.]*'" "$agents"

# ---- no such host, and TLS with a server that does not speak it ----
printf 'See http://no-such-host.invalid/page and https://127.0.0.1:%s/page.\n' "$port" > dns-tls.md
run dns-tls $online dns-tls.md
has dns-tls "^dns-tls.md:1:5: warning: the link is dead: .* \[url-dead\]" "$out"
has dns-tls "^dns-tls.md:1:[0-9]*: warning: the link is dead: the secure connection failed: .* \[url-dead\]" "$out"

# ---- quotations: found, moved, not found, on plain text, on pages read in part ----
run quotes $online quotes.md
golden quotes
run quotes-json $online --format json quotes.md
has quotes-json '"rule":"quote-not-found".*"found":"The harvest of 1939 was gathered late in the western provinces","expected":null,"evidence":"online: the page at '"$base"'/other-page ([0-9-]*)"' "$out"
has quotes-json '"rule":"url-redirect".*"expected":"'"$base"'/quote-page".*"fix":"'"$base"'/quote-page"' "$out"

# ---- the guard: without --allow-private nothing local is connected to ----
reset_hits
run guard --online --link-timeout "$(secs 3)" guard.md
golden guard
expect_hits guard-ip /counted-guard-ip -eq 0
expect_hits guard-name /counted-guard-name -eq 0
run guard-links --online --link-timeout "$(secs 3)" links.md
lacks guard-links '\[url-' "$out"
[ "$rc" = 0 ] || fail "guard-links: exit $rc"
n=$(printf '%s\n' "$err" | grep -c 'not checked: 127\.0\.0\.1 is a loopback address (--allow-private allows it)')
links=$(grep -o 'http://[^ ),]*' links.md | sort -u | wc -l)
[ "$n" -eq "$links" ] || fail "guard-links: $n notes for $links links"
reset_hits
run guard-allowed $online guard.md
[ -z "$out$err" ] && [ "$rc" = 0 ] || fail "guard-allowed: output or notes: $out $err"
expect_hits guard-allowed /counted-guard-ip -ge 1
expect_hits guard-allowed /counted-guard-name -ge 1

# ---- the archive: the closest copy is the fix ----
export CHRONOLINT_ARCHIVE_API="$base/archive/available"
run archive $online --archive archive.md
golden archive
run archive-json $online --archive --format json archive.md
unset CHRONOLINT_ARCHIVE_API
has archive-json "\"fix\":\"http://web.archive.org/web/20200101000000/$base/gone-404\"" "$out"
has archive-json "\"evidence\":\"online: HTTP 404 from $base/gone-404 ([0-9-]*)\"" "$out"
lacks archive-json "unarchived-exhibition.*\"fix\":\"http" "$out"

# ---- the cache: a second run asks for nothing that succeeded ----
cache="$tmp/cache"
reset_hits
run cache-1 $online --link-cache "$cache" cache.md
first=$out
has cache-1 "quote-not-found" "$out"
expect_hits cache-1 /counted-cache-page -ge 1
expect_hits cache-1 /quote-page -ge 1
reset_hits
run cache-2 $online --link-cache "$cache" cache.md
[ "$out" = "$first" ] || fail "cache-2: the output differs from the first run: $out"
expect_hits cache-2 /counted-cache-page -eq 0
expect_hits cache-2 /moved -eq 0
expect_hits cache-2 /page -eq 0
expect_hits cache-2 /quote-page -eq 0
expect_hits cache-2 /other-page -eq 0
expect_hits cache-2 /gone-404 -ge 1
ls -A "$cache" | grep -q '^\.tmp' && fail "cache: a temporary file was left behind"
for f in "$cache"/*; do printf 'chronolint-link-cache 1\nurl nonsense\n' > "$f"; done
reset_hits
run cache-corrupt $online --link-cache "$cache" cache.md
[ "$out" = "$first" ] || fail "cache-corrupt: the output differs from the first run: $out"
expect_hits cache-corrupt /counted-cache-page -ge 1
sleep 2
reset_hits
run cache-expired $online --link-cache "$cache" --link-cache-ttl 1 cache.md
[ "$out" = "$first" ] || fail "cache-expired: the output differs from the first run: $out"
expect_hits cache-expired /counted-cache-page -ge 1

# ---- each distinct link once per run, over several files ----
reset_hits
run once $online once-a.md once-b.md
expect_hits once /counted-once -eq 1 HEAD
expect_hits once /counted-once -le 1 GET

# ---- at most two requests to one host at once (and two do happen) ----
reset_hits
run per-host $online per-host.md
most=$(python3 -c "import json, sys, urllib.request; print(json.load(urllib.request.build_opener(urllib.request.ProxyHandler({})).open(sys.argv[1]))['max_in_flight'])" "$base/stats")
[ "$most" -eq 2 ] || fail "per-host: $most requests to one host at once (expected 2)"

# ---- a page on the command line ----
run url-page --allow-private "$base/essay"
has url-page "^$base/essay:[0-9]*:[0-9]*: error: Nikolai Bukharin died on 15 March 1938, not 1937 \[lifespan-mismatch\]" "$out"
[ "$rc" = 1 ] || fail "url-page: exit $rc"
run url-404 --allow-private "$base/gone-404"
has url-404 "chronolint: $base/gone-404: HTTP 404 Not Found" "$err"
[ "$rc" = 2 ] || fail "url-404: exit $rc"
run url-guard "$base/essay"
has url-guard "chronolint: $base/essay: not fetched: 127.0.0.1 is a loopback address (--allow-private allows it)" "$err"
[ "$rc" = 2 ] || fail "url-guard: exit $rc"
run url-file --allow-private "$base/to-file"
has url-file "it redirects to file:///etc/passwd, which is not http or https" "$err"
[ "$rc" = 2 ] || fail "url-file: exit $rc"
run url-bomb --allow-private --link-timeout "$(secs 5)" "$base/bomb"
run url-endless --allow-private --link-timeout "$(secs 5)" "$base/endless"
run url-stall --allow-private --link-timeout "$(secs 2)" "$base/stall"
has url-stall "$base/stall: no answer within $(secs 2) s" "$err"

exit $status
