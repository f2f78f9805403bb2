#!/usr/bin/env python3
"""Draws a random sample of people's dates from rules/ for an audit (rules/AUDIT.md).

People are taken in a seeded random order, with every birth and death date of each,
until at least --dates dates are drawn. Prints tab-separated rows: id, qid, name, fact,
date, precision, os, file:line.
"""
import argparse
import glob
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def people(rules):
    for path in sorted(glob.glob(os.path.join(rules, "people-*.xml"))):
        text = open(path, encoding="utf-8").read()
        for m in re.finditer(r'<person id="([^"]+)" qid="([^"]+)">(.*?)</person>', text, re.S):
            body = m.group(3)
            name = re.search(r"<name>([^<]+)</name>", body).group(1)
            line = text.count("\n", 0, m.start()) + 1
            dates = []
            for fact in ("born", "died"):
                d = re.search(r'<%s date="([^"]+)" precision="([^"]+)"(?: os="([^"]+)")?' % fact, body)
                if d:
                    dates.append((fact,) + d.groups())
            yield m.group(1), m.group(2), name, dates, "%s:%d" % (os.path.relpath(path), line)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rules", default=os.path.join(HERE, "..", "rules"))
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--dates", type=int, default=200)
    ap.add_argument("--exclude", action="append", default=[],
                    help="skip people files whose name contains this")
    args = ap.parse_args()
    everyone = [p for p in people(args.rules) if not any(x in p[4] for x in args.exclude)]
    random.seed(args.seed)
    random.shuffle(everyone)
    out, n = sys.stdout, 0
    out.write("id\tqid\tname\tfact\tdate\tprecision\tos\tfile:line\n")
    for pid, qid, name, dates, where in everyone:
        if n >= args.dates:
            break
        for fact, date, precision, old in dates:
            out.write("\t".join((pid, qid, name, fact, date, precision, old or "", where)) + "\n")
            n += 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
