#!/usr/bin/env python3
"""Running and timing one command, for bench/run.py.

run_once() starts a command through a small /bin/sh "gate" (see GATED_SH),
drains its output and returns its wall time, CPU time and peak RSS from
os.wait4; measure() does the warm-up and the timed repetitions of one row.
machine_info() describes the machine for the report.  Standard library only.
"""

import os
import platform
import re
import select
import signal
import subprocess
import sys
import tempfile
import time

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


def load_average():
    """The 1-minute load average, or None: other work on a shared machine
    shows up in the medians."""
    try:
        return round(os.getloadavg()[0], 2)
    except (OSError, AttributeError):
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


def use_plain_spawn():
    """Start children directly from now on (--plain-spawn)."""
    global _gated
    _gated = False


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


def run_once(cmd, cwd, timeout, env=None):
    """Run cmd once (env: its whole environment, None to inherit ours); drain its stdout through a pipe (fully read, then
    discarded).  Returns a dict with wall seconds, max RSS and CPU time of
    this child alone (os.wait4), exit code, and output size."""
    errf = tempfile.TemporaryFile()
    gated = gated_spawning()
    gate_r = gate_w = None
    try:
        if gated:
            gate_r, gate_w = os.pipe()
            p = subprocess.Popen(["/bin/sh", "-c", GATED_SH, "sh"] + cmd,
                                 cwd=cwd, stdin=gate_r, env=env,
                                 stdout=subprocess.PIPE, stderr=errf,
                                 start_new_session=True)
            os.close(gate_r)
            gate_r = None
        else:
            t0 = time.perf_counter()
            p = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL,
                                 env=env, stdout=subprocess.PIPE, stderr=errf,
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
            kind="throughput", env=None):
    """Warm up, then run `reps` times.  Returns a result row (dict)."""
    return measure_group([dict(name=name, cmd=cmd, cwd=cwd, ok_codes=ok_codes,
                               nbytes=nbytes, kind=kind, env=env)],
                         reps, warmup, timeout)[0]


def measure_group(specs, reps, warmup, timeout):
    """Measure rows whose ratio matters (a database ten times larger, -j 2
    against -j 1) in turns: each row's warm-up, then A B A B ... so that a
    slow spell on a shared machine falls on every row alike.  A spec is a
    dict of measure()'s arguments; returns one result row per spec."""
    rows, runs = [], []
    for sp in specs:
        rows.append({"name": sp["name"], "cmd": sp["cmd"],
                     "kind": sp.get("kind", "throughput"),
                     "bytes": sp["nbytes"], "reps": reps})
        runs.append([])
    log("bench: %s (%d warm-up + %d runs%s)" % (
        " | ".join(sp["name"] for sp in specs), warmup, reps,
        ", in turns" if len(specs) > 1 else ""))
    for i in range(warmup + reps):
        for sp, row, done in zip(specs, rows, runs):
            if "failed" in row:
                continue
            r = run_once(sp["cmd"], sp["cwd"], timeout, sp.get("env"))
            bad = r.get("error")
            if not bad and r["exit"] not in sp["ok_codes"]:
                bad = describe_exit(r["exit"])
            if bad:
                if r.get("stderr"):
                    bad += ": " + r["stderr"].splitlines()[-1][:160]
                row["failed"] = bad
            elif i >= warmup:
                done.append(r)
    for sp, row, done in zip(specs, rows, runs):
        if "failed" not in row:
            summarise(row, done, sp["nbytes"])
    return rows


def summarise(row, runs, nbytes):
    """Add the medians and peaks of the timed runs to row."""
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
