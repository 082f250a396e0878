import { describe, expect, it } from 'vitest';
import { Progress } from './progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  const stream = { isTTY, write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

describe('Progress', () => {
  it('stays silent off a terminal in tty and quiet-unless-tty modes', () => {
    const a = fakeStream(false);
    const b = fakeStream(false);
    new Progress(a.stream, 'tty').update(10, 100);
    new Progress(b.stream, 'quiet-unless-tty', 0).update(10, 100);
    expect([...a.writes, ...b.writes]).toEqual([]);
  });

  it('writes plain lines off a terminal in plain-unless-tty mode, with percent of a known total', () => {
    const { stream, writes } = fakeStream(false);
    new Progress(stream, 'plain-unless-tty', 0).update(1500, 2048, 4096);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^1,500 lines {2}2\.0 KiB {2}[\d,]+ lines\/s {2}50% {2}ETA \d+s\n$/);
  });

  it('waits a full interval before the first plain line', () => {
    const { stream, writes } = fakeStream(false);
    new Progress(stream, 'plain-unless-tty', 60_000).update(1, 1);
    expect(writes).toEqual([]);
  });

  it('rewrites one line on a terminal and clears it when done', () => {
    const { stream, writes } = fakeStream(true);
    const progress = new Progress(stream, 'plain-unless-tty');
    progress.update(7, 10);
    progress.done();
    expect(writes[0]).toMatch(/^\r {2}7 lines/);
    expect(writes[1]).toMatch(/^\r +\r$/);
  });
});
