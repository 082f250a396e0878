import { describe, expect, it } from 'vitest';
import { batchIdOf } from './batchId.js';
import { DecodeError } from './errors.js';
import { DEFAULT_MAX_LINE_BYTES, decodeLines } from './lines.js';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const base = { group: '/aws/lambda/test-app', stream: 'local', now: NOW };

describe('decodeLines in text mode', () => {
  it('makes one event per non-empty line, strips CR and skips blank lines', () => {
    // Prepare
    const text = 'first line\r\n\r\n   \r\nsecond line\n\n\tthird line\r\n';

    // Act
    const { batch, failures, lineNumbers, truncated } = decodeLines(text, { ...base, format: 'text' });

    // Assess
    expect(batch.events.map((e) => e.message)).toEqual(['first line', 'second line', '\tthird line']);
    expect(lineNumbers).toEqual([1, 4, 6]);
    expect(failures).toEqual([]);
    expect(truncated).toBe(0);
    expect(batch).toMatchObject({ source: 'text', group: '/aws/lambda/test-app', stream: 'local' });
  });

  it('gives deterministic ids from the batch id and the zero-based line index', () => {
    // Act
    const once = decodeLines('a\n\nb', { ...base, format: 'text' });
    const again = decodeLines('a\n\nb', { ...base, format: 'text', now: NOW + 5000 });
    const named = decodeLines('a\n\nb', { ...base, format: 'text', batchId: 'upload-7' });

    // Assess
    const id = batchIdOf('a\n\nb');
    expect(once.batch.id).toBe(id);
    expect(once.batch.events.map((e) => e.id)).toEqual([`${id}:0`, `${id}:2`]);
    expect(again.batch.events.map((e) => e.id)).toEqual(once.batch.events.map((e) => e.id));
    expect(named.batch.id).toBe('upload-7');
    expect(named.batch.events.map((e) => e.id)).toEqual(['upload-7:0', 'upload-7:2']);
  });

  it("takes the timestamp a line starts with, else the previous line's", () => {
    // Act
    const { batch } = decodeLines(
      '2026-11-26T11:59:00.500Z\t8f5b\tERROR\tboom\nno time here\n2026-11-26 10:00:00 INFO up',
      { ...base, format: 'text' },
    );

    // Assess
    expect(batch.events.map((e) => e.timestamp)).toEqual([NOW - 59_500, NOW - 59_500, NOW - 2 * 3_600_000]);
    expect(batch.events[0]?.message).toBe('2026-11-26T11:59:00.500Z\t8f5b\tERROR\tboom');
  });

  it('treats JSON-looking lines as text', () => {
    const { batch } = decodeLines('{"msg":"x"}', { ...base, format: 'text' });

    expect(batch.events[0]?.message).toBe('{"msg":"x"}');
  });

  it('skips a byte order mark and returns an empty batch for empty text', () => {
    expect(decodeLines('\uFEFFhello', base).batch.events.map((e) => e.message)).toEqual(['hello']);
    expect(decodeLines('', base).batch.events).toEqual([]);
    expect(decodeLines('\n\r\n', base).batch.events).toEqual([]);
  });
});

describe('decodeLines in ndjson mode', () => {
  it('keeps application JSON logs whole, unwraps shipper envelopes, reads timestamp and id fields', () => {
    // Prepare
    const text = [
      '{"level":"error","message":"payment failed","timestamp":1795693800000}',
      '{"msg":"pino style","time":1795693800123}',
      '{"log":"fluent bit\\n","stream":"stdout","ts":1795693800.25}',
      '{"@timestamp":"2026-11-26T11:00:00.000Z","message":"logstash"}',
      '{"id":"evt-9","timestamp":"1795693800","message":"seconds as a string"}',
      '{"level":"info","count":3}',
      '{"message":{"nested":true},"msg":"fallback to msg"}',
    ].join('\n');

    // Act
    const { batch, failures } = decodeLines(text, { ...base, format: 'ndjson' });

    // Assess
    expect(failures).toEqual([]);
    expect(batch.source).toBe('ndjson');
    expect(batch.events.map((e) => [e.message, e.timestamp])).toEqual([
      ['{"level":"error","message":"payment failed","timestamp":1795693800000}', 1795693800000],
      ['{"msg":"pino style","time":1795693800123}', 1795693800123],
      ['fluent bit', 1795693800250],
      ['{"@timestamp":"2026-11-26T11:00:00.000Z","message":"logstash"}', NOW - 3_600_000],
      ['{"id":"evt-9","timestamp":"1795693800","message":"seconds as a string"}', 1795693800000],
      ['{"level":"info","count":3}', 1795693800000],
      ['{"message":{"nested":true},"msg":"fallback to msg"}', 1795693800000],
    ]);
    expect(batch.events[4]?.id).toBe('evt-9');
    expect(batch.events[0]?.id).toBe(`${batch.id}:0`);
  });

  it('reads microsecond and nanosecond epochs', () => {
    const { batch } = decodeLines('{"ts":1795693800123456}\n{"ts":1795693800123456789}', {
      ...base,
      format: 'ndjson',
    });

    expect(batch.events.map((e) => e.timestamp)).toEqual([1795693800123, 1795693800123]);
  });

  it('falls back to now for unusable timestamps and ignores an empty id', () => {
    const { batch } = decodeLines('{"timestamp":"yesterday","id":"","time":-5,"message":"m"}', {
      ...base,
      format: 'ndjson',
    });

    expect(batch.events[0]).toEqual({
      id: `${batch.id}:0`,
      timestamp: NOW,
      message: '{"timestamp":"yesterday","id":"","time":-5,"message":"m"}',
    });
  });

  it('reports lines that are not JSON objects and keeps the others', () => {
    // Prepare
    const text = '{"msg":"ok 1"}\r\nnot json\n[1,2]\n\n{"msg":"ok 2"}\n{"msg": broken}\n';

    // Act
    const { batch, failures, lineNumbers } = decodeLines(text, { ...base, format: 'ndjson' });

    // Assess
    expect(batch.events.map((e) => e.message)).toEqual(['{"msg":"ok 1"}', '{"msg":"ok 2"}']);
    expect(lineNumbers).toEqual([1, 5]);
    expect(failures.map((f) => [f.line, f.error.stage, f.error.path])).toEqual([
      [2, 'json', 'line 2'],
      [3, 'shape', 'line 3'],
      [6, 'json', 'line 6'],
    ]);
    expect(failures[0]?.error).toBeInstanceOf(DecodeError);
    expect(failures[0]?.error.message).toMatch(/^json: line 2 is not valid JSON: /);
  });
});

describe('decodeLines in auto mode', () => {
  it('reads lines that start with { and parse as JSON, and everything else as text, never failing', () => {
    // Prepare
    const text = '{"msg":"json"}\nplain text\n{not json}\n{"unterminated": \n  {"msg":"indented"}';

    // Act
    const { batch, failures } = decodeLines(text, base);

    // Assess
    expect(failures).toEqual([]);
    expect(batch.source).toBe('ndjson');
    expect(batch.events.map((e) => e.message)).toEqual([
      '{"msg":"json"}',
      'plain text',
      '{not json}',
      '{"unterminated": ',
      '  {"msg":"indented"}',
    ]);
  });

  it('reports source text when no line was JSON', () => {
    expect(decodeLines('a\nb', base).batch.source).toBe('text');
  });
});

describe('decodeLines limits', () => {
  it('truncates messages longer than maxLineBytes and counts them', () => {
    // Prepare
    const text = `${'a'.repeat(20)}\nshort\n${'é'.repeat(20)}\n{"msg":"${'m'.repeat(30)}"}`;

    // Act
    const { batch, truncated } = decodeLines(text, { ...base, maxLineBytes: 11 });

    // Assess
    expect(batch.events.map((e) => e.message)).toEqual([
      'a'.repeat(11),
      'short',
      'é'.repeat(5),
      '{"msg":"mmm',
    ]);
    expect(truncated).toBe(3);
  });

  it('never splits a surrogate pair', () => {
    const { batch } = decodeLines('😀😀😀', { ...base, maxLineBytes: 10 });

    expect(batch.events[0]?.message).toBe('😀😀');
  });

  it('keeps a line of exactly maxLineBytes and defaults to 256 KiB', () => {
    // Prepare
    const exact = 'x'.repeat(DEFAULT_MAX_LINE_BYTES);

    // Act
    const kept = decodeLines(exact, base);
    const cut = decodeLines(`${exact}y`, base);

    // Assess
    expect(kept.truncated).toBe(0);
    expect(kept.batch.events[0]?.message).toBe(exact);
    expect(cut.truncated).toBe(1);
    expect(cut.batch.events[0]?.message).toBe(exact);
  });

  it('throws a DecodeError when text is not a string or the options are unusable', () => {
    expect(() => decodeLines(42 as never, base)).toThrow(DecodeError);
    expect(() => decodeLines('a', { ...base, now: Number.NaN })).toThrow(/^shape: opts.now /);
    expect(() => decodeLines('a', { ...base, group: undefined as never })).toThrow(/^shape: opts /);
  });
});

describe('decodeLines timestamps across lines', () => {
  it('gives a line without a time the time of the line before it', () => {
    const text = [
      'START RequestId: 1 Version: $LATEST',
      '2026-11-26T10:00:00.000Z\tabc\tERROR\tboom',
      '    at handler (/var/task/index.js:3:9)',
      '{"msg":"json without time"}',
      '2026-11-26T10:00:05.000Z next',
    ].join('\n');
    const { batch } = decodeLines(text, base);
    const t = Date.UTC(2026, 10, 26, 10, 0, 0);
    expect(batch.events.map((e) => e.timestamp)).toEqual([NOW, t, t, t, t + 5000]);
  });
});
