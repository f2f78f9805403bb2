#!/usr/bin/env python3
"""Benchmark chronolint against its command-line contract.

    python3 bench/run.py [--binary build/chronolint] [--mb 20] [--reps 5]

Builds a synthetic corpus (bench/make_corpus.py) in bench/work/, then times,
each with warm-up runs and the median of several repetitions:

  chronolint -j 1 corpus.txt              full check, one thread
  chronolint claims -j 1 corpus.txt       claim extraction (JSON Lines)
  chronolint [claims] -j 1 / -j 2 parts/  the corpus split into files
  chronolint -j 1 corpus.txt, 10x rules   a database with ten times the
                                          names (bench/big_rules.py)
  chronolint empty.txt                    start-up cost (ms), cached rules
                                          and rules XML parsed
  peers, when installed: ripgrep (rg -c -F -f ALIASES corpus.txt, every
  name and alias of the database) and chrono-node (bench/chrono_bench.js,
  chrono.parse per paragraph, from bench/node_modules)

and prints throughput, peak memory (max RSS of each child, from os.wait4),
the speed relative to ripgrep and chrono-node, the date-extraction scores
of chronolint and chrono-node on eval/timex/ (bench/accuracy.py), and a
checklist of the targets (bench/report.py).  --compare FILE adds a
before/after table against an earlier results.json.

Exit status: 0 when the benchmark ran (even if some rows failed or targets
were missed: they are printed), 2 when it could not run (binary missing,
corpus could not be built, bad arguments).  Python 3 standard library only.
"""

import argparse
import datetime
import glob
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import accuracy
import big_rules
import harness
import report
from harness import MB, first_line, log, measure

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


# --------------------------------------------------------------------------
# Corpus and inputs
# --------------------------------------------------------------------------

def digest_files(paths):
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.encode())
        with open(p, "rb") as f:
            h.update(hashlib.sha256(f.read()).digest())
    return h.hexdigest()


def build_corpus(args, work):
    """Build (or reuse) work/corpus.txt and work/parts/.  Returns a dict."""
    corpus = os.path.join(work, "corpus.txt")
    parts_dir = os.path.join(work, "parts")
    stamp_path = os.path.join(work, "corpus.stamp.json")
    maker = os.path.join(HERE, "make_corpus.py")
    stamp = {
        "mb": args.mb, "seed": args.seed, "files": args.files,
        "maker": digest_files([maker]),
        "rules": digest_files(glob.glob(os.path.join(args.rules,
                                                     "people-*.xml"))),
    }
    old = None
    try:
        with open(stamp_path) as f:
            old = json.load(f)
    except (OSError, ValueError):
        pass
    parts = sorted(glob.glob(os.path.join(parts_dir, "part-*.txt")))
    if (not args.rebuild and old and old.get("key") == stamp
            and os.path.isfile(corpus) and len(parts) == args.files
            and os.path.getsize(corpus) == old.get("bytes")):
        log("corpus: reusing %s (%s bytes; built in %.1f s)" % (
            corpus, "{:,}".format(old["bytes"]), old["build_seconds"]))
        return {"path": corpus, "parts": parts, "bytes": old["bytes"],
                "build_seconds": old["build_seconds"], "reused": True}
    if os.path.exists(stamp_path):
        os.remove(stamp_path)
    cmd = [sys.executable, maker, "--mb", repr(args.mb), "--seed",
           str(args.seed), "--out", corpus, "--split-dir", parts_dir,
           "--files", str(args.files), "--rules", args.rules]
    log("corpus: building %g MB, seed %d, %d split files ..." % (
        args.mb, args.seed, args.files))
    t0 = time.perf_counter()
    try:
        r = subprocess.run(cmd, stdin=subprocess.DEVNULL)
    except OSError as e:
        raise SystemExit("run.py: cannot run make_corpus.py: %s" % e)
    dt = time.perf_counter() - t0
    if r.returncode != 0 or not os.path.isfile(corpus):
        log("run.py: building the corpus failed (exit %d)" % r.returncode)
        sys.exit(2)
    size = os.path.getsize(corpus)
    parts = sorted(glob.glob(os.path.join(parts_dir, "part-*.txt")))
    if size < args.mb * MB or len(parts) != args.files:
        log("run.py: corpus is incomplete: %d bytes, %d parts" % (
            size, len(parts)))
        sys.exit(2)
    with open(stamp_path, "w") as f:
        json.dump({"key": stamp, "bytes": size, "build_seconds": dt}, f)
    log("corpus: built in %.1f s" % dt)
    return {"path": corpus, "parts": parts, "bytes": size,
            "build_seconds": dt, "reused": False}


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def write_aliases(rules_dir, out_path):
    """Every <name>, <alias>, <surname> and <title> in rules_dir/*.xml, one
    a line."""
    seen = set()
    names = []
    bad = []
    for path in sorted(glob.glob(os.path.join(rules_dir, "*.xml"))):
        try:
            root = ET.parse(path).getroot()
        except (ET.ParseError, OSError) as e:
            bad.append("%s: %s" % (os.path.basename(path), e))
            continue
        for el in root.iter():
            if _local(el.tag) in ("name", "alias", "surname", "title"):
                txt = " ".join((el.text or "").split())
                if txt and txt not in seen:
                    seen.add(txt)
                    names.append(txt)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("".join(n + "\n" for n in names))
    return len(names), bad




# --------------------------------------------------------------------------
# The chronolint binary
# --------------------------------------------------------------------------

def quick_run(cmd, env, cwd=None, timeout=120):
    """(exit status, stdout, stderr) of a short untimed run."""
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL, env=env, cwd=cwd,
                           timeout=timeout)
    except (OSError, subprocess.SubprocessError) as e:
        return None, "", str(e)
    return (p.returncode, p.stdout.decode("utf-8", "replace"),
            p.stderr.decode("utf-8", "replace"))


def jobs_option(cl, rules_args, empty, env):
    """(True, None) when the binary takes -j N; else (False, why).  --help
    names it ("--jobs N ... (-j N; ...)"), and a run with -j 1 on the empty
    file confirms it."""
    _, help_text, _ = quick_run(cl + ["--help"], env)
    listed = re.search(r"(?<![\w-])(?:-j|--jobs)\b", help_text) is not None
    code, _, err = quick_run(cl + rules_args + ["-j", "1", empty], env)
    if code in (0, 1):
        return True, None
    if not listed:
        return False, "this binary has no -j option"
    return False, "-j 1 was refused (exit %s): %s" % (
        code, (err.strip().splitlines() or ["no message"])[-1][:120])


def db_names(cl, rules_dir, env):
    """The number of names in the database (`db stats`), or None."""
    code, out, _ = quick_run(cl + ["db", "stats", "--rules", rules_dir], env)
    m = re.search(r"^names\s+(\d+)", out, re.M)
    return int(m.group(1)) if code == 0 and m else None


def build_big_rules(args, cl, work, env, corpus, names):
    """Build (or reuse) WORK/rules-Nx with factor x the names, check it with
    `db check`; returns (directory, names, None) or (None, None, why)."""
    out = os.path.join(work, "rules-%gx" % args.db_factor)
    people = int(math.ceil(names * (args.db_factor - 1) /
                           float(big_rules.NAMES_PER_PERSON)))
    stamp_path = out + ".stamp.json"
    key = {"people": people, "seed": args.seed,
           "rules": digest_files([p for p in glob.glob(os.path.join(
               args.rules, "*")) if os.path.isfile(p)]),
           "maker": digest_files([os.path.join(HERE, "big_rules.py")]),
           "corpus": corpus["bytes"], "corpus_seed": args.seed}
    try:
        with open(stamp_path) as f:
            old = json.load(f)
    except (OSError, ValueError):
        old = None
    if args.rebuild or old != key or not os.path.isdir(out):
        log("rules: building %s (%d invented people) ..." % (out, people))
        if os.path.exists(stamp_path):
            os.remove(stamp_path)
        try:
            big_rules.build(args.rules, out, people, [corpus["path"]],
                            args.seed)
        except (OSError, SystemExit) as e:
            return None, None, "cannot build %s: %s" % (out, e)
        with open(stamp_path, "w") as f:
            json.dump(key, f)
    code, stdout, err = quick_run(cl + ["db", "check", out], env)
    if code != 0:
        lines = (stdout + err).strip().splitlines()
        return None, None, "db check %s failed (exit %s): %s" % (
            out, code, lines[0][:160] if lines else "no message")
    return out, db_names(cl, out, env), None


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def resolve(path):
    return os.path.abspath(os.path.expanduser(path))


def default_binary():
    for rel in (("build", "chronolint"), ("build", "cmd", "chronolint")):
        path = os.path.join(ROOT, *rel)
        if os.path.isfile(path):
            return path
    return os.path.join(ROOT, "build", "chronolint")


def parse_args(argv):
    ap = argparse.ArgumentParser(
        description="Benchmark chronolint on a synthetic corpus and compare "
                    "it with ripgrep and chrono-node.")
    ap.add_argument("--binary", default=default_binary(),
                    help="chronolint binary (default build/chronolint, else "
                         "build/cmd/chronolint, in the repository)")
    ap.add_argument("--mb", type=float, default=20,
                    help="corpus size in MB of 2^20 bytes (default 20)")
    ap.add_argument("--reps", type=int, default=5,
                    help="timed repetitions per benchmark (default 5)")
    ap.add_argument("--warmup", type=int, default=1,
                    help="untimed warm-up runs per benchmark (default 1)")
    ap.add_argument("--startup-runs", type=int, default=20,
                    help="runs of the empty-file start-up test (default 20)")
    ap.add_argument("--files", type=int, default=200,
                    help="number of split files for the -j runs (default "
                         "200)")
    ap.add_argument("--seed", type=int, default=1,
                    help="corpus seed (default 1)")
    ap.add_argument("--rules", default=os.path.join(ROOT, "rules"),
                    help="rules directory: people for the corpus, names "
                         "for ripgrep's pattern list, the base of the 10x "
                         "database, and passed to chronolint as --rules "
                         "(default: rules/)")
    ap.add_argument("--no-rules-arg", action="store_true",
                    help="do not pass --rules to chronolint (use its own "
                         "default database)")
    ap.add_argument("--db-factor", type=float, default=10,
                    help="how many times the names the large database has "
                         "(default 10; 0 skips that row)")
    ap.add_argument("--work", default=os.path.join(HERE, "work"),
                    help="work directory (default bench/work)")
    ap.add_argument("--rebuild", action="store_true",
                    help="rebuild the corpus and the large database even if "
                         "identical ones exist")
    ap.add_argument("--timeout", type=float, default=900,
                    help="seconds before a single run is killed (default "
                         "900)")
    ap.add_argument("--no-peers", action="store_true",
                    help="skip ripgrep and chrono-node")
    ap.add_argument("--no-accuracy", action="store_true",
                    help="skip the date-extraction scores on eval/timex/")
    ap.add_argument("--plain-spawn", action="store_true",
                    help="start commands directly instead of through the "
                         "/bin/sh gate (peak MB then includes this "
                         "harness's own RSS; for debugging)")
    ap.add_argument("--json", default=None,
                    help="also write the results here (default "
                         "WORK/results.json)")
    ap.add_argument("--compare", metavar="FILE",
                    help="print a before/after table against an earlier "
                         "results.json (copy it away first: each run "
                         "overwrites WORK/results.json)")
    args = ap.parse_args(argv)
    if args.reps < 1 or args.startup_runs < 1 or args.warmup < 0 \
            or args.files < 1 or args.mb <= 0 or args.db_factor < 0 \
            or 0 < args.db_factor <= 1:
        ap.error("--reps, --startup-runs, --files must be >= 1, --mb > 0, "
                 "--db-factor 0 or > 1")
    return args


class Bench(object):
    """One run: the inputs, the environment and the rows measured so far."""

    def __init__(self, args, work, corpus):
        self.args, self.work, self.corpus = args, work, corpus
        self.rows = []
        self.info = harness.machine_info()
        self.info["plain_spawn"] = not harness.gated_spawning()
        self.empty = os.path.join(work, "empty.txt")
        open(self.empty, "w").close()
        self.rel_corpus = os.path.relpath(corpus["path"], work)
        self.rel_parts = [os.path.relpath(p, work) for p in corpus["parts"]]
        self.split_total = sum(os.path.getsize(p) for p in corpus["parts"])
        # Every chronolint run, the accuracy runs of eval's scorer too (they
        # inherit our environment), reads the database through a private
        # compiled cache filled by the warm-up runs; CHRONOLINT_RULES points
        # the scorer's `claims` runs at the same rules.
        os.environ["CHRONOLINT_CACHE"] = os.path.join(work, "rules-cache")
        if not args.no_rules_arg:
            os.environ["CHRONOLINT_RULES"] = args.rules
        self.env = dict(os.environ)
        self.rules_args = [] if args.no_rules_arg else ["--rules", args.rules]
        self.cl = [args.binary]

    def add(self, row, **extra):
        row.update(extra)
        self.rows.append(row)

    def spec(self, row_id, name, cmd, nbytes, largest, kind="throughput",
             env=None):
        """A chronolint row to measure; largest: its largest input file."""
        return dict(id=row_id, name=name, cmd=cmd, cwd=self.work,
                    ok_codes=(0, 1, 2), nbytes=nbytes, kind=kind,
                    env=env or self.env, largest=largest)

    def timed(self, *specs, **kw):
        """Measure the specs, in turns when there are several; None specs
        (rows that could not be set up) are skipped."""
        todo = [sp for sp in specs if sp]
        got = harness.measure_group(todo, kw.get("reps") or self.args.reps,
                                    self.args.warmup, self.args.timeout)
        for sp, row in zip(todo, got):
            self.add(row, id=sp["id"], largest_input=sp["largest"])

    def run_chronolint(self):
        args, cl, total = self.args, self.cl, self.corpus["bytes"]
        self.info["version"] = first_line(cl + ["--version"])
        has_jobs, no_jobs = jobs_option(cl, self.rules_args, self.empty,
                                        self.env)
        j1 = ["-j", "1"] if has_jobs else []
        jtxt = "-j 1 " if has_jobs else ""
        one_file = self.rules_args + j1 + [self.rel_corpus]

        # The larger database runs in turns with the normal one: their
        # ratio is a target.
        big, big_failed = self.big_database_spec(j1, jtxt)
        self.timed(self.spec("check-j1", "chronolint %scorpus.txt" % jtxt,
                             cl + one_file, total, total), big)
        if big_failed:
            self.add(big_failed, id="check-10x")
        self.timed(self.spec("claims", "chronolint claims %scorpus.txt" %
                             jtxt, cl + ["claims"] + one_file, total, total))

        nparts, largest = len(self.rel_parts), self.corpus["largest_part"]
        for sub, prefix in ((None, "split"), ("claims", "claims-split")):
            cmd = cl + ([sub] if sub else []) + self.rules_args
            label = "chronolint %s" % (sub + " " if sub else "")
            one = self.spec(prefix + "-j1", "%s%s%d files" % (
                label, jtxt, nparts), cmd + j1 + self.rel_parts,
                self.split_total, largest)
            name = "%s-j 2 %d files" % (label, nparts)
            if has_jobs:
                self.timed(one, self.spec(prefix + "-j2", name, cmd +
                                          ["-j", "2"] + self.rel_parts,
                                          self.split_total, largest))
            else:
                self.timed(one)
                self.add({"name": name, "kind": "throughput",
                          "missing": no_jobs}, id=prefix + "-j2")

        # Startup reads the compiled rules cache (made by the warm-up run);
        # the second row is the first run after an edit of the rules, which
        # parses and validates the XML.
        empty = cl + self.rules_args + [os.path.basename(self.empty)]
        self.timed(self.spec("startup", "chronolint startup (empty file)",
                             empty, 0, 0, kind="startup"),
                   reps=args.startup_runs)
        self.timed(self.spec("startup-xml", "chronolint startup, rules XML "
                             "parsed (no cache)", empty, 0, 0,
                             kind="startup",
                             env=dict(self.env, CHRONOLINT_CACHE="off")),
                   reps=args.startup_runs)

    def big_database_spec(self, j1, jtxt):
        """(spec, None) for the full check on the larger database, or
        (None, failed row), or (None, None) with --db-factor 0."""
        args, total = self.args, self.corpus["bytes"]
        if not args.db_factor:
            return None, None
        name = "chronolint %scorpus.txt, %gx database" % (jtxt,
                                                          args.db_factor)
        names = db_names(self.cl, args.rules, self.env)
        if not names:
            why = "`db stats` gave no name count for %s" % args.rules
        else:
            big_dir, big_names, why = build_big_rules(
                args, self.cl, self.work, self.env, self.corpus, names)
        if why:
            return None, {"name": name, "kind": "throughput", "failed": why}
        self.info["db"] = "%s names in %s; %s names (%.1fx) in %s" % (
            "{:,}".format(names), args.rules, "{:,}".format(big_names or 0),
            (big_names or 0) / float(names), big_dir)
        return self.spec("check-10x", name, self.cl + ["--rules", big_dir] +
                         j1 + [self.rel_corpus], total, total), None

    def run_accuracy(self, node):
        args = self.args
        if args.no_accuracy:
            return []
        log("accuracy: scoring chronolint and chrono-node on eval/timex/")
        acc = [accuracy.score_chronolint(args.binary, timeout=args.timeout)]
        if args.no_peers:
            acc.append({"tool": "chrono-node", "missing": "--no-peers"})
        else:
            acc.append(accuracy.score_chrono(node, self.work,
                                             timeout=args.timeout))
        return acc

    def save(self, acc, checks):
        args, corpus = self.args, self.corpus
        result = {"date": datetime.datetime.now().isoformat(
                      timespec="seconds"),
                  "machine": self.info, "binary": args.binary,
                  "corpus": {k: v for k, v in corpus.items()
                             if k != "parts"},
                  "files": len(corpus["parts"]), "mb": args.mb,
                  "seed": args.seed, "reps": args.reps,
                  "startup_runs": args.startup_runs, "warmup": args.warmup,
                  "rows": self.rows, "accuracy": acc, "checks": checks}
        jpath = args.json or os.path.join(self.work, "results.json")
        try:
            with open(jpath, "w") as f:
                json.dump(result, f, indent=1)
            log("results: %s" % jpath)
        except OSError as e:
            log("run.py: warning: cannot write %s: %s" % (jpath, e))


def main(argv=None):
    args = parse_args(argv)
    if args.plain_spawn:
        harness.use_plain_spawn()
    args.binary = resolve(args.binary)
    args.rules = resolve(args.rules)
    work = resolve(args.work)
    if not os.path.isfile(args.binary) or not os.access(args.binary,
                                                        os.X_OK):
        log("run.py: chronolint binary not found or not executable: %s" %
            args.binary)
        log("        build it first, or pass --binary PATH")
        return 2
    before = None
    if args.compare:
        try:
            before = report.load_results(args.compare)
        except (OSError, ValueError) as e:
            log("run.py: cannot read --compare %s: %s" % (args.compare, e))
            return 2
    try:
        os.makedirs(work, exist_ok=True)
    except OSError as e:
        log("run.py: cannot create work directory %s: %s" % (work, e))
        return 2

    corpus = build_corpus(args, work)
    corpus["largest_part"] = max(os.path.getsize(p) for p in corpus["parts"])
    bench = Bench(args, work, corpus)
    bench.info["load_before"] = harness.load_average()
    bench.run_chronolint()
    node = shutil.which("node")
    if not args.no_peers:
        run_peers(bench, node)
    acc = bench.run_accuracy(node)
    bench.info["load_after"] = harness.load_average()

    checks = report.checklist(bench.rows, acc, bench.info)
    report.print_report(bench.rows, acc, checks, bench.info, corpus, args)
    if before:
        report.print_compare(before, bench.rows, checks, bench.info,
                             corpus["bytes"])
    bench.save(acc, checks)
    return 0


def run_peers(bench, node):
    """ripgrep over the corpus and the empty file, chrono-node over the
    corpus; a peer that cannot run is a "missing" row."""
    args, work, info, add = bench.args, bench.work, bench.info, bench.add
    total = bench.corpus["bytes"]
    rg = shutil.which("rg")
    aliases = os.path.join(work, "aliases.txt")
    n_alias, bad = write_aliases(args.rules, aliases)
    for b in bad:
        log("run.py: warning: skipped %s" % b)
    rg_rows = [("rg", "ripgrep rg -c -F -f ALIASES corpus.txt",
                bench.rel_corpus, total, "throughput"),
               ("rg-startup", "ripgrep startup (empty file)",
                os.path.basename(bench.empty), 0, "startup")]
    for row_id, name, target, nb, kind in rg_rows:
        if rg is None:
            add({"name": name, "kind": kind,
                 "missing": "rg (ripgrep) not found on PATH"},
                peer="ripgrep", id=row_id)
        elif n_alias == 0:
            add({"name": name, "kind": kind,
                 "missing": "no <name>/<alias>/<surname> in %s/*.xml" %
                            args.rules}, peer="ripgrep", id=row_id)
        else:
            reps = args.reps if kind == "throughput" else args.startup_runs
            add(measure(name, [rg, "-c", "-F", "-f", aliases, target],
                        work, reps, args.warmup, (0, 1), args.timeout,
                        nb, kind=kind, env=bench.env), peer="ripgrep",
                id=row_id)
    if rg:
        info["rg"] = "%s, %d patterns from %s/*.xml" % (
            first_line([rg, "--version"]) or rg, n_alias, args.rules)

    name = "chrono-node parse, per paragraph"
    why = accuracy.chrono_missing(node)
    if why:
        add({"name": name, "kind": "throughput", "missing": why},
            peer="chrono-node", id="chrono")
        return
    info["node"] = first_line([node, "--version"])
    try:
        with open(os.path.join(HERE, "node_modules", "chrono-node",
                               "package.json")) as f:
            info["chrono-node"] = json.load(f).get("version")
    except (OSError, ValueError):
        pass
    add(measure(name, [node, os.path.join(HERE, "chrono_bench.js"),
                       bench.rel_corpus], work, args.reps, args.warmup, (0,),
                args.timeout, total, env=bench.env), peer="chrono-node",
        id="chrono")


if __name__ == "__main__":
    sys.exit(main())
