#!/bin/sh
# limits.sh BINARY RULES - limits of SECURITY.md taken through the command
# line, with the message and exit status it documents: an XML file above
# 64 MiB, 10,000 disable directives, 64 configuration files, a URL longer than
# 8,191 bytes. Nothing is fetched: the one URL names a closed local port.
set -u
bin=$1 rules=$2
status=0
tmp=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM PIPE
. "$(dirname "$0")/expect.sh"

printf 'In 1960 Stalin spoke to the Politburo.\n' > "$tmp/a.txt"

# one XML file: 64 MiB is the most; one byte more is refused before it is
# read (a sparse file: the size alone decides)
truncate -s 67108865 "$tmp/big.xml"
expect 2 'big.xml: cannot be read: larger than 64 MiB' "$bin" --rules "$rules" --facts "$tmp/big.xml" "$tmp/a.txt"
mkdir "$tmp/db"
cp "$rules/chronolint.rng" "$tmp/db/" 2>/dev/null
truncate -s 67108865 "$tmp/db/people.xml"
expect 1 'people.xml: cannot be read: larger than 64 MiB' "$bin" db check "$tmp/db"
expect 2 'people.xml: cannot be read: larger than 64 MiB' "$bin" --rules "$tmp/db" "$tmp/a.txt"
# a file that cannot be read for another reason says why
expect 2 'nothere.xml: cannot be read: No such file or directory' "$bin" --rules "$rules" --facts "$tmp/nothere.xml" "$tmp/a.txt"
mkdir "$tmp/dir.xml"
expect 2 'dir.xml: cannot be read: Is a directory' "$bin" --rules "$rules" --facts "$tmp/dir.xml" "$tmp/a.txt"
# just at the limit the size is no problem (the file is then read as XML)
truncate -s 67108864 "$tmp/big.xml"
lacks 'larger than 64 MiB' "$bin" --rules "$rules" --facts "$tmp/big.xml" "$tmp/a.txt"

# 10,000 disable directives in one document; the next is ignored, and told
awk 'BEGIN { for (i = 0; i < 9999; i++) print "<!-- chronolint: disable-next-line=name-spelling -->" }' > "$tmp/many.md"
cp "$tmp/many.md" "$tmp/at.md"
printf '<!-- chronolint: disable=after-death -->\nIn 1960 Stalin spoke to the Politburo.\n' >> "$tmp/at.md"
expect 0 '' "$bin" --rules "$rules" --color never "$tmp/at.md"
lacks 'directive' "$bin" --rules "$rules" --color never "$tmp/at.md"
printf '<!-- chronolint: disable-next-line=name-spelling -->\n' >> "$tmp/many.md"
printf '<!-- chronolint: disable=after-death -->\nIn 1960 Stalin spoke to the Politburo.\n' >> "$tmp/many.md"
expect 1 '^.*many.md:10001:1: warning: too many disable directives; this one is ignored \[directive-invalid\]' \
	"$bin" --rules "$rules" --color never "$tmp/many.md"
expect 1 '^.*many.md:10002:.*\[after-death\]' "$bin" --rules "$rules" --color never "$tmp/many.md"

# 64 configuration files on the way up are read; a 65th is an error
dir=$tmp/conf
mkdir "$dir"
printf 'root = true\n' > "$dir/.chronolint.ini"
i=1
while [ $i -lt 64 ]; do
	dir=$dir/d
	mkdir "$dir"
	printf 'disable = name-spelling\n' > "$dir/.chronolint.ini"
	i=$((i + 1))
done
cp "$tmp/a.txt" "$dir/a.txt"
expect 1 '\[after-death\]' "$bin" --rules "$rules" --color never "$dir/a.txt"
mkdir "$dir/d"
printf 'disable = name-spelling\n' > "$dir/d/.chronolint.ini"
cp "$tmp/a.txt" "$dir/d/a.txt"
expect 2 'more than 64 configuration files' "$bin" --rules "$rules" --color never "$dir/d/a.txt"

# a URL of 8,192 bytes or more is not fetched: as an input, exit 2; as a
# link in a checked text, a note and no finding
long=http://127.0.0.1:9/$(awk 'BEGIN { for (i = 0; i < 8200; i++) printf "a" }')
# (the address is cut in the message, so that the reason is not)
expect 2 '^chronolint: http://127.0.0.1:9/a*…: the address is longer than 8191 bytes' "$bin" --rules "$rules" "$long"
printf 'The minutes are at %s and nowhere else.\n' "$long" > "$tmp/link.txt"
expect 0 'link.txt:1: note: http://127.0.0.1:9/aaaa.* not checked: the address is longer than 8191 bytes' \
	"$bin" --rules "$rules" --online --allow-private --color never "$tmp/link.txt"

# a report that cannot be written (a full disk): exit 2 in every format, and
# the reason said once, in one line (libxml2 says nothing of its own)
if [ -w /dev/full ]; then
	for format in text json github sarif junit checkstyle; do
		"$bin" --rules "$rules" --format $format "$tmp/a.txt" > /dev/full 2> "$tmp/err"
		got=$?
		[ "$(cat "$tmp/err")" = 'chronolint: cannot write the report: No space left on device' ] ||
			got="$got, with other messages: $(tr '\n' '|' < "$tmp/err")"
		if [ "$got" != 2 ]; then
			echo "FAIL: --format $format to a full disk: exit $got (want 2)"
			status=1
		fi
	done
fi

# ---- online, against a local server of this test's own
cat > "$tmp/srv.py" <<'PY'
import http.server, os, socketserver, sys
WORDS = ("amber basin cedar delta ember fjord granite harbor island juniper kestrel lagoon meadow "
         "nectar orchard pebble quarry rampart saddle thicket upland valley willow yarrow zephyr").split()
# 1,500 words, each one different: "amber0 basin0 cedars0 ... zephyr59"
def words():
    return [WORDS[i % 25] + ("s" if i % 3 == 0 else "") + str(i // 25) for i in range(1500)]
if sys.argv[1] == "--words":
    print(" ".join(words()))
    sys.exit(0)
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass
    def send(self, status, body, headers=()):
        body = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
    def do_HEAD(self):
        self.do_GET()
    def do_GET(self):
        if self.path == "/long-page":
            return self.send(200, "<html><head><title>Field notes</title></head><body><p>" +
                             " ".join(words()) + "</p></body></html>")
        if self.path == "/big-404":  # 200 KB that nobody keeps
            return self.send(404, "<html><body><p>" + "gone " * 40000 + "</p></body></html>")
        if self.path.startswith("/far/"):  # a query of 4,000 bytes on a long path
            return self.send(301, "<p>moved</p>", [("Location", "?q=" + "q" * 4000)])
        return self.send(404, "<p>no</p>")
class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
s = S(("127.0.0.1", 0), H)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write("%d\n" % s.server_address[1])
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
s.serve_forever()
PY
python3 "$tmp/srv.py" "$tmp/port" > "$tmp/srv.log" 2>&1 &
server=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
if [ ! -s "$tmp/port" ]; then
	echo "FAIL: the test server did not start"
	cat "$tmp/srv.log"
	exit 1
fi
port=$(cat "$tmp/port")
base=http://127.0.0.1:$port
python3 "$tmp/srv.py" --words > "$tmp/words"
# quote N [FIRST]: N words of the page from word FIRST, the 16th of them changed
quote() {
	tr ' ' '\n' < "$tmp/words" | awk -v n="$1" -v first="${2:-0}" \
		'NR > first && NR <= first + n { printf "%s%s", (NR > first + 1 ? " " : ""), (NR == first + 16 ? "lighthouse" : $0) }'
}
{
	printf 'The diary says "%s" (%s/long-page).\n\n' "$(quote 1000)" "$base"
	printf 'The diary says "%s" (%s/long-page).\n\n' "$(quote 1001)" "$base"
	printf 'The diary also says "%s" (%s/long-page).\n\n' "$(quote 30 100)" "$base"
	printf 'The minutes are at %s/big-404 today.\n\n' "$base"
	printf 'The map is at %s/far/%s today.\n' "$base" "$(awk 'BEGIN { for (i = 0; i < 5000; i++) printf "p" }')"
} > "$tmp/online.md"
cd "$tmp" || exit 1
"$bin" --rules "$rules" --online --allow-private --link-timeout 5 --color never online.md > "$tmp/out" 2> "$tmp/err"
got=$?
[ $got -eq 1 ] || { echo "FAIL: online.md: exit $got (want 1)"; status=1; }
cut -c1-140 "$tmp/out" > "$tmp/out.short"
cat > "$tmp/want" <<'EOF2'
online.md:1:17: warning: the quoted words are not on the cited page; the closest passage is shown [quote-not-found]
online.md:5:22: warning: the quoted words are not on the cited page; the closest passage is shown [quote-not-found]
online.md:7:20: warning: the link is dead: HTTP 404 Not Found [url-dead]
online.md:9:15: warning: the link is dead: it redirects to an address that cannot be read (?q=qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq
EOF2
if ! diff "$tmp/want" "$tmp/out.short" > "$tmp/diff"; then
	echo "FAIL: online.md: the findings differ (1,000 words looked for, 1,001 not; 404 body; long redirect):"
	cat "$tmp/diff" "$tmp/err"
	status=1
fi
# the closest passage of line 5 is cut at a word near 200 bytes, and marked
"$bin" --rules "$rules" --online --allow-private --link-timeout 5 --format json online.md 2> /dev/null |
	grep '"line":5,' > "$tmp/json"
python3 - "$tmp/json" <<'PY' || status=1
import json, sys
f = json.loads(open(sys.argv[1]).readline())
found = f["found"]
ok = found.startswith("amber4 basin4 cedars4 ") and found.endswith("\u2026") and 150 < len(found.encode()) <= 203
if not ok:
    print("FAIL: the closest passage is not cut near 200 bytes: %r (%d bytes)" % (found, len(found.encode())))
sys.exit(0 if ok else 1)
PY
exit $status
