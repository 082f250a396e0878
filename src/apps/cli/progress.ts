/**
 * Progress on a terminal: lines, bytes and rate on one rewritten stderr line, at most 4 times a
 * second. When stderr is not a terminal: silent in the `tty` and `quiet-unless-tty` modes, so pipes
 * and CI logs stay clean; in `plain-unless-tty` mode one plain line every `plainEveryMs` (default
 * 5000), for long jobs whose log should show they are alive.
 */
export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly mode: 'tty' | 'quiet-unless-tty' | 'plain-unless-tty' = 'tty',
    private readonly plainEveryMs = 5000,
  ) {}

  private get tty(): boolean {
    return this.stream.isTTY === true;
  }

  update(lines: number, bytes: number, totalBytes?: number): void {
    const tty = this.tty;
    if (!tty && this.mode !== 'plain-unless-tty') return;
    const now = Date.now();
    // Plain lines wait a full interval first: a short job prints only its summary.
    if (tty ? now - this.lastDraw < 250 : now - Math.max(this.lastDraw, this.started) < this.plainEveryMs)
      return;
    this.lastDraw = now;
    const seconds = Math.max(0.001, (now - this.started) / 1000);
    const rate = lines / seconds;
    let text = `  ${lines.toLocaleString('en-US')} lines  ${formatBytes(bytes)}  ${Math.round(rate).toLocaleString('en-US')} lines/s`;
    if (totalBytes && bytes > 0 && bytes < totalBytes) {
      const eta = ((totalBytes - bytes) / bytes) * seconds;
      text += `  ${Math.round((bytes / totalBytes) * 100)}%  ETA ${Math.ceil(eta)}s`;
    }
    if (!tty) {
      this.stream.write(`${text.trim()}\n`);
      return;
    }
    this.stream.write(`\r${text.padEnd(70)}`);
    this.drawn = true;
  }

  done(): void {
    if (this.drawn) this.stream.write(`\r${' '.repeat(70)}\r`);
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}
