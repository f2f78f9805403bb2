#!/bin/sh
# coverage.sh - line and branch coverage of lib/ by the whole test suite:
# builds build-cov with --coverage -O0, runs ctest, and prints per file and in
# total the lines and branches run (gcovr, scripts/install-deps.sh), worst
# first, then the limit checks of lib/ (CL_ERR_LIMIT, MAX_* and *_MAX) that no
# test reaches or whose limit side no test takes.
#   scripts/coverage.sh [--no-build] [CTEST-ARGS...]
# --no-build reports on the counters of the last run. The goals (issue 9):
# 90% of the lines and 80% of the branches of lib/, every limit reached.
set -eu
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
build=build-cov
command -v gcovr >/dev/null 2>&1 || {
	echo "coverage.sh: gcovr is not installed (scripts/install-deps.sh installs it)" >&2
	exit 2
}
if [ "${1:-}" = --no-build ]; then
	shift
else
	# -O0: every line and branch of the source is one the counters can see
	cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS="--coverage -O0 -fprofile-update=atomic" \
		-DCMAKE_EXE_LINKER_FLAGS=--coverage -DCMAKE_SHARED_LINKER_FLAGS=--coverage > /dev/null
	cmake --build "$build" -j"$jobs" > /dev/null
	find "$build" -name '*.gcda' -delete # counters of this run only
	(cd "$build" && ctest -j"$jobs" "$@" > ctest.log 2>&1) ||
		echo "coverage.sh: some tests failed (see $build/ctest.log); the figures count what ran" >&2
	tail -n 3 "$build/ctest.log" | sed -n '1p'
fi

# gcovr's JSON, per line, is turned into the tables here; branches on lines
# with no code of their own (a closing brace) are left out as unreachable
gcovr --root . --filter 'lib/' --object-directory "$build" --exclude-unreachable-branches \
	--json "$build/coverage.json" -j"$jobs" > /dev/null
python3 - "$build/coverage.json" <<'EOF'
import json, re, sys

data = json.load(open(sys.argv[1]))
rows, limits = [], []
# a line that says what a limit is or does: the error code, or a MAX_* or *_MAX name
limit_re = re.compile(r"CL_ERR_LIMIT|\b[A-Z0-9_]*MAX[A-Z0-9_]*\b")
total = [0, 0, 0, 0]
for f in sorted(data["files"], key=lambda f: f["file"]):
    lines = [l for l in f["lines"] if not l.get("gcovr/noncode")]
    run_lines = sum(1 for l in lines if l["count"] > 0)
    branches = [b for l in lines for b in l["branches"]]
    run_branches = sum(1 for b in branches if b["count"] > 0)
    rows.append((f["file"], run_lines, len(lines), run_branches, len(branches)))
    for k, v in enumerate((run_lines, len(lines), run_branches, len(branches))):
        total[k] += v
    try:
        source = open(f["file"], encoding="utf-8", errors="replace").read().split("\n")
    except OSError:
        continue
    for l in lines:
        text = source[l["line_number"] - 1] if l["line_number"] <= len(source) else ""
        if not limit_re.search(text) or text.lstrip().startswith(("#", "/*", "*")):
            continue
        if l["count"] == 0:
            limits.append((f["file"], l["line_number"], "never reached", text.strip()))
        elif any(b["count"] == 0 for b in l["branches"]):
            limits.append((f["file"], l["line_number"], "a branch never taken", text.strip()))

def pct(a, b):
    return 100.0 * a / b if b else 100.0

print("%-28s %17s %17s" % ("lib/ file (worst lines first)", "lines", "branches"))
for name, rl, nl, rb, nb in sorted(rows, key=lambda r: (pct(r[1], r[2]), pct(r[3], r[4]))):
    print("%-28s %6.1f%% %4d/%-5d %6.1f%% %4d/%-5d" % (name, pct(rl, nl), rl, nl, pct(rb, nb), rb, nb))
print("%-28s %6.1f%% %4d/%-5d %6.1f%% %4d/%-5d" % ("TOTAL", pct(total[0], total[1]), total[0], total[1],
                                                  pct(total[2], total[3]), total[2], total[3]))
print("goals: lines >= 90%% (%s), branches >= 80%% (%s)" % (
    "met" if pct(total[0], total[1]) >= 90 else "not met", "met" if pct(total[2], total[3]) >= 80 else "not met"))
print("\nlimit checks no test takes to the limit (%d):" % len(limits))
for name, line, what, text in limits:
    print("  %s:%d: %s: %s" % (name, line, what, text[:100]))
EOF
