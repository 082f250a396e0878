/**
 * Golden dump: every output of classify, explain, extract, redact (four configurations) and
 * Analyzer.analyze (three configurations) over the corpus, one JSON line each, plus a sha256.
 * Run it before and after a change that must not change behaviour, and compare:
 *
 *   npx tsx bench/golden/dump.ts /tmp/before.jsonl [LITERALS_ROOT]
 *   (change the code)
 *   npx tsx bench/golden/dump.ts /tmp/after.jsonl [LITERALS_ROOT] && cmp /tmp/before.jsonl /tmp/after.jsonl
 *
 * LITERALS_ROOT (a checkout) adds the unit tests' string literals to the corpus; use the same one for
 * both runs. The dump holds Loghub lines: keep it out of the repository.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Analyzer } from '../../src/core/Analyzer.js';
import { createClassifier, createExplainer } from '../../src/core/classify/index.js';
import { parseConfig } from '../../src/core/config.js';
import { correlationIdOf, createExtractor, parseJsonMessage } from '../../src/core/extract/index.js';
import { createRedactor } from '../../src/core/redact/index.js';
import type { LogBatch, RawEvent } from '../../src/core/types.js';
import { corpus } from './corpus.js';

const [outFile, literalsRoot] = process.argv.slice(2);
if (!outFile) {
  console.error('usage: tsx bench/golden/dump.ts OUT.jsonl [LITERALS_ROOT]');
  process.exit(2);
}
const lines = corpus(literalsRoot);
const classify = createClassifier();
const explain = createExplainer();
const extract = createExtractor();
const extractSmall = createExtractor({
  maxValueLength: 20,
  maxLogfmtPairs: 3,
  maxJsonFields: 5,
  maxJsonDepth: 2,
});
const red = createRedactor();
const redIps = createRedactor({ ips: true });
const redDis = createRedactor({ disable: ['password_pair', 'email'] });
const redCustom = createRedactor({ rules: [{ name: 'order', pattern: 'ord-\\d+' }], sensitiveKeys: ['msg'] });
const rows: string[] = [];
for (const line of lines) {
  const json = parseJsonMessage(line);
  const r: Record<string, unknown> = { line };
  r.json = json !== undefined;
  r.sev = classify(line, json);
  r.sev2 = classify(line);
  r.exp = explain(line, json);
  const f = extract(line, json);
  r.fields = f;
  r.fields2 = extract(line);
  r.fieldsSmall = extractSmall(line, json);
  r.corr = correlationIdOf(f);
  for (const [name, rd] of [
    ['d', red],
    ['ips', redIps],
    ['dis', redDis],
    ['cus', redCustom],
  ] as const) {
    const counts: Record<string, number> = {};
    const t = rd.text(line, counts);
    const ff = JSON.parse(JSON.stringify(f));
    const counts2: Record<string, number> = {};
    rd.fields(ff, counts2);
    r[`t_${name}`] = [t, counts, ff, counts2];
  }
  rows.push(JSON.stringify(r));
}
{
  const cfgs = [
    { patterns: { enabled: false } },
    { patterns: { enabled: true } },
    { patterns: { enabled: false }, redact: { archive: false }, store: { maxMessageBytes: 300 } },
  ];
  for (const c of cfgs) {
    const a = new Analyzer(parseConfig(c));
    let ts = 1764158400000;
    for (let s = 0, b = 0; s < lines.length; s += 257, b++) {
      const evs = lines.slice(s, s + 257).map((m, i) => {
        ts += (i % 7) * 911;
        const e: RawEvent = { id: `e${s + i}`, timestamp: ts, message: m };
        if ((s + i) % 13 === 0) e.extractedFields = { status: '200', path: '/x', 'http.method': 'PUT' };
        return e;
      });
      const batch = {
        id: `b${b}`,
        group: `/g/${b % 5}`,
        stream: 's',
        source: 'cloudwatch',
        events: evs,
      } satisfies LogBatch;
      const analysis = a.analyze(batch);
      // Counts by kind are a map: their key order is not part of the output.
      const redactions = Object.fromEntries(
        Object.entries(analysis.redactions).sort(([x], [y]) => (x < y ? -1 : 1)),
      );
      rows.push(JSON.stringify({ ...analysis, redactions }));
    }
  }
}
const all = rows.join('\n');
writeFileSync(outFile, all);
console.log(lines.length, createHash('sha256').update(all).digest('hex'));
