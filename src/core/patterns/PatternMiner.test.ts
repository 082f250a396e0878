import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PatternSnapshotError } from './errors.js';
import { compileMasking, WILDCARD } from './masking.js';
import { EXAMPLE_MAX_CHARS, PatternMiner } from './PatternMiner.js';
import { tokenize } from './tokenize.js';

const STREAM = [
  'Connection to 10.0.0.1 timed out after 30 ms',
  'user alice logged in from 10.0.0.7',
  'Connection to 10.0.0.2 timed out after 45 ms',
  'user bob logged in from 10.0.0.8',
  'Starting TrustedInstaller initialization.',
  'Ending TrustedInstaller initialization.',
  'Invalid user webmaster from 173.234.31.186',
  'Invalid user test from 173.234.31.187',
  'Invalid user admin from 173.234.31.188',
  'Invalid user oracle from 173.234.31.189',
  'user carol logged in from 10.0.0.9',
  'disk /dev/sda1 is 91% full',
];

describe('PatternMiner', () => {
  it('turns a family of lines into one template', () => {
    // Prepare
    const miner = new PatternMiner();
    // Act
    const a = miner.add('Connection to 10.0.0.1 timed out after 30 ms', 1);
    const b = miner.add('Connection to 10.0.0.2 timed out after 45 ms', 2);
    // Assess
    expect(a.isNew).toBe(true);
    expect(b.isNew).toBe(false);
    expect(b.patternId).toBe(a.patternId);
    expect(b.template).toBe('Connection to <*> timed out after <*>');
    expect(miner.patterns()).toMatchObject([{ id: a.patternId, count: 2, firstSeen: 1, lastSeen: 2 }]);
  });

  it('generalizes a word into <*> and keeps the id', () => {
    // Prepare
    const miner = new PatternMiner();
    const first = miner.add('Disconnecting: Too many failures for root [preauth]');
    // Act
    const second = miner.add('Disconnecting: Too many failures for root [other]');
    // Assess
    expect(second.patternId).toBe(first.patternId);
    expect(second.template).toBe('Disconnecting: Too many failures for root <*>');
  });

  it('keeps two lines differing by one word apart, and merges once the word proves variable', () => {
    // Prepare
    const miner = new PatternMiner();
    const start = miner.add('Invalid user webmaster from 1.2.3.4').patternId;
    const second = miner.add('Invalid user test from 1.2.3.5').patternId;
    expect(second).not.toBe(start);
    // Act
    const third = miner.add('Invalid user admin from 1.2.3.6');
    // Assess: the oldest survives, the others resolve to it
    expect(third.patternId).toBe(start);
    expect(third.template).toBe('Invalid user <*> from <*>');
    expect(miner.resolve(second)).toBe(start);
    expect(miner.size).toBe(1);
  });

  it('keeps Starting/Ending events apart', () => {
    const miner = new PatternMiner();
    const a = miner.add('Starting TrustedInstaller initialization.');
    const b = miner.add('Ending TrustedInstaller initialization.');
    expect(a.patternId).not.toBe(b.patternId);
  });

  it('gives the same ids in two fresh miners fed the same lines', () => {
    // Prepare
    const one = new PatternMiner();
    const two = new PatternMiner();
    // Act
    const a = STREAM.map((l) => one.add(l, 0));
    const b = STREAM.map((l) => two.add(l, 0));
    // Assess
    expect(b).toEqual(a);
    expect(a[0]!.patternId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('gives a pattern the same id when its lines differ only in masked values', () => {
    const one = new PatternMiner();
    const two = new PatternMiner();
    expect(one.add('took 12 ms for job 7').patternId).toBe(two.add('took 99 ms for job 3').patternId);
  });

  it('evicts the least recently seen pattern beyond maxPatterns', () => {
    // Prepare
    const miner = new PatternMiner({ maxPatterns: 2 });
    const a = miner.add('alpha event happened').patternId;
    const b = miner.add('beta thing occurred here').patternId;
    miner.add('alpha event happened'); // a is now the most recent
    // Act
    const c = miner.add('gamma one two three four').patternId;
    // Assess
    expect(miner.size).toBe(2);
    expect(miner.resolve(b)).toBeUndefined();
    expect(miner.resolve(a)).toBe(a);
    expect(miner.resolve(c)).toBe(c);
  });

  it('truncates examples and long lines, and accepts empty lines', () => {
    // Prepare
    const miner = new PatternMiner({ maxTokens: 16 });
    const long = `start ${'word '.repeat(5000)}`;
    // Act
    const m = miner.add(long);
    const empty = miner.add('');
    const blank = miner.add('   ');
    // Assess
    expect(m.template.split(' ')).toHaveLength(16);
    expect(miner.patterns().find((p) => p.id === m.patternId)!.example).toHaveLength(EXAMPLE_MAX_CHARS);
    expect(empty.template).toBe('');
    expect(blank.patternId).toBe(empty.patternId);
  });

  it('match() looks up without learning', () => {
    // Prepare
    const miner = new PatternMiner();
    const id = miner.add('cache miss for key 12').patternId;
    // Act
    const hit = miner.match('cache miss for key 99');
    const miss = miner.match('totally different words here');
    // Assess
    expect(hit).toEqual({ patternId: id, template: 'cache miss for key <*>', isNew: false });
    expect(miss).toBeUndefined();
    expect(miner.size).toBe(1);
    expect(miner.patterns()[0]!.count).toBe(1);
  });

  it('snapshot/restore continues exactly like an uninterrupted miner', () => {
    // Prepare
    const lines = [
      ...STREAM,
      ...STREAM.map((l) => l.replace(/\d/g, '3')),
      'user dave logged in from 10.0.0.1',
    ];
    const cut = 7;
    const straight = new PatternMiner({ maxPatterns: 5 });
    const expected = lines.map((l, i) => straight.add(l, i));
    const first = new PatternMiner({ maxPatterns: 5 });
    for (let i = 0; i < cut; i++) first.add(lines[i]!, i);
    // Act
    const restored = PatternMiner.restore(JSON.parse(JSON.stringify(first.snapshot())));
    const rest = lines.slice(cut).map((l, i) => restored.add(l, cut + i));
    // Assess
    expect(rest).toEqual(expected.slice(cut));
    expect(restored.snapshot()).toEqual(straight.snapshot());
  });

  it('snapshot/restore at any point continues exactly (property, fixed seed)', () => {
    const word = fc.constantFrom(
      'user',
      'alice',
      'bob',
      'carol',
      'dave',
      'failed',
      'ok',
      'from',
      'x=1',
      'x=2',
      '7',
      'io',
    );
    const lineArb = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 2, maxLength: 60 }), fc.nat(), (lines, at) => {
        const cut = at % lines.length;
        const straight = new PatternMiner({ maxPatterns: 6 });
        const expected = lines.map((l, i) => straight.add(l, i));
        const first = new PatternMiner({ maxPatterns: 6 });
        for (let i = 0; i < cut; i++) first.add(lines[i]!, i);
        const restored = PatternMiner.restore(JSON.parse(JSON.stringify(first.snapshot())));
        expect(lines.slice(cut).map((l, i) => restored.add(l, cut + i))).toEqual(expected.slice(cut));
      }),
      { seed: 7, numRuns: 150 },
    );
  });

  it.each([
    ['not an object', 42, /snapshot: expected an object/],
    ['wrong format', { format: 'x' }, /snapshot.format/],
    ['wrong version', { format: 'logsift.patterns', version: 99 }, /snapshot.version/],
  ])('restore rejects %s', (_name, input, message) => {
    expect(() => PatternMiner.restore(input)).toThrow(PatternSnapshotError);
    expect(() => PatternMiner.restore(input)).toThrow(message);
  });

  it('restore rejects bad patterns with the path of the fault', () => {
    // Prepare
    const miner = new PatternMiner();
    miner.add('a b c 1');
    const snap = JSON.parse(JSON.stringify(miner.snapshot()));
    snap.patterns[0].tokens = [1, 2];
    const dup = JSON.parse(JSON.stringify(miner.snapshot()));
    dup.patterns.push(dup.patterns[0]);
    // Act + Assess
    expect(() => PatternMiner.restore(snap)).toThrow(
      /snapshot.patterns\[0\].tokens: expected an array of strings/,
    );
    expect(() => PatternMiner.restore(dup)).toThrow(/unique/);
  });

  it('add() never throws and its template matches the line (property, fixed seed)', () => {
    const masking = compileMasking();
    const word = fc.oneof(
      fc.constantFrom('user', 'failed', 'ok', 'Connection', 'to', 'from', '[x]', 'a=b', ''),
      fc.string({ maxLength: 8 }),
      fc.integer().map(String),
      fc.ipV4(),
    );
    const lineArb = fc.array(word, { maxLength: 20 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 30 }), (lines) => {
        const miner = new PatternMiner({ maxPatterns: 8 });
        for (const line of lines) {
          const m = miner.add(line, 0);
          expect(typeof m.template).toBe('string');
          // the template, read as a glob, matches the masked line: its constants appear in order
          const masked = tokenize(line, masking, 128).join(' ');
          const glob = m.template
            .split(WILDCARD)
            .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('[\\s\\S]*');
          expect(masked).toMatch(new RegExp(`^${glob}$`));
        }
      }),
      { seed: 20240501, numRuns: 200 },
    );
  });
});

describe('PatternMiner counts', () => {
  it('counts every line once, also when a new line merges into older siblings at birth', () => {
    // Prepare
    const miner = new PatternMiner();
    miner.add('Invalid user webmaster from 1.2.3.4');
    miner.add('Invalid user test from 1.2.3.5');
    // Act
    const third = miner.add('Invalid user admin from 1.2.3.6');
    // Assess
    expect(third.isNew).toBe(false);
    expect(miner.patterns()).toMatchObject([{ id: third.patternId, count: 3 }]);
  });
});

describe('PatternMiner partial wildcards and quoted values', () => {
  it('generalizes key=value tokens to key=<*> and keeps different keys apart', () => {
    // Prepare
    const miner = new PatternMiner();
    const a = miner.add('lookup done: topActivity=ComponentInfo{com.a/com.a.Main}');
    // Act
    const b = miner.add('lookup done: topActivity=ComponentInfo{com.b/com.b.Other}');
    const c = miner.add('lookup done: num=20,flags=62');
    // Assess
    expect(b.patternId).toBe(a.patternId);
    expect(b.template).toBe('lookup done: topActivity=<*>}');
    expect(c.patternId).not.toBe(a.patternId);
  });

  it('keeps a short quoted value with spaces as one token', () => {
    const miner = new PatternMiner();
    const a = miner.add('acquire lock=1, tag="View Lock", uid=2');
    const b = miner.add('acquire lock=3, tag="RILJ", uid=4');
    expect(b.patternId).toBe(a.patternId);
    expect(b.template).toBe('acquire lock=<*>, tag="<*>", uid=<*>');
  });

  it('restores partial wildcards from a snapshot', () => {
    // Prepare
    const miner = new PatternMiner();
    miner.add('open name=alpha, mode=r');
    miner.add('open name=beta, mode=r');
    // Act
    const restored = PatternMiner.restore(JSON.parse(JSON.stringify(miner.snapshot())));
    // Assess
    expect(restored.match('open name=gamma, mode=r')?.template).toBe('open name=<*>, mode=r');
  });
});
