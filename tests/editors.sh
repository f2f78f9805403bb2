#!/bin/sh
# editors.sh BINARY RULES - the editor and CI recipes of editors/ and
# .pre-commit-hooks.yaml. Always: the text output has the shape the Vim
# errorformat and the Emacs regexp read (each applied to it), the hooks' and the
# workflow's commands work, the VS Code extension loads. Then each editor that is
# installed is run headless on a sample: Vim (:make into the quickfix list),
# Neovim (the language server: diagnostics, a code action, hover), Emacs
# (Flymake, and Eglot when installed), pre-commit in a scratch repository. A
# missing editor is skipped with a note, never a failure.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
rules=$2
top=$(cd "$(dirname "$0")/.." && pwd)
ed=$top/editors
export CHRONOLINT_RULES="$rules"
status=0
fail() { echo "FAIL: $*"; status=1; }
skip() { echo "SKIP: $*"; skipped="$skipped
  $*"; }
skipped=""
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
# editors write their state, logs and caches under a scratch home
mkdir -p "$tmp/home" "$tmp/bin"
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_CACHE_HOME="$tmp/home/.cache"
export XDG_DATA_HOME="$tmp/home/.local/share" XDG_STATE_HOME="$tmp/home/.local/state"
ln -s "$bin" "$tmp/bin/chronolint"

# same() NAME WANT-FILE GOT-FILE
same() {
	cmp -s "$2" "$3" && return 0
	fail "$1:"
	diff "$2" "$3" | head -20
	return 1
}

# One sample with an error, an info (with --pod 1950), a warning, and a
# finding after two 2-byte characters (columns count code points).
cd "$tmp" || exit 1
printf 'Nikolai Bukharin (1888-1937) edited Pravda.\nIn 1956 Stalin ordered the arrest.\nCafé Ñ, Bukharin (1888-1937).\nIn 1944 President Truman spoke.\n' > notes.md
printf 'Nikolai Bukharin (1888-1938) edited Pravda.\n' > good.md

# --- the text output, read by the Vim errorformat and the Emacs regexp -------
"$bin" --pod 1950 --color never - < notes.md > text.out 2>&1
[ $? -eq 1 ] || fail "text output: exit status is not 1"
cat > text.want <<'EOF'
-:1:24: error: Nikolai Bukharin died on 15 March 1938, not 1937 [lifespan-mismatch]
-:2:9: info: Joseph Stalin acts here in 1956, but died on 5 March 1953 (a departure after the point of divergence) [divergence]
-:3:24: error: Nikolai Bukharin died on 15 March 1938, not 1937 [lifespan-mismatch]
-:4:9: warning: Harry S. Truman was not President of the United States in 1944: held 12 April 1945 to 20 January 1953; the holder then was Franklin D. Roosevelt [office-tenure]
EOF
same "text output" text.want text.out
# the errorformat of the compiler plugin, as an extended regexp: one pattern
# per severity, then %-G%.%# dropping every other line
efm=$(sed -n 's/^ *\\\(%f.*\),$/\1/p; s/^ *\\\(%-G.*\)$/\1/p' "$ed/vim/compiler/chronolint.vim")
want_efm='%f:%l:%v:\ %trror:\ %m
%f:%l:%v:\ %tarning:\ %m
%f:%l:%v:\ %tnfo:\ %m
%-G%.%#'
[ "$efm" = "$want_efm" ] || fail "the Vim errorformat is not the one this test reads: $efm"
n=$(grep -cE '^[^:]+:[0-9]+:[0-9]+: (e(rror)|w(arning)|i(nfo)): .+$' text.out)
[ "$n" -eq 4 ] || fail "the errorformat reads $n of the 4 findings"
# the Emacs regexp, turned from Emacs syntax into an extended regexp
re=$(sed -n '/defconst chronolint--finding-regexp/{n;s/^ *"\(\^.*\$\)"$/\1/p;}' "$ed/emacs/chronolint.el" |
	sed 's/\\\\(/(/g; s/\\\\)/)/g; s/\\\\|/|/g; s/\*?/*/g')
[ -n "$re" ] || fail "no finding regexp in chronolint.el"
n=$(grep -cE "$re" text.out)
[ "$n" -eq 4 ] || fail "the Emacs regexp ($re) reads $n of the 4 findings"

# --- the pre-commit hooks' entries, run as pre-commit runs them ----------------
hooks=$top/.pre-commit-hooks.yaml
[ "$(grep -c '^- id: ' "$hooks")" -eq 2 ] || fail ".pre-commit-hooks.yaml: not two hooks"
for id in chronolint chronolint-fix; do
	grep -q "^- id: $id\$" "$hooks" || fail ".pre-commit-hooks.yaml: no hook $id"
done
entry() { sed -n "/^- id: $1\$/,/^- id:/s/^  entry: chronolint//p" "$hooks"; }
cp notes.md hook.md
check=$(entry chronolint) fix=$(entry chronolint-fix)
# shellcheck disable=SC2086 # the entries' options, split as pre-commit splits them
"$bin" $check good.md > /dev/null || fail "hook chronolint fails on a good file"
# shellcheck disable=SC2086
"$bin" $check hook.md > /dev/null && fail "hook chronolint passes a bad file"
# shellcheck disable=SC2086
"$bin" $fix hook.md > /dev/null 2>&1
grep -q '^Nikolai Bukharin (1888-1938)' hook.md || fail "hook chronolint-fix did not fix the file"

# --- the GitHub workflow's SARIF step, run on the sample -----------------------
wf=$ed/github/chronolint.yml
run=$(sed -n 's/^ *run: \(chronolint --format sarif.*\)$/\1/p' "$wf")
[ -n "$run" ] || fail "the workflow has no SARIF step"
mkdir -p repo && cp notes.md good.md repo/
(cd repo && PATH="$tmp/bin:$PATH" sh -c "$run") || fail "the workflow's step fails: $run"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == "2.1.0", d["version"]
res = d["runs"][0]["results"]
assert len(res) == 4, len(res)
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in res}
assert uris == {"./notes.md"}, uris
' repo/chronolint.sarif || fail "the workflow's SARIF"
grep -q 'uses: github/codeql-action/upload-sarif@v3' "$wf" || fail "the workflow does not upload SARIF"
grep -q 'security-events: write' "$wf" || fail "the workflow lacks security-events: write"
# the YAML files parse, where a YAML parser is at hand
if python3 -c 'import yaml' 2> /dev/null; then
	python3 -c 'import sys, yaml
for f in sys.argv[1:]: yaml.safe_load(open(f))' "$hooks" "$wf" || fail "YAML does not parse"
elif command -v ruby > /dev/null; then
	ruby -ryaml -e 'ARGV.each { |f| YAML.load_file(f) }' "$hooks" "$wf" || fail "YAML does not parse"
else
	skip "no YAML parser (python3-yaml or ruby): the YAML files were not parsed"
fi

# --- the VS Code extension loads, with stand-ins for vscode and the client ------
python3 -c 'import json, sys; p = json.load(open(sys.argv[1])); assert p["main"] == "./extension.js"' \
	"$ed/vscode/package.json" || fail "editors/vscode/package.json"
if command -v node > /dev/null; then
	node -e '
const Module = require("module");
const seen = {};
const vscode = {
  workspace: {
    getConfiguration: () => ({ get: (key, fallback) => (key === "args" ? ["--kind", "manuscript"] : fallback) }),
    onDidChangeConfiguration: () => ({ dispose() {} }),
  },
  window: { showInformationMessage() {} },
};
const client = {
  TransportKind: { stdio: 0 },
  LanguageClient: class {
    constructor(id, name, server, options) { Object.assign(seen, { id, server, options }); }
    start() { return Promise.resolve(); }
    stop() { return Promise.resolve(); }
  },
};
const load = Module._load;
Module._load = function (request) {
  if (request === "vscode") return vscode;
  if (request === "vscode-languageclient/node") return client;
  return load.apply(this, arguments);
};
const ext = require(process.argv[1]);
const context = { subscriptions: [] };
ext.activate(context).then(() => {
  const want = { command: "chronolint", args: ["lsp", "--kind", "manuscript"], transport: 0 };
  if (JSON.stringify(seen.server) !== JSON.stringify(want)) throw new Error(JSON.stringify(seen.server));
  const languages = seen.options.documentSelector.map((s) => s.language).sort().join(",");
  if (languages !== "markdown,markdown,plaintext,plaintext") throw new Error(languages);
  return ext.deactivate();
});
' "$ed/vscode/extension.js" || fail "the VS Code extension does not load"
else
	skip "node: the VS Code extension was not loaded"
fi

# --- Vim: the compiler plugin, :make into the quickfix list --------------------
if command -v vim > /dev/null; then
	cat > vim.vim <<EOF
set runtimepath^=$ed/vim
let g:chronolint_command = '$bin'
edit notes.md
compiler chronolint
silent make --pod 1950
let s:out = []
for s:i in range(1, len(getqflist()))
  execute 'silent cc' s:i
  let s:e = getqflist()[s:i - 1]
  call add(s:out, printf('%s:%d:%d:%s: %s {%s}', bufname(s:e.bufnr), s:e.lnum, s:e.col, s:e.type,
        \\ s:e.text, strpart(getline('.'), col('.') - 1, 4)))
endfor
call writefile(s:out, 'vim.out')
qall!
EOF
	vim -Nu NONE -i NONE -es -S vim.vim > /dev/null 2>&1 < /dev/null
	cat > vim.want <<'EOF'
notes.md:1:24:e: Nikolai Bukharin died on 15 March 1938, not 1937 [lifespan-mismatch] {1937}
notes.md:2:9:i: Joseph Stalin acts here in 1956, but died on 5 March 1953 (a departure after the point of divergence) [divergence] {Stal}
notes.md:3:24:e: Nikolai Bukharin died on 15 March 1938, not 1937 [lifespan-mismatch] {1937}
notes.md:4:9:w: Harry S. Truman was not President of the United States in 1944: held 12 April 1945 to 20 January 1953; the holder then was Franklin D. Roosevelt [office-tenure] {Pres}
EOF
	touch vim.out
	same "Vim quickfix list" vim.want vim.out
else
	skip "vim is not installed: the Vim compiler plugin was not run"
fi

# --- Neovim: the language server through the built-in client --------------------
if command -v nvim > /dev/null; then
	cat > nvim.lua <<EOF
vim.cmd('filetype on')
vim.opt.runtimepath:prepend('$ed/nvim')
require('chronolint').setup({ cmd = { '$bin', 'lsp' } })
local out = {}
vim.cmd('edit notes.md')
local buf = vim.api.nvim_get_current_buf()
if not vim.wait(20000, function() return #vim.diagnostic.get(buf) == 4 end, 20) then
  table.insert(out, 'no diagnostics: ' .. #vim.diagnostic.get(buf))
end
local diagnostics = vim.diagnostic.get(buf)
table.sort(diagnostics, function(a, b) return a.lnum < b.lnum end)
for _, d in ipairs(diagnostics) do
  table.insert(out, string.format('%d:%d-%d:%d: %s [%s]', d.lnum + 1, d.col + 1, d.end_col + 1,
                                  d.severity, d.message, d.code or (d.user_data and d.user_data.lsp.code) or ''))
end
local client = vim.lsp.get_active_clients()[1]
local hover = client.request_sync('textDocument/hover', {
  textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = 0, character = 10 } }, 5000, buf)
local value = hover and hover.result and hover.result.contents.value or ''
table.insert(out, 'hover: ' .. value:match('^[^\n]*'))
local actions = client.request_sync('textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = { start = { line = 0, character = 23 }, ['end'] = { line = 0, character = 27 } },
  context = { diagnostics = {} } }, 5000, buf)
for _, a in ipairs(actions and actions.result or {}) do
  table.insert(out, 'action: ' .. a.title)
  vim.lsp.util.apply_workspace_edit(a.edit, client.offset_encoding)
end
table.insert(out, 'line 1: ' .. vim.api.nvim_buf_get_lines(buf, 0, 1, false)[1])
vim.wait(20000, function() return #vim.diagnostic.get(buf) == 3 end, 20)
table.insert(out, 'after the fix: ' .. #vim.diagnostic.get(buf))
vim.fn.writefile(out, 'nvim.out')
vim.cmd('qall!')
EOF
	timeout 120 nvim --headless -u NONE -i NONE -c 'luafile nvim.lua' > /dev/null 2>&1 < /dev/null
	cat > nvim.want <<'EOF'
1:24-28:1: Nikolai Bukharin died on 15 March 1938, not 1937 [lifespan-mismatch]
2:9-15:1: Joseph Stalin acts here in 1956, but died on 5 March 1953 [after-death]
3:26-30:1: Nikolai Bukharin died on 15 March 1938, not 1937 [lifespan-mismatch]
4:9-25:2: Harry S. Truman was not President of the United States in 1944: held 12 April 1945 to 20 January 1953; the holder then was Franklin D. Roosevelt [office-tenure]
hover: **Nikolai Bukharin**, 9 Oct 1888 – 15 Mar 1938
action: Replace with 1938
line 1: Nikolai Bukharin (1888-1938) edited Pravda.
after the fix: 3
EOF
	touch nvim.out
	same "Neovim LSP client" nvim.want nvim.out
else
	skip "nvim is not installed: the Neovim configuration was not run"
fi

# --- Emacs: the Flymake backend, then Eglot -------------------------------------
if command -v emacs > /dev/null; then
	cat > flymake.el <<EOF
(add-to-list 'load-path "$ed/emacs")
(require 'chronolint)
(setq chronolint-command '("$bin" "--pod" "1950"))
(defun test-check ()
  (flymake-start)
  (let ((deadline (+ (float-time) 20)))
    (while (and (< (float-time) deadline)
                (not (memq 'chronolint-flymake (flymake-reporting-backends))))
      (accept-process-output nil 0.05)))
  (dolist (d (sort (flymake-diagnostics)
                   (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))
    (let ((beg (flymake-diagnostic-beg d)))
      (princ (format "%d:%d:%s: %s {%s}\n" (line-number-at-pos beg)
                     (save-excursion (goto-char beg) (1+ (current-column)))
                     (substring (symbol-name (flymake-diagnostic-type d)) 1)
                     (flymake-diagnostic-text d)
                     (buffer-substring-no-properties beg (min (+ beg 4) (point-max))))))))
(find-file "notes.md")
(setq-local flymake-diagnostic-functions nil)
(chronolint-flymake-setup)
(test-check)
;; the buffer's unsaved text is what is checked
(goto-char (point-min))
(insert "Lenin (1870-1925) spoke.\n")
(princ "after an edit:\n")
(test-check)
EOF
	emacs -Q --batch -l flymake.el > flymake.out 2> flymake.err < /dev/null
	cat > flymake.want <<'EOF'
1:24:error: Nikolai Bukharin died on 15 March 1938, not 1937 [lifespan-mismatch] {1937}
2:9:note: Joseph Stalin acts here in 1956, but died on 5 March 1953 (a departure after the point of divergence) [divergence] {Stal}
3:24:error: Nikolai Bukharin died on 15 March 1938, not 1937 [lifespan-mismatch] {1937}
4:9:warning: Harry S. Truman was not President of the United States in 1944: held 12 April 1945 to 20 January 1953; the holder then was Franklin D. Roosevelt [office-tenure] {Pres}
after an edit:
1:13:error: Vladimir Lenin died on 21 January 1924, not 1925 [lifespan-mismatch] {1925}
2:24:error: Nikolai Bukharin died on 15 March 1938, not 1937 [lifespan-mismatch] {1937}
3:9:note: Joseph Stalin acts here in 1956, but died on 5 March 1953 (a departure after the point of divergence) [divergence] {Stal}
4:24:error: Nikolai Bukharin died on 15 March 1938, not 1937 [lifespan-mismatch] {1937}
5:9:warning: Harry S. Truman was not President of the United States in 1944: held 12 April 1945 to 20 January 1953; the holder then was Franklin D. Roosevelt [office-tenure] {Pres}
EOF
	same "Emacs Flymake" flymake.want flymake.out || tail -5 flymake.err
	# Eglot, from Emacs 29 or a package (Debian 12: elpa-eglot; -Q would hide it)
	if emacs --batch --eval "(unless (require 'eglot nil t) (kill-emacs 1))" > /dev/null 2>&1 < /dev/null; then
		cat > eglot.el <<EOF
(require 'eglot)
(add-to-list 'load-path "$ed/emacs")
(require 'chronolint)
(setq chronolint-command '("$bin"))
(find-file "eglot.txt")   ; text-mode: Emacs 28 has no markdown-mode of its own
(erase-buffer)
(insert "Nikolai Bukharin (1888-1937) edited Pravda.\nCafé Ñ, Bukharin (1888-1937).\n")
(apply #'eglot (eglot--guess-contact))
(let ((deadline (+ (float-time) 20)))
  (while (and (< (float-time) deadline) (< (length (flymake-diagnostics)) 2))
    (accept-process-output nil 0.05)))
(dolist (d (sort (flymake-diagnostics)
                 (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))
  (let ((beg (flymake-diagnostic-beg d)))
    (princ (format "%d:%d: %s {%s}\n" (line-number-at-pos beg)
                   (save-excursion (goto-char beg) (1+ (current-column)))
                   (flymake-diagnostic-text d)
                   (buffer-substring-no-properties beg (flymake-diagnostic-end d))))))
(let ((actions (jsonrpc-request (eglot-current-server) :textDocument/codeAction
                                (list :textDocument (eglot--TextDocumentIdentifier)
                                      :range '(:start (:line 1 :character 23) :end (:line 1 :character 27))
                                      :context '(:diagnostics [])))))
  (princ (format "action: %s\n" (plist-get (aref actions 0) :title)))
  (eglot--apply-workspace-edit (plist-get (aref actions 0) :edit) nil))
(goto-char (point-min))
(princ (format "line 2: %s\n" (buffer-substring-no-properties (line-beginning-position 2) (line-end-position 2))))
(eglot-shutdown (eglot-current-server))
EOF
		emacs --batch -l eglot.el > eglot.out 2> eglot.err < /dev/null
		cat > eglot.want <<'EOF'
1:24: chronolint [lifespan-mismatch]: Nikolai Bukharin died on 15 March 1938, not 1937 {1937}
2:24: chronolint [lifespan-mismatch]: Nikolai Bukharin died on 15 March 1938, not 1937 {1937}
action: Replace with 1938
line 2: Café Ñ, Bukharin (1888-1938).
EOF
		same "Emacs Eglot" eglot.want eglot.out || tail -5 eglot.err
	else
		skip "eglot is not installed (Emacs 29, or elpa-eglot): Eglot was not run"
	fi
else
	skip "emacs is not installed: the Flymake backend and Eglot were not run"
fi

# --- pre-commit: the hooks from a repository, in a scratch repository -----------
if command -v pre-commit > /dev/null && command -v git > /dev/null; then
	g() { git -c user.name=test -c user.email=test@example.org -c init.defaultBranch=main "$@"; }
	mkdir hooks project
	cp "$hooks" hooks/
	(cd hooks && g init -q && g add .pre-commit-hooks.yaml && g commit -qm hooks) || fail "git"
	rev=$(git -C hooks rev-parse HEAD)
	cd project || exit 1
	g init -q
	cp ../good.md notes.md
	printf 'int main(void) { return 1937; } /* Bukharin (1888-1937) */\n' > code.c
	printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: chronolint\n' "$tmp/hooks" "$rev" > .pre-commit-config.yaml
	g add . && g commit -qm start
	export PRE_COMMIT_HOME="$tmp/pre-commit"
	PATH="$tmp/bin:$PATH" pre-commit install > /dev/null
	cp ../notes.md bad.md && g add bad.md
	if PATH="$tmp/bin:$PATH" g commit -qm bad > ../commit.out 2>&1; then
		fail "pre-commit let a bad file be committed"
	fi
	grep -q '^bad.md:1:24: error: .*\[lifespan-mismatch\]' ../commit.out || fail "pre-commit: no finding in $(cat ../commit.out)"
	grep -q 'code.c' ../commit.out && fail "pre-commit checked a C file"
	g rm -q --cached bad.md && rm bad.md
	printf 'Lenin (1870-1924) spoke.\n' > ok.txt && g add ok.txt
	PATH="$tmp/bin:$PATH" g commit -qm good > ../commit.out 2>&1 || fail "pre-commit refused a good file: $(cat ../commit.out)"
	printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: chronolint-fix\n' "$tmp/hooks" "$rev" > .pre-commit-config.yaml
	printf 'Lenin (1870-1925) spoke.\n' > ok.txt
	PATH="$tmp/bin:$PATH" pre-commit run --files ok.txt > ../fix.out 2>&1 && fail "pre-commit: chronolint-fix passed a file it changed"
	[ "$(cat ok.txt)" = 'Lenin (1870-1924) spoke.' ] || fail "pre-commit: chronolint-fix did not fix: $(cat ok.txt)"
	cd "$tmp" || exit 1
else
	skip "pre-commit (or git) is not installed: the hooks were not run by pre-commit"
fi

if [ $status = 0 ]; then
	echo "editors: every recipe whose editor is installed works${skipped:+; skipped:$skipped}"
fi
exit $status
