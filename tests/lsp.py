#!/usr/bin/env python3
"""A scripted Language Server Protocol client for `chronolint lsp`.

usage: lsp.py CHRONOLINT RULES_DIR

Runs the sessions of the language server's contract: initialize, diagnostics
with UTF-16 ranges, a quick fix applied client-side, diagnostics cleared,
hover, malformed messages answered without ending the session, debounce, a
UTF-8 session, the framing limits, shutdown and exit. Every read has a
timeout, so a server that hangs fails the test instead of stalling it.
Python 3 standard library only.
"""
import json
import os
import select
import subprocess
import sys
import tempfile
import time
import urllib.parse

# seconds any one expected message may take; CL_TEST_SLOWDOWN (valgrind) multiplies it
READ_TIMEOUT = 15.0 * float(os.environ.get("CL_TEST_SLOWDOWN", "1"))

failures = []
servers = []  # killed at the end if a session broke off


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL: " + what, file=sys.stderr)
    return condition


class Timeout(Exception):
    pass


class Server:
    """One `chronolint lsp` process and a reader of its framed messages."""

    def __init__(self, binary, rules, *args):
        env = dict(os.environ)
        env.setdefault("CHRONOLINT_CACHE", "off")
        self.proc = subprocess.Popen([binary, "lsp", "--rules", rules] + list(args), stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, env=env)
        servers.append(self.proc)
        self.buf = b""
        self.next_id = 1
        self.seen = []  # messages read while waiting for another

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return rid

    def _fill(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            raise Timeout()
        ready, _, _ = select.select([self.proc.stdout], [], [], left)
        if not ready:
            raise Timeout()
        chunk = os.read(self.proc.stdout.fileno(), 65536)
        if not chunk:
            raise EOFError("the server closed its output")
        self.buf += chunk

    def read(self, timeout=READ_TIMEOUT):
        """The next message, or Timeout."""
        deadline = time.monotonic() + timeout
        while b"\r\n\r\n" not in self.buf:
            self._fill(deadline)
        header, self.buf = self.buf.split(b"\r\n\r\n", 1)
        length = None
        for line in header.split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        if length is None:
            raise ValueError("a header without Content-Length: %r" % header)
        while len(self.buf) < length:
            self._fill(deadline)
        body, self.buf = self.buf[:length], self.buf[length:]
        return json.loads(body.decode("utf-8"))

    def wait_for(self, matches, timeout=READ_TIMEOUT):
        """The first message (earlier ones kept aside first) that `matches`."""
        for k, m in enumerate(self.seen):
            if matches(m):
                del self.seen[k]
                return m
        deadline = time.monotonic() + timeout
        while True:
            m = self.read(max(0.0, deadline - time.monotonic()))
            if matches(m):
                return m
            self.seen.append(m)

    def response(self, rid, timeout=READ_TIMEOUT):
        return self.wait_for(lambda m: m.get("id") == rid and "method" not in m, timeout)

    def error_with_null_id(self, timeout=READ_TIMEOUT):
        return self.wait_for(lambda m: "error" in m and m.get("id", 0) is None, timeout)

    def diagnostics(self, uri, timeout=READ_TIMEOUT):
        return self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                             and m["params"]["uri"] == uri, timeout)["params"]

    def quiet(self, matches, seconds):
        """True when no message that `matches` arrives within `seconds`."""
        try:
            self.wait_for(matches, seconds)
            return False
        except Timeout:
            return True

    def finish(self, timeout=READ_TIMEOUT):
        """The exit status once the server ends (killed after the timeout)."""
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None


def utf16_index(line, character):
    """The Python string index of a UTF-16 character offset in `line`."""
    units = 0
    for k, ch in enumerate(line):
        if units >= character:
            return k
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(line)


def apply_edits(text, edits):
    """Applies TextEdits with UTF-16 ranges, the last first."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def index(pos):
        return starts[pos["line"]] + utf16_index(lines[pos["line"]], pos["character"])

    for e in sorted(edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]),
                    reverse=True):
        text = text[:index(e["range"]["start"])] + e["newText"] + text[index(e["range"]["end"]):]
    return text


def rng(line, start, end):
    return {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}}


# A non-BMP character before the claim makes the UTF-16 range differ from the
# code points (one fewer) and the bytes (the emoji is 4, the en dash 3).
WRONG = "\U0001F600 Nikolai Bukharin (1888\u20131937) edited Pravda.\nIn 1936 Bukharin visited Paris.\n"
FIXED = WRONG.replace("1937", "1938")
RANGE_1937_UTF16 = rng(0, 26, 30)
RANGE_1937_UTF8 = rng(0, 30, 34)
RANGE_1937_UTF32 = rng(0, 25, 29)


WORLD = """<?xml version="1.0" encoding="UTF-8"?>
<people xmlns="https://chronolint.org/ns/rules/1">
  <person id="volkov-ilya">
    <name>Ilya Volkov</name>
    <surname>Volkov</surname>
    <born date="1905" precision="year"/>
    <died date="1957-01-12" precision="day"/>
  </person>
</people>
"""


def main_session(binary, rules, workdir):
    s = Server(binary, rules)
    uri = "file://" + urllib.parse.quote(os.path.join(workdir, "essay.md"))
    check("%20" in uri, "the test directory's name has a space, so the URI is percent-encoded")

    # before initialize: requests are refused, the session goes on
    rid = s.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
    m = s.response(rid)
    check(m.get("error", {}).get("code") == -32002, "a request before initialize gets -32002: %r" % m)

    rid = s.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {}})
    init = s.response(rid)["result"]
    caps = init["capabilities"]
    check(caps.get("positionEncoding") == "utf-16", "UTF-16 by default: %r" % caps)
    sync = caps.get("textDocumentSync", {})
    check(sync.get("change") == 1 and sync.get("openClose") is True and "save" in sync,
          "full sync with open, close and save: %r" % sync)
    check(caps.get("codeActionProvider", {}).get("codeActionKinds") == ["quickfix"], "quick fixes: %r" % caps)
    check(caps.get("hoverProvider") is True, "hover: %r" % caps)
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.split()[-1]
    check(init.get("serverInfo") == {"name": "chronolint", "version": version}, "serverInfo: %r" % init)
    rid = s.request("initialize", {"capabilities": {}})
    check(s.response(rid).get("error", {}).get("code") == -32600, "a second initialize is refused")
    s.notify("initialized", {})

    # a wrong life span: its diagnostic, with the UTF-16 range
    s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                                       "text": WRONG}})
    p = s.diagnostics(uri)
    check(p.get("version") == 1, "diagnostics of version 1: %r" % p)
    diags = p["diagnostics"]
    check(len(diags) == 1, "one diagnostic: %r" % diags)
    d = diags[0]
    check(d["range"] == RANGE_1937_UTF16, "the range of 1937 in UTF-16 code units: %r" % d["range"])
    check(d["severity"] == 1 and d["code"] == "lifespan-mismatch" and d["source"] == "chronolint",
          "severity, code and source: %r" % d)
    check("15 March 1938" in d["message"], "the message: %r" % d["message"])
    check(d.get("data", {}).get("fix") == "1938", "data carries the fix: %r" % d.get("data"))

    # the quick fix, applied here
    rid = s.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": d["range"],
                                                "context": {"diagnostics": [d]}})
    actions = s.response(rid)["result"]
    check(len(actions) == 1, "one code action: %r" % actions)
    a = actions[0]
    check(a["title"] == "Replace with 1938" and a["kind"] == "quickfix", "title and kind: %r" % a)
    edits = a["edit"]["changes"][uri]
    check(edits == [{"range": RANGE_1937_UTF16, "newText": "1938"}], "the edit: %r" % edits)
    fixed = apply_edits(WRONG, edits)
    check(fixed == FIXED, "the edit makes the fixed text: %r" % fixed)
    rid = s.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": rng(1, 0, 2),
                                                "context": {"diagnostics": []}})
    check(s.response(rid)["result"] == [], "no code action away from the finding")
    rid = s.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": d["range"],
                                                "context": {"diagnostics": [d], "only": ["refactor"]}})
    check(s.response(rid)["result"] == [], "no quick fix when only refactorings are asked for")

    # the fixed text clears the diagnostics (after the default debounce)
    s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                        "contentChanges": [{"text": fixed}]})
    p = s.diagnostics(uri)
    check(p.get("version") == 2 and p["diagnostics"] == [], "diagnostics cleared for version 2: %r" % p)

    # hover: the dates and the age on the date of the sentence
    rid = s.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 10}})
    h = s.response(rid)["result"]
    value = h["contents"]["value"] if h else ""
    check(h and h["contents"]["kind"] == "markdown", "a Markdown hover: %r" % h)
    check("9 Oct 1888" in value and "15 Mar 1938" in value and "aged 47 or 48" in value,
          "the hover gives the dates and the age (a year alone: two ages): %r" % value)
    check(h and h["range"] == rng(1, 8, 16), "the hover's range is the name: %r" % (h and h["range"]))
    rid = s.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}})
    h = s.response(rid)["result"]
    check(h and h["range"] == rng(0, 3, 19) and "aged" not in h["contents"]["value"],
          "no age for a sentence without a date; UTF-16 range of the name: %r" % h)
    rid = s.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 34}})
    check(s.response(rid)["result"] is None, "no hover between claims")

    # malformed messages: an error each, and the session goes on
    s.send_raw(b"Content-Length: 9\r\n\r\n{not json")
    check(s.error_with_null_id()["error"]["code"] == -32700, "bad JSON: -32700")
    s.send_raw(b"Content-Length: 3\r\n\r\n{}x")
    check(s.error_with_null_id()["error"]["code"] == -32700, "JSON with trailing bytes: -32700")
    s.send_raw(b"Content-Length: abc\r\n\r\n")
    check(s.error_with_null_id()["error"]["code"] == -32700, "a bad header: -32700")
    s.send_raw(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n")
    check(s.error_with_null_id()["error"]["code"] == -32700, "a header without Content-Length: -32700")
    s.send_raw(b"Content-Length: 7\r\n\r\n[1,2,3]")
    check(s.error_with_null_id()["error"]["code"] == -32600, "a non-object: -32600")
    s.send_raw(b"Content-Length: 2\r\n\r\n42")
    check(s.error_with_null_id()["error"]["code"] == -32600, "a number: -32600")
    s.send({"jsonrpc": "2.0", "id": 900})
    m = s.response(900)
    check(m.get("error", {}).get("code") == -32600, "a request without a method: -32600 with its id: %r" % m)
    s.send({"jsonrpc": "2.0", "id": {"x": 1}, "method": "textDocument/hover"})
    check(s.error_with_null_id()["error"]["code"] == -32600, "an object as id: -32600")
    rid = s.request("chronolint/noSuchMethod", {})
    check(s.response(rid).get("error", {}).get("code") == -32601, "an unknown method: -32601")
    s.notify("chronolint/noSuchNotification", {})
    rid = s.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": -1, "character": 0}})
    check(s.response(rid).get("error", {}).get("code") == -32602, "a negative line: -32602")
    s.send({"jsonrpc": "2.0", "id": 901, "method": "textDocument/hover", "params": 5})
    check(s.response(901).get("error", {}).get("code") == -32602, "params that are a number: -32602")
    rid = s.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 10}})
    h = s.response(rid).get("result")
    check(h and "aged 47 or 48" in h["contents"]["value"], "a request after the bad ones still works")
    check(not [m for m in s.seen if "error" in m], "no error left unexpected: %r" % s.seen)

    # debounce: three quick changes, one check of the last
    texts = [FIXED.replace("1938", "1936"), FIXED.replace("1938", "1935"), FIXED.replace("1938", "1937")]
    for k, text in enumerate(texts):
        s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3 + k},
                                            "contentChanges": [{"text": text}]})
    sent = time.monotonic()
    p = s.diagnostics(uri)
    waited = time.monotonic() - sent
    check(p.get("version") == 5, "one publication, for the last version: %r" % p)
    check(len(p["diagnostics"]) == 1 and p["diagnostics"][0]["range"] == RANGE_1937_UTF16,
          "the last text's diagnostic: %r" % p["diagnostics"])
    check(waited >= 0.2, "the check waited for the quiet period (%.3f s)" % waited)
    check(s.quiet(lambda m: m.get("method") == "textDocument/publishDiagnostics", 0.8),
          "no other publication: %r" % s.seen)

    # save checks at once; close clears
    s.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    p = s.diagnostics(uri)
    check(p.get("version") == 5 and len(p["diagnostics"]) == 1, "didSave publishes at once: %r" % p)
    s.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    p = s.diagnostics(uri)
    check(p["diagnostics"] == [], "didClose publishes an empty list: %r" % p)

    # the document's configuration: .chronolint.ini beside it turns the rule off
    notes = "file://" + urllib.parse.quote(os.path.join(workdir, "notes.md"))
    s.notify("textDocument/didOpen", {"textDocument": {"uri": notes, "languageId": "markdown", "version": 1,
                                                       "text": WRONG}})
    p = s.diagnostics(notes)
    check(p["diagnostics"] == [], "the configuration of notes.md disables lifespan-mismatch: %r" % p)

    # facts files of the configuration apply, and are read again once edited
    world = "file://" + urllib.parse.quote(os.path.join(workdir, "world.md"))
    s.notify("textDocument/didOpen", {"textDocument": {"uri": world, "languageId": "markdown", "version": 1,
                                                       "text": "In 1958 Ilya Volkov telephoned.\n"}})
    p = s.diagnostics(world)
    check([(d["code"], d["range"]) for d in p["diagnostics"]] == [("after-death", rng(0, 8, 19))],
          "a person of the facts file, dead in 1957: %r" % p)
    rid = s.request("textDocument/hover", {"textDocument": {"uri": world}, "position": {"line": 0, "character": 9}})
    h = s.response(rid).get("result") or {"contents": {"value": ""}}
    check("**Ilya Volkov**, 1905 \u2013 12 Jan 1957" in h["contents"]["value"] and "world.xml" in h["contents"]["value"],
          "the hover of a person of the facts file: %r" % h)
    with open(os.path.join(workdir, "world.xml"), "w") as f:
        f.write(WORLD.replace("1957-01-12", "1961-01-12") + "<!-- he lived longer -->\n")
    s.notify("textDocument/didSave", {"textDocument": {"uri": world}})
    p = s.diagnostics(world)
    check(p["diagnostics"] == [], "the edited facts file is read again: %r" % p)

    # HTML: only the page's text is prose, at the page's own positions
    page = "untitled:page.html"
    html = "<!DOCTYPE html>\n<p><b>Nikolai Bukharin</b> (1888\u20131937) edited Pravda.</p>\n"
    s.notify("textDocument/didOpen", {"textDocument": {"uri": page, "languageId": "html", "version": 1, "text": html}})
    p = s.diagnostics(page)
    check([d["range"] for d in p["diagnostics"]] == [rng(1, 33, 37)], "an HTML page's finding: %r" % p)

    # shutdown: then requests are refused, and exit ends with status 0
    rid = s.request("shutdown", None)
    check(s.response(rid).get("result", "missing") is None, "shutdown answers null")
    rid = s.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
    check(s.response(rid).get("error", {}).get("code") == -32600, "a request after shutdown: -32600")
    s.notify("exit", None)
    status = s.finish()
    check(status == 0, "exit after shutdown: status 0 (got %r)" % status)


def utf8_session(binary, rules):
    s = Server(binary, rules)
    uri = "untitled:Untitled-1"
    rid = s.request("initialize", {"capabilities": {
        "general": {"positionEncodings": ["utf-8", "utf-16"]},
        "workspace": {"workspaceEdit": {"documentChanges": True}}},
        "initializationOptions": {"debounceMs": 0}})
    caps = s.response(rid)["result"]["capabilities"]
    check(caps.get("positionEncoding") == "utf-8", "UTF-8 when the client prefers it: %r" % caps)
    s.notify("initialized", {})
    s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 7,
                                                       "text": WRONG}})
    p = s.diagnostics(uri)
    check([d["range"] for d in p["diagnostics"]] == [RANGE_1937_UTF8], "the range in bytes: %r" % p)
    rid = s.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": rng(0, 31, 31),
                                                "context": {"diagnostics": []}})
    actions = s.response(rid)["result"]
    change = actions[0]["edit"]["documentChanges"][0] if actions else {}
    check(change.get("textDocument") == {"uri": uri, "version": 7}
          and change.get("edits") == [{"range": RANGE_1937_UTF8, "newText": "1938"}],
          "a versioned documentChanges edit for a cursor inside the span: %r" % actions)
    # debounceMs 0: a change is checked at once
    s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 8},
                                        "contentChanges": [{"text": FIXED}]})
    p = s.diagnostics(uri, 5.0)
    check(p.get("version") == 8 and p["diagnostics"] == [], "checked at once with debounceMs 0: %r" % p)
    s.notify("exit", None)
    status = s.finish()
    check(status == 1, "exit without shutdown: status 1 (got %r)" % status)


def limits_session(binary, rules):
    s = Server(binary, rules)
    rid = s.request("initialize", {"capabilities": {"general": {"positionEncodings": ["utf-32"]}}})
    check(s.response(rid)["result"]["capabilities"].get("positionEncoding") == "utf-32", "UTF-32 on request")
    s.notify("initialized", {})
    s.notify("textDocument/didOpen", {"textDocument": {"uri": "untitled:x", "languageId": "plaintext",
                                                       "version": 1, "text": WRONG}})
    p = s.diagnostics("untitled:x")
    check([d["range"] for d in p["diagnostics"]] == [RANGE_1937_UTF32], "the range in code points: %r" % p)
    # a header too long is refused and skipped to its end; the next message is read
    s.send_raw(b"X-Padding: " + b"a" * 9000)
    check(s.error_with_null_id()["error"]["code"] == -32700, "a header past 8 KiB: -32700")
    s.send_raw(b"\r\n\r\n")
    rid = s.request("textDocument/hover", {"textDocument": {"uri": "untitled:x"},
                                           "position": {"line": 1, "character": 9}})
    check(s.response(rid).get("result") is not None, "the message after a long header is read")
    # a body past 64 MiB is refused before it arrives
    s.send_raw(b"Content-Length: 100000000\r\n\r\n")
    check(s.error_with_null_id()["error"]["code"] == -32700, "a body past 64 MiB: -32700")
    status = s.finish()
    check(status == 1, "the input closed without shutdown: status 1 (got %r)" % status)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    binary, rules = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory(prefix="chronolint lsp ") as workdir:
        with open(os.path.join(workdir, ".chronolint.ini"), "w") as f:
            f.write("root = true\n\n[notes.md]\ndisable = lifespan-mismatch\n\n[world.md]\nfacts = world.xml\n")
        with open(os.path.join(workdir, "world.xml"), "w") as f:
            f.write(WORLD)
        for session in (lambda: main_session(binary, rules, workdir), lambda: utf8_session(binary, rules),
                        lambda: limits_session(binary, rules)):
            try:
                session()
            except (Timeout, EOFError, KeyError, TypeError, IndexError, ValueError) as e:
                check(False, "the session broke off: %s %s" % (type(e).__name__, e))
    for proc in servers:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if failures:
        print("%d check(s) failed" % len(failures), file=sys.stderr)
        return 1
    print("lsp: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
