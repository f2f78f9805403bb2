#!/bin/sh
# links.sh BINARY [COUNT] - how fast the online checks go: a text citing COUNT
# (default 200) distinct pages of the local test server (tests/httpd.py) is
# checked with --online, and the links checked per second of wall time are
# printed. Every link is an HTML page, so each costs a HEAD and a GET; all are
# on one host, so at most two requests run at once (the per-host limit).
set -u
[ $# -ge 1 ] || { echo "usage: links.sh BINARY [COUNT]" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" && printf '%s/%s' "$(pwd)" "$(basename "$1")")
count=${2:-200}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM PIPE # the server goes too when the script is stopped

httpd_start_here="$here/../tests/httpd-start.sh"
. "$httpd_start_here"
start_httpd "$tmp" /dev/null || { echo "the test server did not start" >&2; exit 1; }

i=1
while [ $i -le "$count" ]; do
	echo "Part $i of the survey is at http://127.0.0.1:$port/bench/$i and is cited in chapter $i."
	i=$((i + 1))
done > "$tmp/links.md"

start=$(date +%s.%N)
"$bin" --online --allow-private "$tmp/links.md" > "$tmp/out" 2> "$tmp/err"
rc=$?
end=$(date +%s.%N)
if [ $rc -ne 0 ] || [ -s "$tmp/out" ]; then
	echo "unexpected result (exit $rc):" >&2
	head -5 "$tmp/out" "$tmp/err" >&2
	exit 1
fi
awk -v n="$count" -v s="$start" -v e="$end" \
	'BEGIN { printf "%d links in %.2f s: %.0f links/s\n", n, e - s, n / (e - s) }'
