#!/usr/bin/env python3
"""Score chronolint's temporal-expression claims against the TIMEX2 gold set.

Usage:
    python3 eval/timex_score.py --chronolint PATH_TO_BINARY [--verbose] [DIR]
    python3 eval/timex_score.py --stats [DIR]

DIR defaults to the "timex" directory next to this script.  Each DIR/*.txt
file is English prose with inline gold annotations of the form

    <TIMEX2 VAL="1941-06-22">22 June 1941</TIMEX2>

The tags are stripped to give the plain text, which is written to a temporary
file and passed to `BINARY claims TEMPFILE`.  The binary prints JSON Lines, one
object per claim, with at least: kind, offset, length (byte offset and byte
length into the plain file), and value (or begin/end for ranges).  Only claims
of kind "date" or "duration" are scored.

Scores (per file and micro-averaged over all files):
  lenient  a system claim matches a gold expression if their byte spans
           overlap; each gold and each claim is used in at most one match
           (maximum bipartite matching).
  value    as lenient, but the pair must also agree on the normalised value.
           For a gold range "B/E" the claim may give value "B/E" or
           begin "B" and end "E".

Exit status: 0 if the scorer ran (whatever the scores); 1 if a --min-lenient
or --min-value threshold was not reached; 2 if the binary failed, printed
something unusable, or a gold file could not be parsed.  The first binary
failure stops the run, unless --keep-going is given: then the failing files
are listed, left out of the totals, and the exit status is still 2.

Standard library only.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

# ---------------------------------------------------------------------------
# Gold files

TAG_RE = re.compile(
    rb'<TIMEX2((?:\s+[A-Za-z_][A-Za-z0-9_]*="[^"<>]*")*)\s*>(.*?)</TIMEX2>',
    re.S)
ATTR_RE = re.compile(rb'([A-Za-z_][A-Za-z0-9_]*)="([^"<>]*)"')

# Normalised TIMEX2 values accepted in gold files.
_DATE = r'(?:BC)?\d{2,4}(?:-(?:SP|SU|FA|WI|\d{2}(?:-\d{2})?))?'
_DUR = r'P(?=\d|T\d)(?:\d+(?:DE|CE|ML|Y|M|W|D))*(?:T(?:\d+[HMS])+)?'
VAL_RE = re.compile(r'^(?:%s(?:/%s)?|%s)$' % (_DATE, _DATE, _DUR))

MONTHS = ('january february march april may june july august september '
          'october november december').split()


class ParseError(Exception):
    pass


class BinaryError(Exception):
    pass


class Gold(object):
    __slots__ = ('start', 'end', 'text', 'val', 'attrs')

    def __init__(self, start, end, text, val, attrs):
        self.start, self.end, self.text, self.val, self.attrs = (
            start, end, text, val, attrs)


class Claim(object):
    __slots__ = ('start', 'end', 'text', 'kind', 'value', 'begin', 'end_val',
                 'span_text')

    def __init__(self, start, end, text, kind, value, begin, end_val,
                 span_text):
        self.start, self.end, self.text, self.kind = start, end, text, kind
        self.value, self.begin, self.end_val = value, begin, end_val
        self.span_text = span_text


def parse_gold(path):
    """Return (plain_bytes, [Gold]) for an annotated file."""
    with open(path, 'rb') as f:
        raw = f.read()
    try:
        raw.decode('utf-8')
    except UnicodeDecodeError as e:
        raise ParseError('%s: not valid UTF-8 (%s)' % (path, e))

    plain = bytearray()
    golds = []
    pos = 0
    for m in TAG_RE.finditer(raw):
        between = raw[pos:m.start()]
        if b'<TIMEX2' in between or b'</TIMEX2' in between:
            raise ParseError('%s: malformed or unbalanced TIMEX2 tag near byte %d'
                             % (path, pos + between.find(b'TIMEX2') - 1))
        plain += between
        attrs = dict((k.decode('ascii'), v.decode('utf-8'))
                     for k, v in ATTR_RE.findall(m.group(1)))
        inner = m.group(2)
        line = raw.count(b'\n', 0, m.start()) + 1
        if b'<TIMEX2' in inner:
            raise ParseError('%s:%d: nested TIMEX2 tag' % (path, line))
        if not inner.strip():
            raise ParseError('%s:%d: empty TIMEX2 tag' % (path, line))
        val = attrs.get('VAL')
        if val is None:
            raise ParseError('%s:%d: TIMEX2 tag without VAL' % (path, line))
        if not VAL_RE.match(val):
            raise ParseError('%s:%d: bad VAL %r' % (path, line, val))
        start = len(plain)
        plain += inner
        golds.append(Gold(start, len(plain), inner.decode('utf-8'), val, attrs))
        pos = m.end()
    rest = raw[pos:]
    if b'<TIMEX2' in rest or b'</TIMEX2' in rest:
        raise ParseError('%s: malformed or unbalanced TIMEX2 tag near byte %d'
                         % (path, pos + rest.find(b'TIMEX2') - 1))
    plain += rest
    return bytes(plain), golds


def gold_type(g):
    """Coarse category used by --stats: date, duration, range, relative."""
    if g.val.startswith('P'):
        return 'duration'
    if '/' in g.val:
        return 'range'
    # An explicit year, two-digit year, decade, century or era marker makes
    # the expression absolute; anything else is resolved from context.
    if re.search(r"\d{3,4}|'\d\d|centur|\b(?:AD|BC)\b", g.text, re.I):
        return 'date'
    return 'relative'


def relative_subtype(g):
    if re.search(r'\b(?:later|earlier|before|after|next|following|previous|'
                 r'same|that|coming|ago)\b', g.text, re.I):
        return 'anaphoric'
    return 'partial'


# ---------------------------------------------------------------------------
# Running the binary

def _int_field(obj, name, lineno):
    v = obj.get(name)
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise BinaryError('claim on output line %d: %r must be a non-negative '
                          'integer, got %r' % (lineno, name, v))
    return v


def _opt_str(v):
    if v is None:
        return None
    if isinstance(v, (dict, list)):
        return json.dumps(v)
    return str(v)


def run_binary(binary, plain, basename, timeout, keep_dir=None):
    """Run `binary claims FILE` on the plain text; return [Claim]."""
    tmpdir = tempfile.mkdtemp(prefix='timex_score.')
    path = os.path.join(tmpdir, basename)
    try:
        with open(path, 'wb') as f:
            f.write(plain)
        if keep_dir:
            with open(os.path.join(keep_dir, basename), 'wb') as f:
                f.write(plain)
        try:
            proc = subprocess.run([binary, 'claims', path],
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE,
                                  timeout=timeout)
        except OSError as e:
            raise BinaryError('cannot run %s: %s' % (binary, e))
        except subprocess.TimeoutExpired:
            raise BinaryError('%s claims %s: timed out after %gs'
                              % (binary, basename, timeout))
    finally:
        try:
            os.remove(path)
        except OSError:
            pass
        try:
            os.rmdir(tmpdir)
        except OSError:
            pass

    if proc.returncode != 0:
        err = proc.stderr.decode('utf-8', 'replace').strip()
        raise BinaryError('%s claims %s: exit status %d%s'
                          % (binary, basename, proc.returncode,
                             (': ' + err[-2000:]) if err else ''))
    try:
        out = proc.stdout.decode('utf-8')
    except UnicodeDecodeError as e:
        raise BinaryError('%s claims %s: output is not UTF-8 (%s)'
                          % (binary, basename, e))

    claims = []
    for lineno, line in enumerate(out.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as e:
            raise BinaryError('%s claims %s: output line %d is not JSON (%s): %s'
                              % (binary, basename, lineno, e, line[:200]))
        if not isinstance(obj, dict):
            raise BinaryError('%s claims %s: output line %d is not a JSON object'
                              % (binary, basename, lineno))
        kind = obj.get('kind')
        if kind not in ('date', 'duration'):
            continue
        off = _int_field(obj, 'offset', lineno)
        length = _int_field(obj, 'length', lineno)
        if off + length > len(plain):
            raise BinaryError('%s claims %s: output line %d: span %d+%d is past '
                              'the end of the file (%d bytes)'
                              % (binary, basename, lineno, off, length,
                                 len(plain)))
        span_text = plain[off:off + length].decode('utf-8', 'replace')
        claims.append(Claim(off, off + length, _opt_str(obj.get('text')), kind,
                            _opt_str(obj.get('value')),
                            _opt_str(obj.get('begin')),
                            _opt_str(obj.get('end')), span_text))
    return claims


# ---------------------------------------------------------------------------
# Scoring

def norm(v):
    if v is None:
        return None
    return v.strip().upper()


def value_ok(gold, claim):
    g = norm(gold.val)
    if norm(claim.value) == g:
        return True
    if '/' in g:
        gb, ge = g.split('/', 1)
        if norm(claim.begin) == gb and norm(claim.end_val) == ge:
            return True
    return False


def overlap(g, c):
    return min(g.end, c.end) - max(g.start, c.start)


def max_matching(n_gold, edges):
    """Maximum bipartite matching (Kuhn).  edges[g] = ordered claim indices.
    Returns {gold_index: claim_index}."""
    owner = {}

    def augment(g, seen):
        for c in edges[g]:
            if c in seen:
                continue
            seen.add(c)
            if c not in owner or augment(owner[c], seen):
                owner[c] = g
                return True
        return False

    for g in range(n_gold):
        augment(g, set())
    return dict((g, c) for c, g in owner.items())


def score_file(golds, claims):
    lenient_edges, strict_edges = [], []
    for g in golds:
        cands = [(overlap(g, c), i) for i, c in enumerate(claims)
                 if overlap(g, c) > 0]
        cands.sort(key=lambda t: (-t[0], t[1]))
        lenient_edges.append([i for _, i in cands])
        strict_edges.append([i for _, i in cands if value_ok(g, claims[i])])
    return (max_matching(len(golds), lenient_edges),
            max_matching(len(golds), strict_edges))


def prf(matched, n_sys, n_gold):
    p = matched / n_sys if n_sys else 0.0
    r = matched / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def show(s):
    return json.dumps(s, ensure_ascii=False)


def claim_value(c):
    if c.value is not None:
        return c.value
    if c.begin is not None or c.end_val is not None:
        return '%s/%s' % (c.begin, c.end_val)
    return None


# ---------------------------------------------------------------------------

def list_files(d):
    if not os.path.isdir(d):
        raise ParseError('%s: not a directory' % d)
    files = sorted(f for f in os.listdir(d) if f.endswith('.txt'))
    if not files:
        raise ParseError('%s: no .txt files' % d)
    return [os.path.join(d, f) for f in files]


def do_stats(files):
    kinds = ('date', 'duration', 'range', 'relative')
    total = dict((k, 0) for k in kinds)
    sub = {'partial': 0, 'anaphoric': 0}
    words = 0
    parsed = [(path,) + parse_gold(path) for path in files]
    print('%-32s %6s %5s %5s %5s %5s %5s' % ('file', 'words', 'gold', 'date',
                                              'dur', 'range', 'rel'))
    for path, plain, golds in parsed:
        n = len(plain.decode('utf-8').split())
        words += n
        c = dict((k, 0) for k in kinds)
        for g in golds:
            t = gold_type(g)
            c[t] += 1
            if t == 'relative':
                sub[relative_subtype(g)] += 1
        for k in kinds:
            total[k] += c[k]
        print('%-32s %6d %5d %5d %5d %5d %5d' % (
            os.path.basename(path), n, len(golds), c['date'], c['duration'],
            c['range'], c['relative']))
    print('%-32s %6d %5d %5d %5d %5d %5d' % (
        'TOTAL (%d files)' % len(files), words, sum(total.values()),
        total['date'], total['duration'], total['range'], total['relative']))
    print('relative = %d partial (year etc. from context, e.g. "the 17th") + '
          '%d anaphoric (e.g. "two days later")'
          % (sub['partial'], sub['anaphoric']))
    return 0


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(
        description='Score chronolint date/duration claims against the '
                    'TIMEX2-annotated evaluation set.')
    ap.add_argument('dir', nargs='?', default=os.path.join(here, 'timex'),
                    help='directory of annotated .txt files (default: %(default)s)')
    ap.add_argument('--chronolint', metavar='BINARY',
                    help='chronolint binary, run as "BINARY claims FILE"')
    ap.add_argument('--verbose', '-v', action='store_true',
                    help='list every miss, false positive and value mismatch')
    ap.add_argument('--min-lenient', type=float, metavar='F',
                    help='exit 1 if the total lenient F1 is below F')
    ap.add_argument('--min-value', type=float, metavar='F',
                    help='exit 1 if the total value F1 is below F')
    ap.add_argument('--timeout', type=float, default=60.0, metavar='SECONDS',
                    help='time limit per file for the binary (default: 60)')
    ap.add_argument('--dump-plain', metavar='OUTDIR',
                    help='also write the tag-stripped texts to OUTDIR')
    ap.add_argument('--keep-going', action='store_true',
                    help='if the binary fails on a file, report it, leave the '
                         'file out of the totals and go on (exit status is '
                         'still 2)')
    ap.add_argument('--stats', action='store_true',
                    help='only print word and gold counts; no binary needed')
    args = ap.parse_args(argv)

    try:
        files = list_files(args.dir)
        if args.stats:
            return do_stats(files)
        if not args.chronolint:
            ap.error('--chronolint BINARY is required (or use --stats)')
        if args.dump_plain:
            os.makedirs(args.dump_plain, exist_ok=True)
        binary = args.chronolint
        if os.sep in binary or (os.altsep and os.altsep in binary):
            binary = os.path.abspath(binary)
            if not os.path.isfile(binary):
                raise BinaryError('%s: no such file' % binary)

        rows = []
        failed = []
        tot = dict(gold=0, sys=0, len=0, val=0, textwarn=0)
        parsed = [(path,) + parse_gold(path) for path in files]
        for path, plain, golds in parsed:
            name = os.path.basename(path)
            try:
                claims = run_binary(binary, plain, name, args.timeout,
                                    args.dump_plain)
            except BinaryError as e:
                if not args.keep_going:
                    raise
                print('timex_score: binary failed: %s' % e, file=sys.stderr)
                failed.append(name)
                continue
            lenient, strict = score_file(golds, claims)
            textwarn = [c for c in claims
                        if c.text is not None and c.text != c.span_text]
            rows.append((name, len(golds), len(claims), len(lenient),
                         len(strict)))
            tot['gold'] += len(golds)
            tot['sys'] += len(claims)
            tot['len'] += len(lenient)
            tot['val'] += len(strict)
            tot['textwarn'] += len(textwarn)

            if args.verbose:
                print('== %s: %d gold, %d system' % (name, len(golds),
                                                     len(claims)))
                used = set(lenient.values())
                for gi, g in enumerate(golds):
                    if gi not in lenient:
                        print('  MISS   [%d,%d) %s VAL=%s'
                              % (g.start, g.end, show(g.text), g.val))
                    elif gi not in strict:
                        c = claims[lenient[gi]]
                        print('  VALUE  [%d,%d) %s VAL=%s  <- system [%d,%d) '
                              '%s value=%s' % (g.start, g.end, show(g.text),
                                               g.val, c.start, c.end,
                                               show(c.span_text),
                                               claim_value(c)))
                for ci, c in enumerate(claims):
                    if ci not in used:
                        print('  FP     [%d,%d) %s kind=%s value=%s'
                              % (c.start, c.end, show(c.span_text), c.kind,
                                 claim_value(c)))
                for c in textwarn:
                    print('  WARN   claim text %s != file bytes [%d,%d) %s '
                          '(offsets must be byte offsets)'
                          % (show(c.text), c.start, c.end, show(c.span_text)))
    except ParseError as e:
        print('timex_score: parse error: %s' % e, file=sys.stderr)
        return 2
    except BinaryError as e:
        print('timex_score: binary failed: %s' % e, file=sys.stderr)
        return 2

    if args.verbose:
        print()
    hdr = '%-32s %5s %5s | %-20s | %-20s' % ('file', 'gold', 'sys',
                                            'lenient  P     R     F1',
                                            'value    P     R     F1')
    print(hdr)
    print('-' * len(hdr))

    def line(name, ng, ns, nl, nv):
        lp, lr, lf = prf(nl, ns, ng)
        vp, vr, vf = prf(nv, ns, ng)
        print('%-32s %5d %5d |       %.3f %.3f %.3f |       %.3f %.3f %.3f'
              % (name, ng, ns, lp, lr, lf, vp, vr, vf))
        return lf, vf

    for r in rows:
        line(*r)
    print('-' * len(hdr))
    lf, vf = line('TOTAL (%d files)' % len(rows), tot['gold'], tot['sys'],
                  tot['len'], tot['val'])
    if failed:
        print('NOT SCORED (binary failed): %s' % ', '.join(failed))
    print('matched: %d lenient, %d with equal value' % (tot['len'], tot['val']))
    if tot['textwarn']:
        print('warning: %d claim(s) whose "text" differs from the file bytes at '
              'offset/length (use --verbose to list them)' % tot['textwarn'])

    status = 2 if failed else 0
    if status == 0 and args.min_lenient is not None and lf < args.min_lenient:
        print('FAIL: lenient F1 %.3f < %.3f' % (lf, args.min_lenient))
        status = 1
    if status != 2 and args.min_value is not None and vf < args.min_value:
        print('FAIL: value F1 %.3f < %.3f' % (vf, args.min_value))
        status = 1
    return status


if __name__ == '__main__':
    sys.exit(main())
