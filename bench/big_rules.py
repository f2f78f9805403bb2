#!/usr/bin/env python3
"""Build a copy of the rules database with about N times as many names.

bench/run.py uses it to see whether chronolint's throughput holds when the
database grows tenfold.  The copy is rules/ as it is, plus files
people-synthetic-NN.xml of invented people: plausible English and European
first names with surnames made from syllables, each person with a name, a
surname and one alias, born between 1840 and 1960 and dead by 2020, and a
QID-like qid attribute far above any real Wikidata item (Q900000000 and up).
Every invented surname is checked against the names already in the database
and against the words of the corpus (--avoid), so it matches nothing in the
text and shadows no real person: the larger database changes how much there
is to look up, not what is found.

    python3 bench/big_rules.py --rules rules --out bench/work/rules-10x \\
        --people 18000 [--avoid corpus.txt] [--seed 1]

run.py picks --people from `chronolint db stats` (names now x (factor - 1)
/ names per invented person) and checks the result with `chronolint db
check`.  Deterministic for the same seed and inputs.  Standard library only.
"""

import argparse
import glob
import os
import random
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

NS = "https://chronolint.org/ns/rules/1"
PER_FILE = 2000
QID_BASE = 900000000
NAMES_PER_PERSON = 3  # <name>, <surname>, <alias>

FIRST_NAMES = """
Adam Adrian Albert Alfred Alice Amelia Andrew Anna Anton Arthur Audrey Beatrice
Benedict Bernard Bertha Carl Caroline Catherine Cecil Charles Charlotte Clara
Conrad Cyril Daniel David Dora Dorothy Edgar Edith Edmund Edward Eleanor Elena
Elias Elisabeth Emil Emma Ernest Esther Eugene Felix Florence Francis Frederick
Gabriel George Gerald Gertrude Gilbert Grace Gregory Harold Harriet Helen Henry
Herbert Hugo Ida Irene Isaac Jacob James Jan Jane Johanna John Joseph Julia
Karl Katherine Lawrence Leonard Leopold Lillian Louis Louise Lucy Ludwig Margaret
Maria Marian Martha Martin Matthew Maurice Max Michael Nora Oscar Otto Patrick
Paul Peter Philip Ralph Raymond Richard Robert Rosa Rudolf Ruth Samuel Sarah
Sophia Stephen Theodore Thomas Valentin Victor Vincent Walter Wilhelm William
""".split()

# surname = start + middle + ending, e.g. Dor + an + wick = Doranwick
SURNAME_STARTS = """
Ald Amb Ash Bar Bel Brad Bram Brin Cal Carr Cor Cran Cress Dal Dor Dren Dun
Elm Fal Fen Forn Gar Gil Grel Hal Har Hest Ing Kel Kes Kir Lam Lind Lor Mar
Mel Mor Nor Orm Pel Pren Quen Rad Ros Sal Sel Sten Tal Thorn Tor Ul Val Ver
Wal Wen Wes Yar
""".split()
SURNAME_MIDDLES = ["", "a", "e", "i", "o", "an", "en", "er", "in", "ov", "ow",
                   "el"]
SURNAME_ENDINGS = """
berg bridge by croft dale den dorf ford gate ham holm holt hurst ier ley lund
mann mere mont nik ridge rick sen ski ston ter thorpe ton vale vich well
wick win worth zek ard
""".split()


def local(tag):
    return tag.rsplit("}", 1)[-1]


def taken_words(rules_dir, avoid_paths):
    """Lower-case words that an invented surname must not be: every word of
    every name, alias and surname in the rules, and of the --avoid files.
    Also the QIDs in use."""
    words, qids = set(), set()
    for path in sorted(glob.glob(os.path.join(rules_dir, "*.xml"))):
        try:
            root = ET.parse(path).getroot()
        except (ET.ParseError, OSError):
            continue
        for el in root.iter():
            q = el.get("qid")
            if q:
                qids.add(q)
            if local(el.tag) in ("name", "alias", "surname", "title"):
                words.update(w.lower() for w in re.findall(r"[^\W\d_]+",
                                                           el.text or ""))
    word = re.compile(rb"[A-Za-z]+")
    for path in avoid_paths:
        with open(path, "rb") as f:
            for line in f:
                words.update(w.decode().lower() for w in word.findall(line))
    return words, qids


def invent_people(count, taken, qids, seed):
    """`count` invented people with distinct, unused surnames."""
    rng = random.Random(seed)
    surnames = set()
    for a in SURNAME_STARTS:
        for b in SURNAME_MIDDLES:
            for c in SURNAME_ENDINGS:
                s = a + b + c
                if s.lower() not in taken and not re.search(r"(.)\1\1", s):
                    surnames.add(s)
    surnames = sorted(surnames)
    rng.shuffle(surnames)
    if count > len(surnames):
        raise SystemExit("big_rules.py: only %d unused surnames for %d "
                         "people; add syllables" % (len(surnames), count))
    people = []
    q = QID_BASE
    for i in range(count):
        while "Q%d" % q in qids:
            q += 1
        first = rng.choice(FIRST_NAMES)
        middle = rng.choice(FIRST_NAMES)
        surname = surnames[i]
        born_y = rng.randint(1840, 1960)
        born = "%04d-%02d-%02d" % (born_y, rng.randint(1, 12),
                                   rng.randint(1, 28))
        # everyone gets a death date (db check asks for one from anyone
        # born more than ~110 years ago)
        died = "%04d-%02d-%02d" % (min(born_y + rng.randint(35, 95), 2020),
                                   rng.randint(1, 12), rng.randint(1, 28))
        people.append({
            "id": "synthetic-%s-%s-%d" % (surname.lower(), first.lower(), i),
            "qid": "Q%d" % q, "name": "%s %s" % (first, surname),
            "surname": surname,
            "alias": "%s %s. %s" % (first, middle[0], surname),
            "born": born, "died": died,
        })
        q += 1
    return people


def person_xml(p):
    lines = ['  <person id="%s" qid="%s">' % (p["id"], p["qid"]),
             "    <name>%s</name>" % escape(p["name"]),
             "    <surname>%s</surname>" % escape(p["surname"]),
             "    <alias>%s</alias>" % escape(p["alias"]),
             "    <note>invented for the benchmark</note>",
             '    <born date="%s" precision="day"/>' % p["born"]]
    lines.append('    <died date="%s" precision="day"/>' % p["died"])
    lines.append("  </person>")
    return "\n".join(lines)


def build(rules_dir, out_dir, people_count, avoid=(), seed=1):
    """Copy rules_dir to out_dir and add people_count invented people.
    Returns the number of people added."""
    if os.path.isdir(out_dir):
        shutil.rmtree(out_dir)
    shutil.copytree(rules_dir, out_dir)
    taken, qids = taken_words(rules_dir, avoid)
    people = invent_people(people_count, taken, qids, seed)
    for n, start in enumerate(range(0, len(people), PER_FILE)):
        chunk = people[start:start + PER_FILE]
        path = os.path.join(out_dir, "people-synthetic-%02d.xml" % (n + 1))
        with open(path, "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                    "<!-- Invented people for bench/run.py's large-database "
                    "run; not history. -->\n"
                    '<people xmlns="%s">\n' % NS)
            f.write("\n".join(person_xml(p) for p in chunk))
            f.write("\n</people>\n")
    return len(people)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rules", required=True, help="the rules directory")
    ap.add_argument("--out", required=True,
                    help="directory to create (replaced if it exists)")
    ap.add_argument("--people", type=int, required=True,
                    help="number of invented people to add")
    ap.add_argument("--avoid", action="append", default=[],
                    help="a text whose words no surname may be "
                         "(repeatable)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    n = build(args.rules, args.out, args.people, args.avoid, args.seed)
    print("%s: %d invented people added" % (args.out, n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
