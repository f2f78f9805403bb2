#!/usr/bin/env python3
"""man-rules.py BINARY RULES MAN [--check] - the RULES section of chronolint(1)
made from the rule documentation (rules/rules.xml through `--list-rules
--format json`), the one source of --explain, --list-rules and SARIF's rule
metadata. Rewrites MAN between its markers, or with --check says whether it is
up to date (exit 1 when it is not)."""
import json
import re
import subprocess
import sys

BEGIN = '.\\" BEGIN RULES: made from rules/rules.xml by scripts/man-rules.py; edit rules.xml, not this\n'
END = '.\\" END RULES\n'

# typographic characters groff knows by name, so the page reads the same in any locale
NAMED = {'\u2013': '\\(en', '\u2014': '\\(em', '\u201c': '\\(lq', '\u201d': '\\(rq',
         '\u2018': '\\(oq', '\u2019': '\\(cq', '\u2026': '...'}


def roff_text(text):
    """Prose as roff: lines joined (roff fills them), backslashes and
    hyphen-minus escaped, no line starting with a control character."""
    text = ' '.join(line.strip() for line in text.splitlines())
    out = text.replace('\\', '\\e').replace('-', '\\-')
    # a long link may break after a slash or an ampersand (\: marks where, invisibly)
    out = re.sub(r'(https?://)(\S+)', lambda m: m.group(1) + re.sub(r'([/&])(?=\S)', r'\1\\:', m.group(2)), out)
    for char, name in NAMED.items():
        out = out.replace(char, name)
    return out


def section(rules):
    lines = []
    for rule in rules:
        lines.append('.TP')
        lines.append('.B %s \\fR(%s)' % (rule['id'].replace('-', '\\-'), rule['severity']))
        lines.append('\\&' + roff_text(rule['summary']) + '.')
        lines.append('\\&' + roff_text(rule['description']))
        for label, key in (('Reported', 'bad'), ('Correct', 'good'), ('Silencing it', 'silence'),
                           ('Known limits', 'limits')):
            if rule.get(key):
                lines.append('.br')
                lines.append('\\fB%s:\\fR %s' % (label, roff_text(rule[key])))
    return ''.join(line + '\n' for line in lines)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    binary, rules_dir, man = sys.argv[1:4]
    check = '--check' in sys.argv[4:]
    listed = subprocess.run([binary, '--rules', rules_dir, '--list-rules', '--format', 'json'],
                            check=True, capture_output=True, text=True).stdout
    rules = [json.loads(line) for line in listed.splitlines()]
    page = open(man, encoding='utf-8').read()
    if BEGIN not in page or END not in page:
        sys.exit('%s: no RULES markers' % man)
    head, rest = page.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    made = head + BEGIN + section(rules) + END + tail
    if check:
        if made != page:
            print('%s: the RULES section is not what rules.xml says; run scripts/man-rules.py' % man)
            sys.exit(1)
        print('%s: RULES section matches the %d documented rules' % (man, len(rules)))
        return
    if made != page:
        open(man, 'w', encoding='utf-8').write(made)


if __name__ == '__main__':
    main()
