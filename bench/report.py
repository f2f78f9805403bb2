#!/usr/bin/env python3
"""The printed report of bench/run.py: the table, the checklist of targets
and the before/after comparison with an earlier results.json.

The targets are measured and printed, never asserted: a miss is a line in
the checklist, not an exit status.  Standard library only.
"""

import datetime
import json
import sys

MB = 1048576.0

# The targets of issue 8, item 1.
RG_SHARE_CHECK = 1 / 3.0     # full check -j 1 >= 1/3 of rg's MB/s
RG_SHARE_CLAIMS = 1 / 2.0    # claims -j 1 >= 1/2 of rg's MB/s
CHRONO_TIMES = 15.0          # claims >= 15x chrono-node's MB/s
STARTUP_MS = 10.0            # startup on an empty file, full database
MEMORY_BASE_MB = 32.0        # peak <= 32 MB + the largest input file
BIG_DB_SHARE = 0.8           # 10x database: >= 80% of the throughput
JOBS2_SPEEDUP = 1.7          # -j 2 over -j 1 on the split files


def ok(row):
    return row is not None and "median_seconds" in row


def speed_ratio(row, base):
    """How fast row is relative to base: base's time / row's time, per byte
    when both have bytes.  >1 = faster than base."""
    if not ok(row) or not ok(base):
        return None
    if row.get("mb_per_s") and base.get("mb_per_s"):
        return row["mb_per_s"] / base["mb_per_s"]
    if row["median_seconds"] > 0:
        return base["median_seconds"] / row["median_seconds"]
    return None


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


def fmt_ratio(x):
    if x is None:
        return "-"
    return "%.2fx" % x if x < 100 else "%.0fx" % x


def print_lines(header, table, right, out):
    widths = [len(h) for h in header]
    for t in table:
        widths[0] = max(widths[0], len(t[0]))
        if len(t) == len(header):
            for i, c in enumerate(t):
                widths[i] = max(widths[i], len(c))

    def line(cells):
        if len(cells) != len(header):
            return "%-*s  %s" % (widths[0], cells[0], cells[1])
        return "  ".join(c.rjust(widths[i]) if i in right else
                         c.ljust(widths[i])
                         for i, c in enumerate(cells)).rstrip()
    print(line(header), file=out)
    print(line(["-" * w for w in widths]), file=out)
    for t in table:
        print(line(t), file=out)


# --------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------

def print_header(info, corpus, args, out):
    print("", file=out)
    print("chronolint benchmark  %s" % datetime.datetime.now().strftime(
        "%Y-%m-%d %H:%M"), file=out)
    print("machine: %d CPUs (nproc), %s, %s RAM, %s" % (
        info["nproc"], info["cpu"], info["memory"], info["kernel"]),
        file=out)
    print("binary:  %s%s" % (args.binary, (" (%s)" % info["version"])
                             if info.get("version") else ""), file=out)
    print("corpus:  %s bytes (%.1f MB), %d split files (largest %.0f kB), "
          "seed %d, built in %.1f s%s" % (
              "{:,}".format(corpus["bytes"]), corpus["bytes"] / MB,
              len(corpus["parts"]), corpus["largest_part"] / 1024.0,
              args.seed, corpus["build_seconds"],
              " (reused)" if corpus["reused"] else ""), file=out)
    if info.get("db"):
        print("rules:   %s" % info["db"], file=out)
    print("runs:    median of %d (startup: %d), %d warm-up; MB = 2^20 bytes; "
          "load average %s before, %s after" % (
              args.reps, args.startup_runs, args.warmup,
              info.get("load_before"), info.get("load_after")), file=out)
    print("ratios:  vs rg, vs chrono = speed relative to ripgrep / "
          "chrono-node (MB/s over theirs; startup: their ms over ours); "
          "0.50x = half as fast", file=out)
    if info.get("plain_spawn"):
        print("memory:  children started directly (--plain-spawn or no "
              "child subreaper): peak MB includes this harness's own RSS",
              file=out)
    for k in ("rg", "node", "chrono-node"):
        if info.get(k):
            print("%-8s %s" % (k + ":", info[k]), file=out)


def print_table(rows, out):
    rg = dict((r["kind"], r) for r in rows
              if r.get("peer") == "ripgrep" and ok(r))
    chrono = next((r for r in rows if r.get("peer") == "chrono-node"
                   and ok(r)), None)
    header = ["benchmark", "MB/s", "median", "peak MB", "vs rg",
              "vs chrono", "cpu s", "exit", "output"]
    table = []
    for r in rows:
        if "missing" in r:
            table.append([r["name"], "missing: " + r["missing"]])
            continue
        if "failed" in r:
            table.append([r["name"], "failed: " + r["failed"]])
            continue
        vs_rg = speed_ratio(r, rg.get(r["kind"]))
        vs_chrono = (speed_ratio(r, chrono)
                     if r["kind"] == "throughput" else None)
        table.append([
            r["name"],
            "%.1f" % r["mb_per_s"] if "mb_per_s" in r else "-",
            fmt_secs(r),
            "%.1f" % r["peak_mb"],
            fmt_ratio(vs_rg),
            fmt_ratio(vs_chrono),
            "%.3f" % r["cpu_seconds"],
            ",".join(str(e) for e in r["exits"]),
            "%s line%s" % (fmt_count(r["out_lines"]),
                           "" if r["out_lines"] == 1 else "s"),
        ])
    print("", file=out)
    print_lines(header, table, set([1, 2, 3, 4, 5, 6]), out)


def print_accuracy(accuracy, out):
    if not accuracy:
        return
    from accuracy import describe
    gold = next((a for a in accuracy if "gold" in a), None)
    print("", file=out)
    print("date extraction on eval/timex/ (%sscored by "
          "eval/timex_score.py):" % ("%d gold expressions in %d files, " % (
              gold["gold"], gold["files"]) if gold else ""), file=out)
    for a in accuracy:
        print("  " + describe(a), file=out)


# --------------------------------------------------------------------------
# The checklist
# --------------------------------------------------------------------------

def checklist(rows, accuracy, info):
    """[{target, measured, status}] with status pass, MISS or n/a."""
    by_id = dict((r.get("id"), r) for r in rows if r.get("id"))
    rg = next((r for r in rows if r.get("peer") == "ripgrep"
               and r["kind"] == "throughput"), None)
    chrono = next((r for r in rows if r.get("peer") == "chrono-node"), None)
    checks = []

    def add(target, measured, passed, why_not=None):
        if passed is None:
            checks.append({"target": target, "measured": why_not,
                           "status": "n/a"})
        else:
            checks.append({"target": target, "measured": measured,
                           "status": "pass" if passed else "MISS"})

    def unavailable(*rs):
        for r in rs:
            if r is None:
                return "not measured"
            if not ok(r):
                return "%s %s" % (r["name"], "missing" if "missing" in r
                                  else "failed")
        return None

    def share(row_id, base, limit, target):
        row = by_id.get(row_id)
        why = unavailable(row, base)
        x = None if why else speed_ratio(row, base)
        add(target, "-" if x is None else "%.2fx (%.1f vs %.1f MB/s)" % (
            x, row["mb_per_s"], base["mb_per_s"]),
            None if x is None else x >= limit, why)

    share("check-j1", rg, RG_SHARE_CHECK,
          "full check -j 1 >= 1/3 of rg's throughput")
    share("claims", rg, RG_SHARE_CLAIMS,
          "claims -j 1 >= 1/2 of rg's throughput")
    share("claims", chrono, CHRONO_TIMES,
          "claims -j 1 >= 15x chrono-node's throughput")

    ours = next((a for a in accuracy if a.get("tool") == "chronolint"), None)
    theirs = next((a for a in accuracy if a.get("tool") == "chrono-node"),
                  None)
    target = "date F1 (lenient and value) above chrono-node's on eval/timex"
    if ours is None or theirs is None or "lenient" not in ours \
            or "lenient" not in theirs:
        bad = next((a for a in (ours, theirs) if a and "lenient" not in a),
                   None)
        add(target, None, None, "%s %s" % (bad["tool"], "missing" if
                                           "missing" in bad else "failed")
            if bad else "not measured")
    else:
        add(target, "value %.3f vs %.3f, lenient %.3f vs %.3f" % (
            ours["value"]["f1"], theirs["value"]["f1"],
            ours["lenient"]["f1"], theirs["lenient"]["f1"]),
            ours["value"]["f1"] > theirs["value"]["f1"] and
            ours["lenient"]["f1"] > theirs["lenient"]["f1"])

    st = by_id.get("startup")
    why = unavailable(st)
    add("startup on an empty file, full database < 10 ms",
        None if why else "%.2f ms" % (st["median_seconds"] * 1000),
        None if why else st["median_seconds"] * 1000 < STARTUP_MS, why)

    mem = [r for r in rows if r.get("peer") is None and ok(r)
           and "largest_input" in r]
    if mem:
        over = [r for r in mem if r["peak_mb"] >= MEMORY_BASE_MB +
                r["largest_input"] / MB]
        worst = max(mem, key=lambda r: r["peak_mb"] - r["largest_input"] / MB)
        add("peak memory < 32 MB + largest input, every chronolint row",
            "%d of %d rows over; worst %s: %.1f MB (limit %.1f)" % (
                len(over), len(mem), worst["name"], worst["peak_mb"],
                MEMORY_BASE_MB + worst["largest_input"] / MB),
            not over)
    else:
        add("peak memory < 32 MB + largest input, every chronolint row",
            None, None, "no chronolint row ran")

    big, base = by_id.get("check-10x"), by_id.get("check-j1")
    why = unavailable(big, base)
    x = None if why else speed_ratio(big, base)
    add("10x database: full check >= 80% of the throughput",
        "-" if x is None else "%.2fx (%.1f vs %.1f MB/s)" % (
            x, big["mb_per_s"], base["mb_per_s"]),
        None if x is None else x >= BIG_DB_SHARE, why)

    j1, j2 = by_id.get("split-j1"), by_id.get("split-j2")
    why = unavailable(j1, j2)
    if not why and (info.get("nproc") or 1) < 2:
        why = "only %s CPU" % info.get("nproc")
    x = None if why else j1["median_seconds"] / j2["median_seconds"]
    add("-j 2 >= 1.7x -j 1 on the split files (2 cores)",
        "-" if x is None else "%.2fx (%.1f vs %.1f MB/s)" % (
            x, j2["mb_per_s"], j1["mb_per_s"]),
        None if x is None else x >= JOBS2_SPEEDUP, why)
    return checks


def print_checklist(checks, out):
    print("", file=out)
    print("targets (issue 8):", file=out)
    table = [[c["status"], c["target"], c["measured"]] for c in checks]
    print_lines(["status", "target", "measured"], table, set(), out)


def print_notes(rows, info, out):
    by_id = dict((r.get("id"), r) for r in rows if r.get("id"))
    notes = []
    load = max(info.get("load_before") or 0, info.get("load_after") or 0)
    if load > 0.5:
        notes.append("load average %.2f: other work shared the %s CPUs, so "
                     "the figures (the -j 2 rows most) are noisy" % (
                         load, info.get("nproc")))
    for a, b, what in (("split-j1", "split-j2", "check"),
                       ("claims-split-j1", "claims-split-j2", "claims")):
        if ok(by_id.get(a)) and ok(by_id.get(b)):
            notes.append("-j 2 over -j 1 on the split files (%s): %.2fx" % (
                what, by_id[a]["median_seconds"] /
                by_id[b]["median_seconds"]))
    big, base = by_id.get("check-10x"), by_id.get("check-j1")
    if ok(big) and ok(base) and big["out_lines"] != base["out_lines"]:
        notes.append("the 10x database changed the output: %d lines, not "
                     "%d (the invented names should match nothing)" % (
                         big["out_lines"], base["out_lines"]))
    for r in rows:
        if ok(r) and r.get("peer") is None and 2 in r["exits"]:
            notes.append("%s exited 2 (error): %s" % (
                r["name"], (r["stderr"].splitlines() or ["no message"])[-1]))
    if notes:
        print("", file=out)
        for n in notes:
            print("note: " + n, file=out)


def print_report(rows, accuracy, checks, info, corpus, args, out=None):
    out = out or sys.stdout
    print_header(info, corpus, args, out)
    print_table(rows, out)
    print_notes(rows, info, out)
    print_accuracy(accuracy, out)
    print_checklist(checks, out)
    out.flush()


# --------------------------------------------------------------------------
# Before and after
# --------------------------------------------------------------------------

def figure(row):
    """(number, text) for a row: MB/s for throughput, ms for startup."""
    if not ok(row):
        return None, ("missing" if row and "missing" in row else
                      "failed" if row else "-")
    if row["kind"] == "startup":
        ms = row["median_seconds"] * 1000
        return ms, "%.2f ms" % ms
    return row.get("mb_per_s"), "%.1f MB/s" % row.get("mb_per_s", 0)


def print_compare(before, rows, checks, info, corpus_bytes, out=None):
    """A before/after table against an earlier results.json (dict)."""
    out = out or sys.stdout
    old_rows = before.get("rows", [])
    by_id = dict((r["id"], r) for r in old_rows if r.get("id"))
    by_name = dict((r["name"], r) for r in old_rows)
    print("", file=out)
    print("compared with %s (%s, binary %s):" % (
        before.get("_path", "earlier run"), before.get("date", "?"),
        before.get("binary", "?")), file=out)
    om = before.get("machine", {})
    if (om.get("cpu"), om.get("nproc")) != (info.get("cpu"),
                                            info.get("nproc")):
        print("warning: a different machine (%s, %s CPUs): the figures are "
              "not comparable" % (om.get("cpu"), om.get("nproc")), file=out)
    ob = before.get("corpus", {}).get("bytes")
    if ob and ob != corpus_bytes:
        print("warning: a different corpus (%s bytes, now %s): MB/s are "
              "only roughly comparable" % ("{:,}".format(ob),
                                           "{:,}".format(corpus_bytes)),
              file=out)
    table = []
    for r in rows:
        old = by_id.get(r.get("id")) or by_name.get(r["name"])
        if old is None:
            continue
        a, ta = figure(old)
        b, tb = figure(r)
        change = "-"
        if a and b:
            # throughput: up is better; startup time: down is better
            better = b / a if r["kind"] != "startup" else a / b
            change = "%+.0f%%" % ((better - 1) * 100)
        pa = "%.1f" % old["peak_mb"] if ok(old) else "-"
        pb = "%.1f" % r["peak_mb"] if ok(r) else "-"
        table.append([r["name"], ta, tb, change, pa, pb])
    if table:
        print_lines(["benchmark", "before", "after", "faster", "peak MB "
                     "before", "after"], table, set([1, 2, 3, 4, 5]), out)
    else:
        print("(no row in common)", file=out)
    old_checks = dict((c["target"], c["status"])
                      for c in before.get("checks", []))
    if old_checks:
        print("", file=out)
        table = [[c["target"], old_checks.get(c["target"], "-"),
                  c["status"]] for c in checks]
        print_lines(["target", "before", "after"], table, set(), out)
    out.flush()


def load_results(path):
    with open(path) as f:
        data = json.load(f)
    if not isinstance(data, dict) or not isinstance(data.get("rows"), list):
        raise ValueError("not a bench/run.py results.json")
    data["_path"] = path
    return data
