#!/bin/sh
# cli.sh BINARY RULES - the command line: subcommands with options before or
# after them, usage errors with exit status 2, stdin as "-".
set -u
bin=$1 rules=$2
status=0
. "$(dirname "$0")/expect.sh"
expect 0 '^people ' "$bin" --rules "$rules" db stats
expect 0 '^people ' "$bin" db --rules "$rules" stats
expect 0 '^people ' "$bin" db stats --rules "$rules"
expect 0 'Q1394' "$bin" --rules "$rules" db lookup Lenin
expect 1 'nothing known' "$bin" --rules "$rules" db lookup Nobodyknownbythisname
expect 2 'db needs a command' "$bin" db
expect 2 'unknown db command "frob"' "$bin" --rules "$rules" db frob
expect 2 'db lookup needs one NAME' "$bin" --rules "$rules" db lookup
expect 2 'invalid option' "$bin" --no-such-option
expect 2 'unknown kind' "$bin" --kind poem
expect 0 '^usage: chronolint' "$bin" --help
expect 2 'goes with the claims subcommand' "$bin" --sentences
expect 0 '"kind":"sentence"' sh -c "echo 'Stalin spoke in 1937.' | '$bin' --rules '$rules' claims --sentences -"
expect 0 '"kind":"person"' sh -c "echo 'Stalin spoke in 1937.' | '$bin' --rules '$rules' --kind essay claims -"
expect 0 '"kind":"person"' sh -c "echo 'Stalin spoke in 1937.' | '$bin' claims --rules '$rules' -"
expect 1 '\[after-death\]' sh -c "echo 'In 1960 Stalin spoke to the Politburo.' | '$bin' --rules '$rules' -"
# --stdin-filename: standard input is read as that file, under its configuration's sections
named=$(mktemp -d)
printf '[*.md]\ndisable = lifespan-mismatch\n' > "$named/.chronolint.ini"
printf 'Nikolai Bukharin (1888-1937) edited Pravda.\nIn 1950 Stalin, then 60, spoke.\n' > "$named/in.txt"
expect 1 '^notes.md:2:17: error: .*\[age-mismatch\]' sh -c "cd '$named' && '$bin' --rules '$rules' --color never --stdin-filename notes.md - < in.txt"
expect 1 '^notes.txt:1:24: error: .*\[lifespan-mismatch\]' sh -c "cd '$named' && '$bin' --rules '$rules' --color never --stdin-filename notes.txt - < in.txt"
if sh -c "cd '$named' && '$bin' --rules '$rules' --color never --stdin-filename notes.md - < in.txt" | grep -q lifespan; then
	echo "FAIL: --stdin-filename notes.md: the [*.md] section did not apply"
	status=1
fi
expect 0 '^--- notes.txt' sh -c "cd '$named' && '$bin' --rules '$rules' --stdin-filename notes.txt --diff - < in.txt; [ \$? -eq 1 ]"
expect 2 'changes files only' sh -c "cd '$named' && '$bin' --rules '$rules' --stdin-filename notes.txt --fix - < in.txt"
[ ! -e "$named/notes.txt" ] || { echo "FAIL: --stdin-filename created its file"; status=1; }
expect 2 'is not a file name' "$bin" --stdin-filename - -
rm -rf "$named"
# an HTML page is read as its text, with the page's lines and columns; its
# links come from href attributes; the same page as .txt has no such findings
page=$(mktemp -d)
printf '<!DOCTYPE html>\n<html><head><title>Notes</title></head>\n<body><p>In 1950 Stalin, then 60, received the delegation.</p>\n<p>See <a href="https://www.google.com/url?q=https://example.org/x">this</a>.</p></body></html>\n' > "$page/p.html"
expect 1 "p.html:3:26: error: .*\[age-mismatch\]" "$bin" --rules "$rules" --color never "$page/p.html"
expect 1 "p.html:4:17: warning: .*example.org/x directly \[url-wrapper\]" "$bin" --rules "$rules" --color never "$page/p.html"
expect 1 "^-:3:26: error: .*\[age-mismatch\]" sh -c "'$bin' --rules '$rules' --color never - < '$page/p.html'"
rm -rf "$page"
expect 2 '--archive goes with --online' "$bin" --archive -
expect 2 'not a number of seconds' "$bin" --online --link-timeout soon -
expect 2 'not a number of seconds' "$bin" --online --link-cache-ttl 0 -
# the compiled rules cache: CHRONOLINT_CACHE, else $XDG_CACHE_HOME/chronolint,
# else $HOME/.cache/chronolint; with none of them, or "off", nothing is written
cache=$(mktemp -d)
mkdir "$cache/home" "$cache/none"
echo 'Stalin spoke in 1937.' > "$cache/a.txt"
expect 0 '' env -u CHRONOLINT_CACHE XDG_CACHE_HOME="$cache/xdg" HOME="$cache/none" "$bin" --rules "$rules" "$cache/a.txt"
expect 0 '' env -u CHRONOLINT_CACHE -u XDG_CACHE_HOME HOME="$cache/home" "$bin" --rules "$rules" "$cache/a.txt"
expect 0 '' env -u CHRONOLINT_CACHE -u XDG_CACHE_HOME -u HOME "$bin" --rules "$rules" "$cache/a.txt"
expect 0 '' env CHRONOLINT_CACHE=off XDG_CACHE_HOME="$cache/none" HOME="$cache/none" "$bin" --rules "$rules" "$cache/a.txt"
ls "$cache"/xdg/chronolint/rules-*.idx > /dev/null 2>&1 || { echo "FAIL: no rules cache in \$XDG_CACHE_HOME/chronolint"; status=1; }
ls "$cache"/home/.cache/chronolint/rules-*.idx > /dev/null 2>&1 || { echo "FAIL: no rules cache in \$HOME/.cache/chronolint"; status=1; }
[ -z "$(ls -A "$cache/none")" ] || { echo "FAIL: a rules cache was written with CHRONOLINT_CACHE=off"; status=1; }
rm -rf "$cache"
exit $status
