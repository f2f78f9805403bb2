#!/usr/bin/env node
// chrono-node as a date extractor for the TIMEX gold set (bench/accuracy.py).
// Each FILE is plain text with one paragraph a line (the tag-stripped essays
// of eval/timex/).  Every paragraph goes to chrono.parse on its own, and each
// result is printed as one JSON line in the shape of `chronolint claims`:
//
//   {"file": "01_x.txt", "kind": "date", "text": "On 22 June 1941",
//    "offset": 120, "length": 15, "value": "1941-06-22"}
//
// offset and length are bytes into the file (chrono counts UTF-16 units).
// The value keeps the finest component chrono is certain of: a known day
// gives YYYY-MM-DD (the year, if only implied, comes from the reference
// date), a known month YYYY-MM, a known year YYYY; a result with none of
// them known ("Monday", "two days later") is given as the full date chrono
// computed.  A result with an end is a range: "begin" and "end".
//
// Usage: node bench/chrono_timex.js FILE...
'use strict';

const fs = require('fs');
const path = require('path');

let chrono;
try {
  chrono = require('chrono-node');
} catch (e) {
  process.stderr.write('chrono_timex: chrono-node is not installed ' +
                       '(run "npm install" in bench/): ' + e.message + '\n');
  process.exit(3);
}

// The same fixed reference date as chrono_bench.js: chrono has no notion of
// the narrative's own time, so partial and relative dates resolve against it.
const ref = new Date(Date.UTC(1950, 0, 1, 12, 0, 0));

function pad(n, width) {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + '0'.repeat(Math.max(0, width - s.length)) + s;
}

function timexValue(c) {
  const y = pad(c.get('year'), 4);
  const m = pad(c.get('month'), 2);
  const d = pad(c.get('day'), 2);
  if (c.isCertain('day')) return y + '-' + m + '-' + d;
  if (c.isCertain('month')) return y + '-' + m;
  if (c.isCertain('year')) return y;
  return y + '-' + m + '-' + d;
}

if (process.argv.length < 3) {
  process.stderr.write('usage: node chrono_timex.js FILE...\n');
  process.exit(2);
}

const out = [];
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  let lineStart = 0; // byte offset of the current line
  for (const line of text.split('\n')) {
    if (line.trim() !== '') {
      for (const r of chrono.parse(line, ref)) {
        const claim = {
          file: path.basename(file),
          kind: 'date',
          text: r.text,
          offset: lineStart + Buffer.byteLength(line.slice(0, r.index)),
          length: Buffer.byteLength(r.text),
        };
        if (r.end) {
          claim.begin = timexValue(r.start);
          claim.end = timexValue(r.end);
        } else {
          claim.value = timexValue(r.start);
        }
        out.push(JSON.stringify(claim));
      }
    }
    lineStart += Buffer.byteLength(line) + 1;
  }
}
process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
