#!/usr/bin/env python3
"""Peak memory of one big input, against issue 9's bound.

    python3 bench/memory.py [--binary build/chronolint] [--line-mb 100] [--gib 1]

Writes, in bench/work/memory/, a single line of --line-mb MB of prose (the
sentences of bench/make_corpus.py's corpus with their line ends made spaces)
and a file of --gib GiB (0 leaves it out; the default 1 takes about five
minutes), checks each with `chronolint -j 1 --format json` (so each section's
findings are written as it is checked) and prints the wall time, the number
of findings, the peak resident memory (max RSS of the check alone, started
through harness.py's gate so that none of this script's memory counts) and
the bound the issue aims at: 64 MB plus twice the longest line. Figures are
printed, never asserted. Exit status 0 when it ran, 2 when it could not.
"""

import argparse
import os
import subprocess
import sys

import harness

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MB = 1000 * 1000
GIB = 1 << 30


def corpus_text():
    """Some megabytes of the benchmark's own prose, made by make_corpus.py."""
    work = os.path.join(HERE, "work")
    path = os.path.join(work, "memory", "seed.txt")
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        subprocess.check_call([sys.executable, os.path.join(HERE, "make_corpus.py"), "--mb", "4",
                               "--out", path])
    with open(path, "rb") as f:
        return f.read()


def write_repeated(path, seed, size):
    """seed over and over up to size bytes, cut at a space so no word is broken."""
    if os.path.exists(path) and os.path.getsize(path) == size:
        return
    with open(path + ".tmp", "wb") as f:
        left = size
        while left > 0:
            chunk = seed if len(seed) <= left else seed[:left]
            f.write(chunk)
            left -= len(chunk)
    os.replace(path + ".tmp", path)


def longest_line(path):
    longest = current = 0
    with open(path, "rb") as f:
        while True:
            block = f.read(1 << 24)
            if not block:
                break
            parts = block.split(b"\n")
            current += len(parts[0])
            for part in parts[1:]:
                longest = max(longest, current)
                current = len(part)
    return max(longest, current)


def run(binary, path):
    """Runs the check through the harness's gated spawn (harness.py): a child
    forked from this Python process would start with its RSS (the seed and
    longest_line's blocks, about 100 MB), which Linux keeps in the child's
    peak across execve(). Returns exit code, seconds, peak RSS in bytes and
    the number of findings (JSON lines)."""
    env = dict(os.environ, CHRONOLINT_RULES=os.path.join(ROOT, "rules"))
    res = harness.run_once([binary, "-j", "1", "--format", "json", path], ROOT, 3600, env=env)
    if "error" in res:
        return -1, 0.0, 0, 0
    return res["exit"], res["seconds"], res["maxrss_kb"] * 1024, res["out_lines"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "chronolint"))
    ap.add_argument("--line-mb", type=int, default=100)
    ap.add_argument("--gib", type=float, default=1)
    args = ap.parse_args()
    if not os.access(args.binary, os.X_OK):
        print("memory.py: %s is not built" % args.binary, file=sys.stderr)
        return 2
    seed = corpus_text()
    out = os.path.join(HERE, "work", "memory")
    inputs = []
    if args.line_mb > 0:
        path = os.path.join(out, "line-%dmb.txt" % args.line_mb)
        write_repeated(path, seed.replace(b"\n", b" "), args.line_mb * MB)
        inputs.append(("one line of %d MB" % args.line_mb, path))
    if args.gib > 0:
        path = os.path.join(out, "file-%ggib.txt" % args.gib)
        write_repeated(path, seed, int(args.gib * GIB))
        inputs.append(("%g GiB of lines" % args.gib, path))
    print("%-22s %12s %12s %9s %9s %12s %10s %s" % ("input", "bytes", "longest line", "seconds", "findings",
                                                    "peak RSS", "bytes/byte", "bound (64 MB + 2 x line)"))
    for name, path in inputs:
        size = os.path.getsize(path)
        line = longest_line(path)
        code, took, rss, findings = run(args.binary, path)
        bound = 64 * MB + 2 * line
        verdict = "met" if rss <= bound else "MISSED by %.1fx" % (rss / bound)
        print("%-22s %12d %12d %9.1f %9d %9.0f MB %10.2f %.0f MB: %s%s" % (
            name, size, line, took, findings, rss / MB, rss / size, bound / MB, verdict,
            "" if code in (0, 1) else " (exit %d)" % code if code >= 0 else " (could not start)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
