#!/usr/bin/env node
// Peer benchmark for bench/run.py: feeds a text file to chrono-node one
// paragraph at a time (paragraphs are separated by blank lines) and counts
// the dates it finds.  Prints one summary line.
//
// Usage: node bench/chrono_bench.js corpus.txt
'use strict';

const fs = require('fs');

let chrono;
try {
  chrono = require('chrono-node');
} catch (e) {
  process.stderr.write('chrono_bench: chrono-node is not installed ' +
                       '(run "npm install" in bench/): ' + e.message + '\n');
  process.exit(3);
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node chrono_bench.js FILE\n');
  process.exit(2);
}

const text = fs.readFileSync(file, 'utf8');
// A fixed reference date keeps relative expressions ("two days later")
// deterministic from run to run.
const ref = new Date(Date.UTC(1950, 0, 1, 12, 0, 0));
let paragraphs = 0;
let results = 0;
for (const para of text.split(/\n[ \t]*\n/)) {
  if (para.trim() === '') continue;
  paragraphs++;
  results += chrono.parse(para, ref).length;
}
process.stdout.write(paragraphs + ' paragraphs, ' + results + ' dates\n');
