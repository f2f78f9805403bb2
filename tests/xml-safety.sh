#!/bin/sh
# xml-safety.sh BINARY RULES - XML and HTML from untrusted hands: an author's
# facts file (--facts), a rules directory (--rules, through db check and a
# check) and HTML inputs carrying external entities (XXE, file and http),
# billion laughs, quadratic blowup and deep nesting. Each must end in at most
# 1 second and 64 MiB, read no file, open no connection (a local listener
# counts every one it accepts), and a bad XML file must be an error naming
# FILE:LINE. Runs in a temporary directory.
set -u
bin=$1 rules=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/measure.sh"
. "$here/small-rules.sh"
tmp=$(mktemp -d)
listener=""
cleanup() {
	[ -n "$listener" ] && kill "$listener" 2> /dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
export CHRONOLINT_CACHE=off # every run reads the XML, never a compiled cache
result=0
fail() {
	echo "FAIL: $*"
	result=1
}
max_secs=1 max_kb=65536
# AddressSanitizer's shadow memory and checks multiply time and resident set,
# so the bounds are the normal build's (which runs this same test, to the
# figures above); a sanitizer build checks the outcomes, and memory safety
if grep -q __asan_init "$bin" 2>/dev/null; then
	max_secs=999999 max_kb=999999999
fi

# ---- a listener that counts connections ---------------------------------------
cat > "$tmp/listen.py" <<'EOF'
import os, socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(16)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(s.getsockname()[1]))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
n = 0
while True:
    c, _ = s.accept()
    n += 1
    with open(sys.argv[2], "w") as f:
        f.write(str(n))
    try:
        c.settimeout(2)
        c.recv(65536)
        c.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: application/xml\r\n\r\n<!ENTITY x 'FETCHED-MARKER'>")
    except OSError:
        pass
    c.close()
EOF
echo 0 > "$tmp/connections"
python3 "$tmp/listen.py" "$tmp/port" "$tmp/connections" &
listener=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ -s "$tmp/port" ] || {
	echo "FAIL: the listener did not start"
	exit 1
}
port=$(cat "$tmp/port")
url="http://127.0.0.1:$port"

# ---- a small database (its schema and rule documentation, and Stalin) ----------
base=$tmp/base
small_rules "$base" "$rules"
printf 'In 1960 Stalin spoke.\n' > "$tmp/in.txt"
printf 'SECRET-MARKER\n' > "$tmp/secret.txt"
"$bin" --rules "$base" --no-config "$tmp/in.txt" > /dev/null 2>&1
[ $? -eq 1 ] || fail "the small database does not check (want a finding, exit 1)"

# ---- the payloads ------------------------------------------------------------------
python3 - "$tmp" "$url" <<'EOF'
import sys
tmp, url = sys.argv[1], sys.argv[2]
ns = 'xmlns="https://chronolint.org/ns/rules/1"'
def person(name):
    return '<person id="x" qid="Q1"><name>%s</name><surname>X</surname><born date="1900" precision="year"/></person>' % name
def write(name, text):
    with open("%s/%s" % (tmp, name), "w") as f:
        f.write(text)
head = '<?xml version="1.0" encoding="UTF-8"?>\n'
write("xxe-file.xml", head + '<!DOCTYPE people [\n<!ENTITY p SYSTEM "file:///etc/passwd">\n'
      '<!ENTITY s SYSTEM "file://%s/secret.txt">\n]>\n<people %s>%s</people>\n' % (tmp, ns, person("&p;&s;")))
write("xxe-http.xml", head + '<!DOCTYPE people SYSTEM "%s/people.dtd" [\n<!ENTITY h SYSTEM "%s/entity">\n'
      '<!ENTITY %% pe SYSTEM "%s/pe">\n%%pe;\n]>\n<people %s>%s</people>\n' % (url, url, url, ns, person("&h;")))
laughs = '<!ENTITY l0 "lollollollollollollollollollol">\n' + "".join(
    '<!ENTITY l%d "%s">\n' % (i, ("&l%d;" % (i - 1)) * 10) for i in range(1, 10))
write("laughs.xml", head + '<!DOCTYPE people [\n%s]>\n<people %s>%s</people>\n' % (laughs, ns, person("&l9;")))
write("quadratic.xml", head + '<!DOCTYPE people [\n<!ENTITY a "%s">\n]>\n<people %s>%s</people>\n'
      % ("a" * 100000, ns, person("&a;" * 20000)))
def nested(depth):
    return head + '<people %s>\n%s%s%s\n</people>\n' % (ns, "<x>" * (depth - 1), "text", "</x>" * (depth - 1))
write("deep-256.xml", nested(256))
write("deep-257.xml", nested(257))
write("deep-100000.xml", nested(100000))
write("xinclude.xml", head + '<people %s xmlns:xi="http://www.w3.org/2001/XInclude">\n'
      '<xi:include href="file://%s/secret.txt" parse="text"/>\n'
      '<xi:include href="%s/included.xml"/>\n</people>\n' % (ns, tmp, url))
write("undeclared.xml", head + '<people %s>%s</people>\n' % (ns, person("&undeclared;")))
# rules.xml, the rule documentation, carrying an entity
with open("%s/base/rules.xml" % tmp) as f:
    docs = f.read()
write("rules-xxe.xml", docs.replace('<?xml version="1.0" encoding="UTF-8"?>',
      head + '<!DOCTYPE rules [<!ENTITY s SYSTEM "file://%s/secret.txt">]>' % tmp, 1))
# schemas that would reach out: RelaxNG loads <include> and <externalRef> by URL
any_grammar = '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element><anyName/><text/></element></start></grammar>\n'
write("any.rng", any_grammar)
write("include.rng", '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><include href="%s/evil.rng"/></grammar>\n' % url)
write("external-ref.rng", '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start>'
      '<externalRef href="file://%s/any.rng"/></start></grammar>\n' % tmp)
write("laughs.rng", '<?xml version="1.0"?>\n<!DOCTYPE grammar [\n%s]>\n'
      '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="people"><text/></element>'
      '</start><define name="d"><value>&l9;</value></define></grammar>\n' % laughs)
# HTML pages: entities and a DTD from outside, laughs, nesting 100,000 deep
prose = "<p>In 1960 Stalin spoke.</p>"
write("xxe.html", '<!DOCTYPE html SYSTEM "%s/page.dtd" [\n<!ENTITY h SYSTEM "%s/entity">\n'
      '<!ENTITY s SYSTEM "file://%s/secret.txt">\n<!ENTITY p SYSTEM "file:///etc/passwd">\n]>\n'
      '<html><body>%s<p>&h; &s; &p;</p></body></html>\n' % (url, url, tmp, prose))
write("laughs.html", '<!DOCTYPE html [\n%s]>\n<html><body>%s<p>&l9;</p></body></html>\n' % (laughs, prose))
write("deep.html", "<!DOCTYPE html>\n<html><body>" + "<div>" * 100000 + prose + "</div>" * 100000 + "</body></html>\n")
write("deep-unclosed.html", "<html><body>" + "<b><i><span>" * 33334 + prose + "</body></html>\n")
write("deep-stray.html", "<html><body>" + "<div>" * 50000 + "</p></li></td>" * 20000 + prose + "</body></html>\n")
EOF

leaked() { # the output holds something read or fetched from outside
	grep -q 'SECRET-MARKER\|FETCHED-MARKER\|root:' "$1"
}

# expect_xml WHAT WANT_STATUS FILE_PATTERN MESSAGE COMMAND...: the status, a
# FILE:LINE: line with the message, the bounds, nothing leaked
expect_xml() {
	what=$1 want=$2 file=$3 message=$4
	shift 4
	measure "$tmp/out" "$@"
	[ "$status" -eq "$want" ] || fail "$what: exit $status, want $want"
	grep -q "^$file:[0-9][0-9]*: .*$message" "$tmp/out" || {
		fail "$what: no '$file:LINE: ...$message'"
		head -3 "$tmp/out"
	}
	leaked "$tmp/out" && fail "$what: read or fetched an outside resource"
	within "$what" $max_secs $max_kb
	echo "ok $what: $secs s, $kb KiB"
}

doctype='a DOCTYPE is not allowed'
for payload in xxe-file xxe-http laughs quadratic deep-257 deep-100000 xinclude undeclared; do
	case $payload in
	deep-*) message="nested deeper than 256 elements" ;;
	xinclude) message="" ;; # the schema has no place for it
	undeclared) message="undeclared" ;;
	*) message=$doctype ;;
	esac
	f=$tmp/$payload.xml
	expect_xml "facts $payload" 2 "$f" "$message" "$bin" --rules "$base" --no-config --facts "$f" "$tmp/in.txt"
	dir=$tmp/rules-$payload
	mkdir "$dir"
	cp "$base"/* "$dir/"
	cp "$f" "$dir/zz-payload.xml"
	expect_xml "rules $payload: db check" 1 "$dir/zz-payload.xml" "$message" "$bin" db check "$dir"
	expect_xml "rules $payload: check" 2 "$dir/zz-payload.xml" "$message" "$bin" --rules "$dir" --no-config "$tmp/in.txt"
done

# 256 levels are within the limit: a schema problem, not a nesting one
"$bin" --rules "$base" --no-config --facts "$tmp/deep-256.xml" "$tmp/in.txt" > "$tmp/out" 2>&1
grep -q 'nested deeper' "$tmp/out" && fail "256 levels reported as too deep"
grep -q "^$tmp/deep-256.xml:[0-9]*: " "$tmp/out" || fail "256 levels: no schema problem"

# the rule documentation
dir=$tmp/rules-docs
mkdir "$dir"
cp "$base"/* "$dir/"
cp "$tmp/rules-xxe.xml" "$dir/rules.xml"
expect_xml "rules.xml with an entity: db check" 1 "$dir/rules.xml" "$doctype" "$bin" db check "$dir"
expect_xml "rules.xml with an entity: check" 2 "$dir/rules.xml" "$doctype" "$bin" --rules "$dir" --no-config "$tmp/in.txt"

# schemas: no include, externalRef or entity is followed (any.rng would
# accept anything, so a schema that loaded it would load)
for schema in include external-ref laughs; do
	case $schema in
	laughs) message=$doctype ;;
	include) message="could not load" ;;
	*) message="Failed to load externalRef" ;;
	esac
	dir=$tmp/schema-$schema
	mkdir "$dir"
	cp "$base"/* "$dir/"
	cp "$tmp/$schema.rng" "$dir/chronolint.rng"
	expect_xml "schema $schema" 2 "$dir/chronolint.rng" "$message" "$bin" --rules "$dir" --no-config "$tmp/in.txt"
	grep -q "chronolint.rng: the schema cannot be loaded" "$tmp/out" || fail "schema $schema: loaded"
done

# HTML: the page is read (Stalin's finding, exit 1) and nothing else is
expect_html() {
	what=$1
	shift
	measure "$tmp/out" "$@"
	[ "$status" -eq 1 ] || fail "$what: exit $status, want 1 (the page's finding)"
	grep -q 'Stalin acts here in 1960' "$tmp/out" || fail "$what: the page's text was not read"
	leaked "$tmp/out" && fail "$what: read or fetched an outside resource"
	within "$what" $max_secs $max_kb
	echo "ok $what: $secs s, $kb KiB"
}
for page in xxe laughs deep deep-unclosed deep-stray; do
	expect_html "html $page" "$bin" --rules "$base" --no-config "$tmp/$page.html"
done
expect_html "html xxe on stdin" "$bin" --rules "$base" --no-config - < "$tmp/xxe.html"

sleep 0.2 # a connection in flight would be counted by now
n=$(cat "$tmp/connections")
[ "$n" -eq 0 ] || fail "the listener accepted $n connection(s)"
exit $result
