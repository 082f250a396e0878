import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClassifier, createExplainer } from '../classify/index.js';
import { DURATION_HINT } from '../extract/duration.js';
import { createBatchExtractor, KEYWORDS as FIELD_KEYWORDS } from '../extract/extractor.js';
import { scanRequestLine } from '../extract/http.js';
import { findTraceparent, findUuid } from '../extract/ids.js';
import { findIps } from '../extract/ip.js';
import { parseJsonMessage } from '../extract/json.js';
import { CARD_HINT, KEYWORD_HINT } from '../redact/builtinRules.js';
import { createRedactor } from '../redact/redactor.js';
import {
  ALL,
  AT,
  CARD,
  DURATION,
  EQ,
  FIELD_WORD,
  HTTP,
  IPV4,
  IPV6,
  lineGates,
  MAX_GATED_LINE,
  REQUEST_LINE,
  SECRET_WORD,
  TAB_NL,
  TRACEPARENT,
  UUID,
} from './lineGates.js';

/** Each gate and the check it stands for: the check true must mean the gate set. */
const CHECKS: [string, number, (s: string) => boolean][] = [
  ['DURATION', DURATION, (s) => DURATION_HINT.test(s)],
  ['SECRET_WORD', SECRET_WORD, (s) => KEYWORD_HINT.test(s)],
  ['FIELD_WORD', FIELD_WORD, (s) => FIELD_KEYWORDS.test(s)],
  ['IPV4', IPV4, (s) => findIps(s, Number.POSITIVE_INFINITY, false).some((sp) => sp.version === 4)],
  ['IPV6', IPV6, (s) => findIps(s, Number.POSITIVE_INFINITY, false).some((sp) => sp.version === 6)],
  ['AT', AT, (s) => s.includes('@')],
  ['CARD', CARD, (s) => CARD_HINT.test(s)],
  ['EQ', EQ, (s) => s.includes('=')],
  ['REQUEST_LINE', REQUEST_LINE, (s) => requestLine(s)],
  ['UUID', UUID, (s) => findUuid(s) !== undefined],
  ['TRACEPARENT', TRACEPARENT, (s) => findTraceparent(s) !== undefined],
  ['TAB_NL', TAB_NL, (s) => s.includes('\t') || s.includes('\n')],
  ['HTTP', HTTP, (s) => s.includes('HTTP/')],
];

function requestLine(s: string): boolean {
  const fields = {};
  scanRequestLine(s, fields, 1024);
  return Object.keys(fields).length > 0;
}

/**
 * Pieces the scanners look for, and non-ASCII characters: `İ`/`ı`/`K` (Kelvin)/`ſ`, which
 * case-insensitive regexes do not equate with ASCII letters, `µ`/`μ`, a surrogate pair, a lone
 * surrogate, and characters whose low (Latin-1) byte is special (U+0140 -> `@`, U+3A3A -> `::`).
 */
const PIECES = [
  ...'0123456789 -.:@=_/\t\n"\\xnTESDh*',
  ...['µ', 'μ', 'Ā', 'İ', 'ı', 'K', 'ſ', 'é', '😀', '\ud800', 'ŀ', 'ĺ', '\u3a3a'],
  ...['GET /', 'POST http', 'OPTIONS *', 'a-', '-b', '3f1c2a4e-1b2c-4d5e-8f90-123456789abc', 'abcd-ef01'],
  ...['3F1C2A4E-1B2C-4D5E-8F90-ABCDEFABCDEF', 'ERROR ', 'WARN', '[error]', 'level=error', 'E/', 'Info'],
  ...[' HTTP/1.1" 503 ', '"GET / HTTP/1.1" 500 12', '2024-01-01\t', 'GET\t', '503\t'],
  ...[
    '2024-05-01T12:00:00.000Z\t',
    '2024-05-01T12:00:00.000Z ',
    '[ERROR]\t',
    'START RequestId: ',
    '\tERROR\t',
  ],
  ...['00-', '0af7651916cd43dd8448eb211c80319c', '-b7ad6b7169203331-01', 'blk_', '4111111111111111'],
  ...['00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', 'postgres://', 'app:s3cret@', 'db.internal'],
  ...['ms', 'h', 's', 'u', 'n', 'm', 'sec', 'min', 'ns', 'us'],
  ...['pwd', 'PaSsW', 'passph', 'pass', 'secret', 'SECRET', 'key', 'tok', 'token', 'bearer', 'Basic'],
  ...['eyJ', 'akia', 'ASIA', '-----BEGIN', '-----', 'status', 'http', 'HTTP', 'req', 'trace', 'root=1-'],
  ...['10.0.0.1', '255', '192.168', 'fe80', 'abcd', '::1', '4111', '1111', '3782', '8224', 'ffff'],
];
const line = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join(''));
const anyLine = fc.oneof(line, fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ maxLength: 80 }));
const RUNS = { numRuns: 3000, seed: 20261126 };

describe('lineGates', () => {
  it('sets each gate on every line its check matches', () => {
    fc.assert(
      fc.property(fc.array(anyLine, { minLength: 1, maxLength: 20 }), (lines) => {
        const gates = lineGates(lines);
        lines.forEach((s, i) => {
          for (const [name, bit, check] of CHECKS)
            if (check(s)) expect(gates[i]! & bit, `${name} on ${JSON.stringify(s)}`).toBe(bit);
        });
      }),
      RUNS,
    );
  });

  it('clears the gates of ordinary lines', () => {
    const lines = [
      '081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_3886 terminating',
      'took 12ms',
      'took 5 μs',
      'login password=hunter2',
      'GET /status 200',
      'from 10.0.0.7 port 22',
      'via fe80::1',
      'user bob@example.com',
      'card 4111 1111 1111 1111',
      'id 3f1c2a4e-1b2c-4d5e-8f90-abcdefabcdef',
      'traceparent 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169a03331-01',
      '10.0.0.1 - - [01/May/2024:12:00:00 +0000] "GET / HTTP/1.1" 503 12',
      '2024-05-01\t12:00:00\tIAD89-C1\t5\t10.0.0.1\tGET\tdx.cloudfront.net\t/a\t504\t-',
      '',
    ];
    const gates = lineGates(lines);
    expect([...gates]).toEqual([
      0,
      DURATION,
      DURATION,
      SECRET_WORD | EQ,
      FIELD_WORD | REQUEST_LINE,
      IPV4,
      IPV6,
      AT,
      CARD,
      UUID | TRACEPARENT,
      FIELD_WORD | TRACEPARENT,
      IPV4 | REQUEST_LINE | HTTP,
      IPV4 | TAB_NL,
      0,
    ]);
    const classify = createClassifier();
    expect(lines.slice(-3, -1).map((s, i) => classify(s, undefined, gates[lines.length - 3 + i]))).toEqual([
      'ERROR',
      'ERROR',
    ]);
  });

  it('counts seven colons as a possible IPv6 address', () => {
    const gates = lineGates(['2001:db8:0:0:0:0:2:1', '1:2:3:4:5:6', '12:00:00 a:b c:d']);
    expect([...gates].map((g) => g & IPV6)).toEqual([IPV6, 0, 0]);
  });

  it('gives lines over MAX_GATED_LINE every gate and still gates the others', () => {
    const long = `${'x'.repeat(MAX_GATED_LINE)} `;
    expect([...lineGates(['took 1s', long, 'plain'])]).toEqual([DURATION, ALL, 0]);
  });

  it('sets every gate where WebAssembly is missing, and the Analyzer still extracts (node --jitless)', () => {
    const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
    const script = `
      import { lineGates, ALL } from ${JSON.stringify(here('./lineGates.ts'))};
      import { Analyzer } from ${JSON.stringify(here('../Analyzer.ts'))};
      import { parseConfig } from ${JSON.stringify(here('../config.ts'))};
      const events = [{ id: '1', timestamp: 1, message: 'ERROR took 12ms from 10.0.0.1' }];
      const { events: [event] } = new Analyzer(parseConfig({})).analyze({ group: 'g', stream: 's', id: 'b', events });
      const gates = [...lineGates(['took 1ms', 'plain'])];
      console.log(JSON.stringify({ wasm: typeof WebAssembly, gates: gates.every((g) => g === ALL), event }));`;
    const out = execFileSync(
      process.execPath,
      ['--jitless', '--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const { wasm, gates, event } = JSON.parse(out);
    expect(wasm).toBe('undefined');
    expect(gates).toBe(true);
    expect(event.severity).toBe('ERROR');
    expect(event.fields).toEqual({ ip: '10.0.0.1', duration_ms: 12 });
  });

  it('gates big batches in chunks the same as line by line', () => {
    // More lines than one scan takes (4,096), and more bytes (1 MiB) in 60 KB lines.
    const many = Array.from({ length: 9000 }, (_, i) => (i % 3 === 0 ? `took ${i}ms` : `line ${i}`));
    const wide = Array.from({ length: 40 }, (_, i) => `${i % 2 ? '@' : 'x'}${'y'.repeat(60_000)}`);
    for (const batch of [many, wide, [...wide, ...many]]) {
      const gates = lineGates(batch);
      expect(gates.length).toBe(batch.length);
      batch.forEach((s, i) => {
        expect(gates[i]).toBe(lineGates([s])[0]);
      });
    }
    expect(lineGates([])).toEqual(new Uint16Array(0));
  });
});

describe('gated scanners', () => {
  const extract = createBatchExtractor();
  const classify = createClassifier();
  const explain = createExplainer();
  const redactors = [
    createRedactor(),
    createRedactor({ ips: true }),
    createRedactor({ disable: ['password_pair', 'email'] }),
    // A custom rule that makes a card number and an email out of what it masks: the gates of the
    // original text no longer hold, and the changed text must be checked in full.
    createRedactor({ rules: [{ name: 'x', pattern: 'X', replacement: '4111 1111 1111 1111 a@b.io' }] }),
  ];

  it('classify, extract and redact the same with the gates as without', () => {
    fc.assert(
      fc.property(fc.array(anyLine, { minLength: 1, maxLength: 20 }), (lines) => {
        const parsed = lines.map((s) => parseJsonMessage(s));
        const gates = lineGates(lines);
        expect(lines.map((s, i) => classify(s, parsed[i], gates[i]))).toEqual(
          lines.map((s, i) => classify(s, parsed[i])),
        );
        // The reasons too: a gated check that wrongly gave up could still land on the same severity.
        expect(lines.map((s, i) => explain(s, parsed[i], gates[i]))).toEqual(
          lines.map((s, i) => explain(s, parsed[i])),
        );
        expect(extract(lines, parsed, gates)).toEqual(extract(lines, parsed));
        for (const redactor of redactors) {
          const gatedCounts = {};
          const counts = {};
          expect(redactor.texts(lines, gatedCounts, gates)).toEqual(redactor.texts(lines, counts));
          expect(gatedCounts).toEqual(counts);
        }
      }),
      { ...RUNS, numRuns: 1000 },
    );
  });

  it('masks what a custom rule put in, though the original line had no gate for it', () => {
    const redactor = redactors[3]!;
    const counts: Record<string, number> = {};
    const lines = ['order X'];
    expect(lineGates(lines)[0]).toBe(0);
    expect(redactor.texts(lines, counts, lineGates(lines))).toEqual([
      'order [REDACTED:card_number] [REDACTED:email]',
    ]);
    expect(counts).toEqual({ x: 1, card_number: 1, email: 1 });
  });
});
