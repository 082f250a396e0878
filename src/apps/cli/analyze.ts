/**
 * `logsift analyze FILE|-`: the whole pipeline offline, over in-memory ports. Input is read in
 * chunks of whole lines so a file of any size streams through in bounded memory.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { loadConfig } from '../../adapters/config/loadConfig.js';
import type { Config } from '../../core/config.js';
import { decodeCloudWatchEvent, decodeKinesisEvent, decodeLines } from '../../core/decode/index.js';
import { MemoryAlertStore, MemoryMetricStore } from '../../core/memory/index.js';
import { Pipeline } from '../../core/pipeline.js';
import type { EventPage, EventStore, Ports } from '../../core/ports.js';
import { systemClock } from '../../core/ports.js';
import type { AnalyzedEvent, LogBatch } from '../../core/types.js';
import type { ParsedArgs } from './main.js';
import { UsageError } from './main.js';
import { Progress } from './progress.js';
import { AnalysisSummary, formatSummary } from './summary.js';

/** Lines per batch: big enough to amortize per-batch work, small enough to stream. */
const CHUNK_BYTES = 1 << 20;

/** Counts events instead of keeping them: analyze reports, it does not query. */
class CountingEventStore implements EventStore {
  written = 0;
  async putEvents(events: readonly AnalyzedEvent[]) {
    this.written += events.length;
    return { written: events.length, duplicates: 0 };
  }
  async queryEvents(): Promise<EventPage> {
    return { events: [] };
  }
  async purgeExpired() {
    return 0;
  }
  async flush() {}
  async close() {}
}

export async function runAnalyze({ values, positionals }: ParsedArgs): Promise<number> {
  const [input, ...extra] = positionals;
  if (!input) throw new UsageError('analyze needs a FILE (or - for standard input)');
  if (extra.length > 0) throw new UsageError(`analyze takes one FILE, got also: ${extra.join(' ')}`);
  const config = loadConfig({ file: values.config as string | undefined });
  const group = (values.group as string | undefined) ?? (input === '-' ? 'stdin' : basename(input));
  const perLine = values['per-line'] === true;
  const asJson = values.json === true;

  const alerts = new MemoryAlertStore();
  const ports: Ports = {
    events: new CountingEventStore(),
    metrics: new MemoryMetricStore(),
    alerts,
    notifiers: [],
    clock: systemClock,
  };
  const pipeline = new Pipeline(config, ports);
  const summary = new AnalysisSummary(input, group);
  const progress = new Progress(process.stderr, perLine || asJson ? 'quiet-unless-tty' : 'tty');

  const handle = async (batch: LogBatch, lineNumbers?: number[], lineOffset = 0) => {
    const result = await pipeline.process(batch);
    summary.add(result);
    if (perLine) {
      let lines = '';
      result.events.forEach((e, i) => {
        const line = lineNumbers ? lineOffset + lineNumbers[i]! : i + 1;
        lines += `${JSON.stringify({ line, severity: e.severity, patternId: e.patternId, template: e.template, fields: e.fields })}\n`;
      });
      await writeOut(lines);
    }
  };

  const stream = input === '-' ? process.stdin : createReadStream(input);
  const runId = randomUUID().slice(0, 8);
  let chunkIndex = 0;
  let lineOffset = 0;
  let pending = '';
  let sniffed = false;
  let wholeJson: string | undefined;

  const processText = async (text: string) => {
    const decoded = decodeLines(text, {
      group,
      stream: input,
      now: Date.now(),
      batchId: `analyze-${runId}-${chunkIndex++}`,
      maxLineBytes: config.decode.maxLineBytes,
    });
    summary.failures += decoded.failures.length;
    summary.lines += countLines(text);
    await handle(decoded.batch, decoded.lineNumbers, lineOffset);
    lineOffset += countNewlines(text);
    progress.update(summary.lines, summary.bytes);
  };

  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      summary.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (!sniffed) {
        sniffed = true;
        if (looksLikeLambdaEvent(text)) wholeJson = '';
      }
      if (wholeJson !== undefined) {
        wholeJson += text;
        if (wholeJson.length > config.decode.maxDecompressedBytes) {
          throw new UsageError(
            `${input}: a Lambda event file larger than ${config.decode.maxDecompressedBytes} bytes`,
          );
        }
        continue;
      }
      pending += text;
      if (pending.length < CHUNK_BYTES) continue;
      const cut = pending.lastIndexOf('\n');
      if (cut < 0) continue;
      const ready = pending.slice(0, cut + 1);
      pending = pending.slice(cut + 1);
      await processText(ready);
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES')
      throw new UsageError(`cannot read ${input}: ${code}`);
    throw err;
  }

  if (wholeJson !== undefined) {
    for (const batch of decodeLambdaEvent(wholeJson, config)) {
      summary.lines += batch.events.length;
      await handle(batch);
    }
  } else if (pending.length > 0) {
    await processText(pending);
  }
  progress.done();
  await pipeline.flush();

  const miner = pipeline.analyzer.miner(group);
  summary.setPatterns(miner?.patterns() ?? []);
  summary.setAlerts(await alerts.queryAlerts({ limit: 1000 }));
  summary.setWindows(await (ports.metrics as MemoryMetricStore).queryWindows({}));
  if (perLine) return 0;
  process.stdout.write(
    asJson
      ? `${JSON.stringify(summary.toJSON())}\n`
      : formatSummary(summary.toJSON(), process.stdout.isTTY === true),
  );
  return 0;
}

function looksLikeLambdaEvent(text: string): boolean {
  const head = text.slice(0, 200).trimStart();
  return head.startsWith('{') && /^\{\s*"(awslogs|Records)"\s*:/.test(head);
}

function decodeLambdaEvent(text: string, config: Config): LogBatch[] {
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch (err) {
    throw new UsageError(
      `the input looks like a Lambda event but is not valid JSON: ${(err as Error).message}`,
    );
  }
  const opts = { maxDecompressedBytes: config.decode.maxDecompressedBytes };
  if (typeof event === 'object' && event !== null && 'Records' in event) {
    const { batches, failures } = decodeKinesisEvent(event, opts);
    for (const f of failures) console.error(`logsift: skipped Kinesis record ${f.index}: ${f.error.message}`);
    return batches;
  }
  return [decodeCloudWatchEvent(event, opts)];
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function countLines(text: string): number {
  const n = countNewlines(text);
  return text.length > 0 && !text.endsWith('\n') ? n + 1 : n;
}

/** Writes to stdout and waits when the pipe is full, so --per-line on a big file keeps memory flat. */
function writeOut(text: string): Promise<void> {
  if (text === '' || process.stdout.write(text)) return Promise.resolve();
  return new Promise((resolve) => process.stdout.once('drain', resolve));
}
