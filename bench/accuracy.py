#!/usr/bin/env python3
"""Date-extraction accuracy of chronolint and chrono-node on the same gold.

The gold is eval/timex/ (essays with inline TIMEX2 tags) and the scoring is
eval/timex_score.py's own: its tag stripping, its byte-span matching
(lenient: the spans overlap; value: they overlap and the normalised values
agree) and its micro-averaged precision, recall and F1.  chronolint is run
the way timex_score.py runs it (`BINARY claims FILE`, one file at a time);
chrono-node is run through bench/chrono_timex.js, which feeds chrono.parse
one paragraph at a time and prints its results in the shape of
`chronolint claims`.

    python3 bench/accuracy.py --chronolint build/chronolint [--rules rules]

bench/run.py calls score_chronolint() and score_chrono() and prints both
lines under its table.  Standard library only.
"""

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GOLD_DIR = os.path.join(ROOT, "eval", "timex")
SCORER = os.path.join(ROOT, "eval", "timex_score.py")

_scorer = None


def scorer():
    """eval/timex_score.py, loaded as a module."""
    global _scorer
    if _scorer is None:
        spec = importlib.util.spec_from_file_location("timex_score", SCORER)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        _scorer = mod
    return _scorer


def load_gold(gold_dir=GOLD_DIR):
    """[(basename, plain bytes, [Gold])] for every annotated file."""
    ts = scorer()
    return [(os.path.basename(p),) + ts.parse_gold(p)
            for p in ts.list_files(gold_dir)]


def totals(gold, claims_by_file):
    """Score every file and add up; the result row for one tool."""
    ts = scorer()
    n_gold = n_sys = n_len = n_val = 0
    for name, _, golds in gold:
        claims = claims_by_file.get(name, [])
        lenient, strict = ts.score_file(golds, claims)
        n_gold += len(golds)
        n_sys += len(claims)
        n_len += len(lenient)
        n_val += len(strict)
    res = {"files": len(gold), "gold": n_gold, "claims": n_sys,
           "lenient_matches": n_len, "value_matches": n_val}
    for key, matched in (("lenient", n_len), ("value", n_val)):
        p, r, f = ts.prf(matched, n_sys, n_gold)
        res[key] = {"p": p, "r": r, "f1": f}
    return res


def score_chronolint(binary, timeout=60, gold_dir=GOLD_DIR):
    """chronolint's scores, or {"failed": why}.  The binary reads the rules
    and the cache named by the environment (CHRONOLINT_RULES,
    CHRONOLINT_CACHE), as timex_score.py runs it."""
    ts = scorer()
    try:
        gold = load_gold(gold_dir)
        t0 = time.perf_counter()
        claims = dict((name, ts.run_binary(binary, plain, name, timeout))
                      for name, plain, _ in gold)
    except (ts.ParseError, ts.BinaryError, OSError) as e:
        return {"tool": "chronolint", "failed": str(e)}
    res = totals(gold, claims)
    res.update(tool="chronolint", seconds=time.perf_counter() - t0)
    return res


def chrono_missing(node, bench_dir=HERE):
    """Why chrono-node cannot run, or None."""
    if node is None:
        return "node not found on PATH"
    if not os.path.isfile(os.path.join(bench_dir, "node_modules",
                                       "chrono-node", "package.json")):
        return "chrono-node not installed (cd bench && npm install)"
    return None


def score_chrono(node, work, timeout=300, gold_dir=GOLD_DIR):
    """chrono-node's scores, {"missing": why} or {"failed": why}.  The plain
    texts are written to WORK/timex-plain/."""
    ts = scorer()
    why = chrono_missing(node)
    if why:
        return {"tool": "chrono-node", "missing": why}
    try:
        gold = load_gold(gold_dir)
    except (ts.ParseError, OSError) as e:
        return {"tool": "chrono-node", "failed": str(e)}
    plain_dir = os.path.join(work, "timex-plain")
    if os.path.isdir(plain_dir):
        shutil.rmtree(plain_dir)
    os.makedirs(plain_dir)
    paths, plains = [], {}
    for name, plain, _ in gold:
        path = os.path.join(plain_dir, name)
        with open(path, "wb") as f:
            f.write(plain)
        paths.append(path)
        plains[name] = plain
    t0 = time.perf_counter()
    try:
        proc = subprocess.run([node, os.path.join(HERE, "chrono_timex.js")] +
                              paths, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError) as e:
        return {"tool": "chrono-node", "failed": str(e)}
    secs = time.perf_counter() - t0
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        return {"tool": "chrono-node", "failed": "exit %d%s" % (
            proc.returncode, (": " + err[-1][:160]) if err else "")}
    claims = dict((name, []) for name in plains)
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        if not line.strip():
            continue
        try:
            o = json.loads(line)
            plain = plains[o["file"]]
            off, n = int(o["offset"]), int(o["length"])
        except (ValueError, KeyError, TypeError) as e:
            return {"tool": "chrono-node",
                    "failed": "unusable output line (%s): %s" % (e,
                                                                 line[:120])}
        span = plain[off:off + n].decode("utf-8", "replace")

        def opt(k):
            return None if o.get(k) is None else str(o[k])
        claims[o["file"]].append(ts.Claim(
            off, off + n, opt("text"), o.get("kind", "date"), opt("value"),
            opt("begin"), opt("end"), span))
    res = totals(gold, claims)
    res.update(tool="chrono-node", seconds=secs)
    return res


def describe(res):
    """One line for the report."""
    name = res.get("tool", "?")
    if "missing" in res:
        return "%-11s missing: %s" % (name, res["missing"])
    if "failed" in res:
        return "%-11s failed: %s" % (name, res["failed"])
    le, va = res["lenient"], res["value"]
    return ("%-11s %4d claims | lenient P %.3f R %.3f F1 %.3f | value "
            "P %.3f R %.3f F1 %.3f" % (name, res["claims"], le["p"], le["r"],
                                       le["f1"], va["p"], va["r"], va["f1"]))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chronolint", required=True, help="chronolint binary")
    ap.add_argument("--rules", help="rules directory (CHRONOLINT_RULES)")
    ap.add_argument("--work", default=os.path.join(HERE, "work"),
                    help="where chrono-node's plain texts go")
    args = ap.parse_args(argv)
    if args.rules:
        os.environ["CHRONOLINT_RULES"] = os.path.abspath(args.rules)
    os.makedirs(args.work, exist_ok=True)
    gold = load_gold()
    print("gold: %d expressions in %d files of %s" % (
        sum(len(g) for _, _, g in gold), len(gold), GOLD_DIR))
    print(describe(score_chronolint(os.path.abspath(args.chronolint))))
    print(describe(score_chrono(shutil.which("node"), args.work)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
