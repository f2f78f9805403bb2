#!/usr/bin/env python3
"""Benchmark chronolint against its command-line contract.

    python3 bench/run.py [--binary build/cmd/chronolint] [--mb 20] [--reps 5]

Builds a synthetic corpus (bench/make_corpus.py) in bench/work/, then times:

  (a) chronolint -j 1 corpus.txt                full check, one thread
  (b) chronolint claims corpus.txt              claim extraction (JSON Lines)
  (c) chronolint -j 1 / -j 2 parts/*.txt        the corpus split into files
  (d) chronolint empty.txt                      start-up cost (20 runs, ms)
  (e) peers, when installed: ripgrep (rg -c -F -f ALIASES corpus.txt) and
      chrono-node (bench/chrono_bench.js, from bench/node_modules)

and prints the median wall time of several repetitions, throughput, peak
memory (max RSS of each child, from os.wait4) and the ratio to ripgrep.

Exit status: 0 when the benchmark ran (even if some rows failed: they are
printed as "failed: ..."), 2 when it could not run (binary missing, corpus
could not be built, bad arguments).  Python 3 standard library only.
"""

import argparse
import datetime
import glob
import hashlib
import json
import os
import platform
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MB = 1048576.0


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Machine
# --------------------------------------------------------------------------

def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            info = f.read()
    except OSError:
        info = ""
    for key in ("model name", "Model", "Hardware", "cpu model", "Processor",
                "uarch"):
        m = re.search(r"^%s\s*:\s*(.+)$" % re.escape(key), info, re.M)
        if m and m.group(1).strip():
            return m.group(1).strip()
    return platform.processor() or platform.machine() or "unknown"


def mem_total():
    try:
        with open("/proc/meminfo") as f:
            m = re.search(r"^MemTotal:\s+(\d+) kB", f.read(), re.M)
        return "%.1f GiB" % (int(m.group(1)) / 1048576.0) if m else "?"
    except OSError:
        return "?"


def first_line(cmd):
    try:
        out = subprocess.run(cmd, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, timeout=30,
                             stdin=subprocess.DEVNULL).stdout
        return out.decode("utf-8", "replace").strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return None


def machine_info():
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {
        "nproc": usable,
        "cpus_online": os.cpu_count(),
        "cpu": cpu_model(),
        "memory": mem_total(),
        "kernel": "%s %s %s" % (platform.system(), platform.release(),
                                platform.machine()),
        "python": platform.python_version(),
    }


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
# Measuring
# --------------------------------------------------------------------------

def signame(n):
    try:
        return signal.Signals(n).name
    except ValueError:
        return "signal %d" % n


# How a child is started matters for its peak memory.  Linux keeps the
# largest RSS a process has had across execve(), and a child made by
# fork()/vfork() of this Python process starts with Python's own RSS
# (10-40 MB), so os.wait4 would report at least that for a 1 MB program.
# So each command is started by a small /bin/sh, which forks a subshell that
# waits on a "gate" pipe and then execs the command; the sh exits at once,
# the waiting subshell is re-parented to us (we are a child subreaper,
# prctl PR_SET_CHILD_SUBREAPER) and the clock starts when the gate opens.
# os.wait4 on that process then gives its own peak RSS and CPU time (plus
# any children it waited for), within ~1 MB of what GNU time reports.
GATED_SH = ('exec 4<&0; ( read _ <&4 || exit 125; exec 4<&- "$@" </dev/null )'
            ' & echo $!')
PR_SET_CHILD_SUBREAPER = 36
_gated = None


def gated_spawning():
    """True when children can be started through the gate (Linux)."""
    global _gated
    if _gated is None:
        _gated = False
        if sys.platform.startswith("linux") and os.path.exists("/bin/sh"):
            try:
                import ctypes
                libc = ctypes.CDLL(None, use_errno=True)
                _gated = libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
            except (OSError, AttributeError):
                _gated = False
    return _gated


def reap_orphans():
    """Collect zombies of processes re-parented to us (we are a subreaper)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def run_once(cmd, cwd, timeout):
    """Run cmd once; drain its stdout through a pipe (fully read, then
    discarded).  Returns a dict with wall seconds, max RSS and CPU time of
    this child alone (os.wait4), exit code, and output size."""
    errf = tempfile.TemporaryFile()
    gated = gated_spawning()
    gate_r = gate_w = None
    try:
        if gated:
            gate_r, gate_w = os.pipe()
            p = subprocess.Popen(["/bin/sh", "-c", GATED_SH, "sh"] + cmd,
                                 cwd=cwd, stdin=gate_r,
                                 stdout=subprocess.PIPE, stderr=errf,
                                 start_new_session=True)
            os.close(gate_r)
            gate_r = None
        else:
            t0 = time.perf_counter()
            p = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE, stderr=errf,
                                 start_new_session=True)
    except OSError as e:
        for fd in (gate_r, gate_w):
            if fd is not None:
                os.close(fd)
        errf.close()
        return {"error": "cannot start: %s" % e}
    fd = p.stdout.fileno()
    pid = p.pid
    pending = b""
    try:
        if gated:
            # The first line is the pid of the waiting subshell.
            buf = b""
            while b"\n" not in buf:
                chunk = os.read(fd, 4096)
                if not chunk:
                    break
                buf += chunk
            p.wait()
            line, _, pending = buf.partition(b"\n")
            try:
                pid = int(line)
            except ValueError:
                errf.seek(0)
                return {"error": "cannot start through /bin/sh: %s" %
                        errf.read(300).decode("utf-8", "replace").strip()}
            t0 = time.perf_counter()
            os.write(gate_w, b"go\n")
            os.close(gate_w)
            gate_w = None
        nbytes = len(pending)
        nlines = pending.count(b"\n")
        timed_out = False
        deadline = t0 + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                timed_out = True
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except OSError:
                    pass
                break
            ready, _, _ = select.select([fd], [], [], min(left, 1.0))
            if not ready:
                continue
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            nbytes += len(chunk)
            nlines += chunk.count(b"\n")
        _, status, ru = os.wait4(pid, 0)
        t1 = time.perf_counter()
    except BaseException:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except OSError:
            pass
        raise
    finally:
        if gate_w is not None:
            os.close(gate_w)
        p.stdout.close()
    code = os.waitstatus_to_exitcode(status)
    if not gated:
        p.returncode = code  # reaped by os.wait4: Popen must not wait again
    if gated:
        reap_orphans()
    errf.seek(0)
    err = errf.read(4096).decode("utf-8", "replace")
    errf.close()
    res = {"seconds": t1 - t0, "maxrss_kb": ru.ru_maxrss,
           "cpu_seconds": ru.ru_utime + ru.ru_stime,
           "exit": code, "out_bytes": nbytes, "out_lines": nlines,
           "stderr": err.strip()}
    if timed_out:
        res["error"] = "timed out after %g s" % timeout
    return res


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    if not n:
        return None
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2.0


def describe_exit(code):
    return "killed by %s" % signame(-code) if code < 0 else "exit %d" % code


def measure(name, cmd, cwd, reps, warmup, ok_codes, timeout, nbytes,
            kind="throughput"):
    """Warm up, then run `reps` times.  Returns a result row (dict)."""
    row = {"name": name, "cmd": cmd, "kind": kind, "bytes": nbytes,
           "reps": reps}
    log("bench: %s (%d warm-up + %d runs)" % (name, warmup, reps))
    runs = []
    for i in range(warmup + reps):
        r = run_once(cmd, cwd, timeout)
        bad = r.get("error")
        if not bad and r["exit"] not in ok_codes:
            bad = describe_exit(r["exit"])
        if bad:
            msg = bad
            if r.get("stderr"):
                msg += ": " + r["stderr"].splitlines()[-1][:160]
            row["failed"] = msg
            return row
        if i >= warmup:
            runs.append(r)
    secs = [r["seconds"] for r in runs]
    row.update({
        "median_seconds": median(secs),
        "min_seconds": min(secs),
        "max_seconds": max(secs),
        "all_seconds": secs,
        "cpu_seconds": median([r["cpu_seconds"] for r in runs]),
        "peak_mb": max(r["maxrss_kb"] for r in runs) / 1024.0,
        "exits": sorted(set(r["exit"] for r in runs)),
        "out_lines": runs[-1]["out_lines"],
        "out_bytes": runs[-1]["out_bytes"],
        "stderr": runs[-1]["stderr"][:300],
    })
    if nbytes and row["median_seconds"] > 0:
        row["mb_per_s"] = nbytes / MB / row["median_seconds"]
    return row


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------

def fmt_secs(row):
    s = row["median_seconds"]
    if row["kind"] == "startup":
        return "%.2f ms" % (s * 1000)
    return "%.3f s" % s


def fmt_count(n):
    if n >= 10 ** 6:
        return "%.1fM" % (n / 1e6)
    if n >= 10 ** 4:
        return "%.0fk" % (n / 1e3)
    return str(n)


def print_table(rows, info, corpus, args):
    out = sys.stdout
    rg = {r["kind"]: r for r in rows
          if r.get("peer") == "ripgrep" and "median_seconds" in r}
    header = ["benchmark", "MB/s", "median", "peak MB", "vs rg", "cpu s",
              "exit", "output"]
    table = []
    notes = []
    for r in rows:
        if "missing" in r:
            table.append([r["name"], "missing: " + r["missing"]])
            continue
        if "failed" in r:
            table.append([r["name"], "failed: " + r["failed"]])
            continue
        base = rg.get(r["kind"])
        ratio = "-"
        if base is not None and r.get("peer") != "ripgrep":
            ratio = "%.2fx" % (r["median_seconds"] / base["median_seconds"])
        elif r.get("peer") == "ripgrep":
            ratio = "1.00x"
        table.append([
            r["name"],
            "%.1f" % r["mb_per_s"] if "mb_per_s" in r else "-",
            fmt_secs(r),
            "%.1f" % r["peak_mb"],
            ratio,
            "%.3f" % r["cpu_seconds"],
            ",".join(str(e) for e in r["exits"]),
            "%s line%s" % (fmt_count(r["out_lines"]),
                           "" if r["out_lines"] == 1 else "s"),
        ])
        if 2 in r["exits"] and r.get("peer") is None:
            notes.append("%s exited 2 (error): %s" % (
                r["name"], (r["stderr"].splitlines() or ["no message"])[-1]))
    widths = [len(h) for h in header]
    for t in table:
        widths[0] = max(widths[0], len(t[0]))
        if len(t) == len(header):
            for i, c in enumerate(t):
                widths[i] = max(widths[i], len(c))
    right = set([1, 2, 3, 4, 5])

    def line(cells):
        if len(cells) != len(header):
            return "%-*s  %s" % (widths[0], cells[0], cells[1])
        return "  ".join(c.rjust(widths[i]) if i in right else
                         c.ljust(widths[i])
                         for i, c in enumerate(cells)).rstrip()

    m = info
    print("", file=out)
    print("chronolint benchmark  %s" % datetime.datetime.now().strftime(
        "%Y-%m-%d %H:%M"), file=out)
    print("machine: %d CPUs (nproc), %s, %s RAM, %s" % (
        m["nproc"], m["cpu"], m["memory"], m["kernel"]), file=out)
    print("binary:  %s" % args.binary, file=out)
    print("corpus:  %s bytes (%.1f MB), %d split files, seed %d, built in "
          "%.1f s%s" % ("{:,}".format(corpus["bytes"]),
                        corpus["bytes"] / MB, len(corpus["parts"]),
                        args.seed, corpus["build_seconds"],
                        " (reused)" if corpus["reused"] else ""), file=out)
    print("runs:    median of %d (startup: %d), %d warm-up; MB = 2^20 bytes; "
          "vs rg = median time / ripgrep's" % (
              args.reps, args.startup_runs, args.warmup), file=out)
    if not gated_spawning():
        print("memory:  children started directly (--plain-spawn or no "
              "child subreaper): peak MB includes this harness's own RSS",
              file=out)
    for k in ("rg", "node", "chrono-node"):
        if info.get(k):
            print("%-8s %s" % (k + ":", info[k]), file=out)
    print("", file=out)
    print(line(header), file=out)
    print(line(["-" * w for w in widths]), file=out)
    for t in table:
        print(line(t), file=out)
    j1 = next((r for r in rows if r.get("id") == "split-j1"
               and "median_seconds" in r), None)
    j2 = next((r for r in rows if r.get("id") == "split-j2"
               and "median_seconds" in r), None)
    if j1 and j2:
        notes.insert(0, "-j 2 over -j 1 on the split files: %.2fx speed-up" %
                     (j1["median_seconds"] / j2["median_seconds"]))
    if notes:
        print("", file=out)
        for n in notes:
            print("note: " + n, file=out)
    out.flush()


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def resolve(path):
    return os.path.abspath(os.path.expanduser(path))


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Benchmark chronolint on a synthetic corpus and compare "
                    "it with ripgrep and chrono-node.")
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "cmd",
                                                     "chronolint"),
                    help="chronolint binary (default build/cmd/chronolint "
                         "in the repository)")
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
                         "for ripgrep's pattern list, and passed to "
                         "chronolint as --rules (default: rules/)")
    ap.add_argument("--no-rules-arg", action="store_true",
                    help="do not pass --rules to chronolint (use its own "
                         "default database)")
    ap.add_argument("--work", default=os.path.join(HERE, "work"),
                    help="work directory (default bench/work)")
    ap.add_argument("--rebuild", action="store_true",
                    help="rebuild the corpus even if an identical one exists")
    ap.add_argument("--timeout", type=float, default=900,
                    help="seconds before a single run is killed (default "
                         "900)")
    ap.add_argument("--no-peers", action="store_true",
                    help="skip ripgrep and chrono-node")
    ap.add_argument("--plain-spawn", action="store_true",
                    help="start commands directly instead of through the "
                         "/bin/sh gate (peak MB then includes this "
                         "harness's own RSS; for debugging)")
    ap.add_argument("--json", default=None,
                    help="also write the results here (default "
                         "WORK/results.json)")
    args = ap.parse_args(argv)
    if args.reps < 1 or args.startup_runs < 1 or args.warmup < 0 \
            or args.files < 1 or args.mb <= 0:
        ap.error("--reps, --startup-runs, --files must be >= 1, --mb > 0")

    global _gated
    if args.plain_spawn:
        _gated = False
    args.binary = resolve(args.binary)
    args.rules = resolve(args.rules)
    work = resolve(args.work)
    if not os.path.isfile(args.binary) or not os.access(args.binary,
                                                        os.X_OK):
        log("run.py: chronolint binary not found or not executable: %s" %
            args.binary)
        log("        build it first, or pass --binary PATH")
        return 2
    try:
        os.makedirs(work, exist_ok=True)
    except OSError as e:
        log("run.py: cannot create work directory %s: %s" % (work, e))
        return 2

    corpus = build_corpus(args, work)
    empty = os.path.join(work, "empty.txt")
    open(empty, "w").close()
    rel_corpus = os.path.relpath(corpus["path"], work)
    rel_parts = [os.path.relpath(p, work) for p in corpus["parts"]]
    total = corpus["bytes"]
    split_total = sum(os.path.getsize(p) for p in corpus["parts"])

    info = machine_info()
    rules_args = [] if args.no_rules_arg else ["--rules", args.rules]
    cl = [args.binary]
    ok = (0, 1, 2)
    rows = []

    def add(row, **extra):
        row.update(extra)
        rows.append(row)

    # -j arrives with parallel runs; a binary without it checks one file at a
    # time, which is what -j 1 means, and the -j 2 row is reported as missing.
    help_text = subprocess.run(cl + ["--help"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True).stdout
    has_jobs = "-j" in help_text.split()
    j1 = ["-j", "1"] if has_jobs else []
    add(measure("chronolint %scorpus.txt" % ("-j 1 " if has_jobs else ""),
                cl + rules_args + j1 + [rel_corpus], work, args.reps,
                args.warmup, ok, args.timeout, total), id="check-j1")
    add(measure("chronolint claims corpus.txt",
                cl + ["claims", rel_corpus], work, args.reps, args.warmup,
                ok, args.timeout, total), id="claims")
    add(measure("chronolint %s%d files" % ("-j 1 " if has_jobs else "",
                                           len(rel_parts)),
                cl + rules_args + j1 + rel_parts, work, args.reps,
                args.warmup, ok, args.timeout, split_total), id="split-j1")
    if has_jobs:
        add(measure("chronolint -j 2 %d files" % len(rel_parts),
                    cl + rules_args + ["-j", "2"] + rel_parts, work, args.reps,
                    args.warmup, ok, args.timeout, split_total), id="split-j2")
    else:
        add({"name": "chronolint -j 2 %d files" % len(rel_parts),
             "missing": "this binary has no -j option"}, id="split-j2")
    # Startup reads the compiled rules cache (a private one here, made by the
    # warm-up run); the second row is the first run after an edit of the
    # rules, which parses and validates the XML.  Both go through env(1).
    cache = ["env", "CHRONOLINT_CACHE=" + os.path.join(work, "rules-cache")]
    add(measure("chronolint startup (empty file)",
                cache + cl + rules_args + [os.path.basename(empty)], work,
                args.startup_runs, max(args.warmup, 1), ok, args.timeout, 0,
                kind="startup"), id="startup")
    add(measure("chronolint startup, rules XML parsed (no cache)",
                ["env", "CHRONOLINT_CACHE=off"] + cl + rules_args +
                [os.path.basename(empty)], work, args.startup_runs,
                args.warmup, ok, args.timeout, 0, kind="startup"),
        id="startup-xml")

    # ---- peers
    if not args.no_peers:
        rg = shutil.which("rg")
        aliases = os.path.join(work, "aliases.txt")
        n_alias, bad = write_aliases(args.rules, aliases)
        for b in bad:
            log("run.py: warning: skipped %s" % b)
        rg_rows = [("ripgrep rg -c -F -f ALIASES corpus.txt", rel_corpus,
                    total, "throughput"),
                   ("ripgrep startup (empty file)",
                    os.path.basename(empty), 0, "startup")]
        for name, target, nb, kind in rg_rows:
            if rg is None:
                add({"name": name, "kind": kind,
                     "missing": "rg (ripgrep) not found on PATH"},
                    peer="ripgrep")
            elif n_alias == 0:
                add({"name": name, "kind": kind,
                     "missing": "no <name>/<alias>/<surname> in %s/*.xml" %
                                args.rules}, peer="ripgrep")
            else:
                reps = args.reps if kind == "throughput" \
                    else args.startup_runs
                add(measure(name, [rg, "-c", "-F", "-f", aliases, target],
                            work, reps, args.warmup, (0, 1), args.timeout,
                            nb, kind=kind), peer="ripgrep")
        if rg:
            info["rg"] = "%s, %d patterns from %s/*.xml" % (
                first_line([rg, "--version"]) or rg, n_alias, args.rules)

        node = shutil.which("node")
        pkg = os.path.join(HERE, "node_modules", "chrono-node",
                           "package.json")
        name = "chrono-node parse, per paragraph"
        if node is None:
            add({"name": name, "kind": "throughput",
                 "missing": "node not found on PATH"}, peer="chrono-node")
        elif not os.path.isfile(pkg):
            add({"name": name, "kind": "throughput",
                 "missing": "chrono-node not installed (cd bench && npm "
                            "install)"}, peer="chrono-node")
        else:
            info["node"] = first_line([node, "--version"])
            try:
                with open(pkg) as f:
                    info["chrono-node"] = json.load(f).get("version")
            except (OSError, ValueError):
                pass
            add(measure(name, [node, os.path.join(HERE, "chrono_bench.js"),
                               rel_corpus], work, args.reps, args.warmup,
                        (0,), args.timeout, total), peer="chrono-node")

    print_table(rows, info, corpus, args)

    result = {"date": datetime.datetime.now().isoformat(timespec="seconds"),
              "machine": info, "binary": args.binary,
              "corpus": {k: v for k, v in corpus.items() if k != "parts"},
              "files": len(corpus["parts"]), "mb": args.mb,
              "seed": args.seed, "reps": args.reps,
              "startup_runs": args.startup_runs, "warmup": args.warmup,
              "rows": rows}
    jpath = args.json or os.path.join(work, "results.json")
    try:
        with open(jpath, "w") as f:
            json.dump(result, f, indent=1)
        log("results: %s" % jpath)
    except OSError as e:
        log("run.py: warning: cannot write %s: %s" % (jpath, e))
    return 0


if __name__ == "__main__":
    sys.exit(main())
