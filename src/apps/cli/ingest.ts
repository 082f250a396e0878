/**
 * `logsift ingest FILE|- [--url URL] [--group NAME] [--stream NAME] [--follow] [--batch-lines N]`:
 * ships log lines to a logsift server's `POST /ingest`, in batches, with retries and progress.
 *
 * Idempotent re-runs: each batch of a file is sent with `X-Logsift-Batch-Id` = a hash of the file's
 * real path, the byte offset where the batch starts and the batch's bytes. Batch boundaries depend
 * only on the content and `--batch-lines`, so ingesting the same file again (after a crash, or by
 * mistake) with the same `--batch-lines` sends the same ids and the server counts every line as a
 * duplicate. The bytes are part of the id so that a file rewritten in place (rotated, truncated) is
 * new data, not a duplicate. `--follow` also sends the whole lines it has whenever it reaches the
 * end of the file, so a later plain re-run of a followed file cuts different batches: not idempotent.
 * Standard input sends no id: the server then uses a hash of the batch, which is as idempotent.
 */
import { createHash } from 'node:crypto';
import { type FileHandle, open, realpath, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ParsedArgs } from './main.js';
import { UsageError } from './main.js';
import { Progress } from './progress.js';

/** The server when `--url` and LOGSIFT_URL are absent. */
export const DEFAULT_URL = 'http://127.0.0.1:8080';
/** Lines per batch unless `--batch-lines` says otherwise. */
export const DEFAULT_BATCH_LINES = 1000;
/** Bytes per batch at most (a longer single line is sent alone): 1 MiB. */
export const DEFAULT_BATCH_BYTES = 1024 * 1024;

const READ_BYTES = 1024 * 1024;
const NEWLINE = 10;

export interface RetryOptions {
  /** Attempts per batch, the first included. The default value is 8. */
  attempts?: number;
  /** First backoff, ms; doubled per attempt, with jitter. The default value is 250. */
  baseMs?: number;
  /** Longest backoff, ms. The default value is 30000. */
  maxMs?: number;
  /** Time one request may take before it counts as a network failure, ms. The default value is 60000. */
  timeoutMs?: number;
}

export interface IngestOptions {
  /** A file path, or `-` for standard input. */
  input: string;
  /** Base URL of the server, e.g. `http://127.0.0.1:8080`. */
  url: string;
  group: string;
  stream: string;
  /** Keep reading a file as it grows (not for standard input). Default false. */
  follow?: boolean;
  /** The default value is {@link DEFAULT_BATCH_LINES}. */
  batchLines?: number;
  /** The default value is {@link DEFAULT_BATCH_BYTES}. */
  batchBytes?: number;
  /** Ends `--follow`: what was read is sent, then `ingest` resolves. */
  signal?: AbortSignal;
  /** How often `--follow` looks at the file for new data, ms. The default value is 500. */
  pollMs?: number;
  retry?: RetryOptions;
  /** Progress display; the default draws nothing. */
  progress?: { update(lines: number, bytes: number, totalBytes?: number): void; done(): void };
  /** Notices (retries, truncation, rotation). The default writes to standard error. */
  log?: (line: string) => void;
  /** Standard input, for tests. */
  stdin?: AsyncIterable<Uint8Array | string>;
}

export interface IngestSummary {
  /** Lines read and sent. */
  lines: number;
  /** Bytes read and sent. */
  bytes: number;
  /** Events the server processed (non-blank lines). */
  processed: number;
  /** Events the server already had. */
  duplicates: number;
  /** Requests that succeeded. */
  batches: number;
  seconds: number;
}

/** The server refused a batch (4xx other than 429): retrying would not help. */
export class IngestRejectedError extends Error {
  override readonly name = 'IngestRejectedError';
  constructor(
    readonly status: number,
    readonly serverError: string,
    readonly offset: number,
  ) {
    super(`the server refused the batch at byte ${offset} (HTTP ${status}): ${serverError}`);
  }
}

/** The server could not be reached, or kept failing, through every retry. */
export class IngestUnavailableError extends Error {
  override readonly name = 'IngestUnavailableError';
}

export interface LineBatch {
  bytes: Buffer;
  /** Byte offset of the batch's first byte in the input. */
  offset: number;
  lines: number;
}

/**
 * Cuts a byte stream into batches of whole lines. Boundaries depend only on the bytes and the
 * limits, never on how the input was chunked, so the same file always yields the same batches.
 *
 * @example
 * const batcher = new LineBatcher(1000, 1 << 20);
 * for (const batch of batcher.push(chunk)) await send(batch);
 * const last = batcher.flush(true);
 */
export class LineBatcher {
  private pending: Buffer = Buffer.alloc(0);
  /** Input offset of `pending[0]`. */
  private offset = 0;
  /** Bytes of `pending` that are whole lines of the batch being built. */
  private scanned = 0;
  private lines = 0;

  constructor(
    private readonly maxLines: number,
    private readonly maxBytes: number,
  ) {}

  push(chunk: Buffer): LineBatch[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const ready: LineBatch[] = [];
    for (;;) {
      const newline = this.pending.indexOf(NEWLINE, this.scanned);
      if (newline < 0) break;
      const end = newline + 1;
      // A line that would overflow the batch starts the next one; a huge line goes alone.
      if (this.lines > 0 && end > this.maxBytes) {
        ready.push(this.cut(this.scanned));
        continue;
      }
      this.scanned = end;
      this.lines++;
      if (this.lines >= this.maxLines || this.scanned >= this.maxBytes) ready.push(this.cut(this.scanned));
    }
    return ready;
  }

  /** The whole lines not yet in a batch, and with `partial` the unterminated last line too. */
  flush(partial: boolean): LineBatch | undefined {
    if (partial && this.pending.length > this.scanned) {
      this.lines++;
      this.scanned = this.pending.length;
    }
    return this.lines > 0 ? this.cut(this.scanned) : undefined;
  }

  /** Forgets everything buffered and starts again at `offset` (a truncated or rotated file). */
  reset(offset = 0): void {
    this.pending = Buffer.alloc(0);
    this.offset = offset;
    this.scanned = 0;
    this.lines = 0;
  }

  private cut(at: number): LineBatch {
    const batch = { bytes: this.pending.subarray(0, at), offset: this.offset, lines: this.lines };
    this.pending = this.pending.subarray(at);
    this.offset += at;
    this.scanned = 0;
    this.lines = 0;
    return batch;
  }
}

/**
 * Sends the input to the server and resolves with totals. Rejects with {@link IngestRejectedError}
 * when the server refuses a batch, {@link IngestUnavailableError} when it stays unreachable.
 *
 * @example
 * const summary = await ingest({ input: 'app.log', url: 'http://127.0.0.1:8080', group: 'app', stream: 'host-1' });
 */
export async function ingest(opts: IngestOptions): Promise<IngestSummary> {
  const started = Date.now();
  const batcher = new LineBatcher(
    opts.batchLines ?? DEFAULT_BATCH_LINES,
    opts.batchBytes ?? DEFAULT_BATCH_BYTES,
  );
  const summary: IngestSummary = { lines: 0, bytes: 0, processed: 0, duplicates: 0, batches: 0, seconds: 0 };
  const log = opts.log ?? ((line: string) => process.stderr.write(`logsift: ${line}\n`));
  const endpoint = new URL('/ingest', opts.url);
  endpoint.searchParams.set('group', opts.group);
  endpoint.searchParams.set('stream', opts.stream);
  // Lines that are JSON keep their own timestamps and fields; anything else is text.
  endpoint.searchParams.set('format', 'auto');
  let totalBytes: number | undefined;
  let idPrefix: string | undefined;

  const send = async (batch: LineBatch | undefined) => {
    if (!batch) return;
    const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' };
    if (idPrefix !== undefined) headers['x-logsift-batch-id'] = batchIdOf(idPrefix, batch);
    const result = await postWithRetry(endpoint, batch, headers, opts.retry ?? {}, log);
    summary.lines += batch.lines;
    summary.bytes += batch.bytes.length;
    summary.processed += result.processed;
    summary.duplicates += result.duplicates;
    summary.batches++;
    opts.progress?.update(summary.lines, summary.bytes, totalBytes);
  };
  const sendAll = async (batches: LineBatch[]) => {
    for (const batch of batches) await send(batch);
  };

  if (opts.input === '-') {
    for await (const chunk of opts.stdin ?? (process.stdin as AsyncIterable<Buffer>)) {
      await sendAll(batcher.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)));
    }
    await send(batcher.flush(true));
  } else {
    const path = await realpath(opts.input);
    idPrefix = path;
    let file = await open(path, 'r');
    let position = 0;
    let rotated = false;
    if (!opts.follow) totalBytes = (await file.stat()).size;
    try {
      for (;;) {
        const chunk = await readAt(file, position);
        if (chunk.length > 0) {
          position += chunk.length;
          await sendAll(batcher.push(chunk));
          continue;
        }
        if (rotated) {
          // The old file is read to its end: its last line is complete, whatever it lacks.
          await send(batcher.flush(true));
          log(`${opts.input} was replaced: reading the new file from the start`);
          await file.close();
          file = await open(path, 'r');
          position = 0;
          batcher.reset(0);
          rotated = false;
          continue;
        }
        if (!opts.follow || opts.signal?.aborted) break;
        // At the end for now: send the whole lines, keep a partial one until its newline comes.
        await send(batcher.flush(false));
        await sleep(opts.pollMs ?? 500, undefined, { signal: opts.signal }).catch(() => {});
        if (opts.signal?.aborted) continue; // one last read, then the loop ends
        const change = await fileChange(path, file, position);
        if (change === 'truncated') {
          log(`${opts.input} was truncated: reading it again from the start`);
          position = 0;
          batcher.reset(0);
        } else if (change === 'rotated') {
          // Read what the old file got before it was moved away, then switch (above).
          rotated = true;
        }
      }
      await send(batcher.flush(true));
    } finally {
      await file.close();
    }
  }
  opts.progress?.done();
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

async function readAt(file: FileHandle, position: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(READ_BYTES);
  const { bytesRead } = await file.read(buffer, 0, READ_BYTES, position);
  return buffer.subarray(0, bytesRead);
}

/** What happened to a followed file since we reached `position` in it. */
async function fileChange(
  path: string,
  file: FileHandle,
  position: number,
): Promise<'none' | 'grown' | 'truncated' | 'rotated'> {
  const [current, opened] = await Promise.all([stat(path).catch(() => undefined), file.stat()]);
  // Mid-rotation the path may briefly not exist: keep the old file until a new one appears.
  if (current && (current.ino !== opened.ino || current.dev !== opened.dev)) return 'rotated';
  if (opened.size < position) return 'truncated';
  return opened.size > position ? 'grown' : 'none';
}

/** Deterministic: same file, same offset, same bytes, same id (see the module comment). */
function batchIdOf(path: string, batch: LineBatch): string {
  return createHash('sha256')
    .update(path)
    .update(`\0${batch.offset}\0`)
    .update(batch.bytes)
    .digest('hex')
    .slice(0, 32);
}

interface IngestResponse {
  processed: number;
  duplicates: number;
}

async function postWithRetry(
  endpoint: URL,
  batch: LineBatch,
  headers: Record<string, string>,
  retry: RetryOptions,
  log: (line: string) => void,
): Promise<IngestResponse> {
  const attempts = Math.max(1, retry.attempts ?? 8);
  const baseMs = retry.baseMs ?? 250;
  const maxMs = retry.maxMs ?? 30_000;
  let lastProblem = '';
  for (let attempt = 1; ; attempt++) {
    let waitMs: number | undefined;
    try {
      const res = await fetch(endpoint, {
        method: 'POST',
        body: batch.bytes,
        headers,
        signal: AbortSignal.timeout(retry.timeoutMs ?? 60_000),
      });
      const text = await res.text();
      if (res.ok) return JSON.parse(text) as IngestResponse;
      const serverError = errorOf(text);
      if (res.status !== 429 && res.status < 500) {
        throw new IngestRejectedError(
          res.status,
          res.status === 413 ? `${serverError} (try a smaller --batch-lines)` : serverError,
          batch.offset,
        );
      }
      lastProblem = `HTTP ${res.status}: ${serverError}`;
      waitMs = retryAfterMs(res.headers.get('retry-after'));
    } catch (err) {
      if (err instanceof IngestRejectedError) throw err;
      lastProblem = describeNetworkError(err);
    }
    if (attempt >= attempts) {
      throw new IngestUnavailableError(
        `gave up on ${endpoint.origin} after ${attempts} attempts (batch at byte ${batch.offset}): ${lastProblem}`,
      );
    }
    const backoff = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
    // Half fixed, half random: clients that failed together do not retry together.
    const delay = Math.min(maxMs, waitMs ?? backoff / 2 + Math.random() * (backoff / 2));
    log(`${lastProblem}; retrying in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${attempts})`);
    await sleep(delay);
  }
}

function errorOf(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body.error === 'string') return body.error;
  } catch {
    // not JSON: show the text itself
  }
  return text.slice(0, 500) || '(no body)';
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function describeNetworkError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (err.name === 'TimeoutError') return 'the request timed out';
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? err.message;
}

/** The subcommand: options from the command line, progress on standard error, summary on standard output. */
export async function runIngest({ values, positionals }: ParsedArgs): Promise<number> {
  const [input, ...extra] = positionals;
  if (!input) throw new UsageError('ingest needs a FILE (or - for standard input)');
  if (extra.length > 0) throw new UsageError(`ingest takes one FILE, got also: ${extra.join(' ')}`);
  const follow = values.follow === true;
  if (follow && input === '-')
    throw new UsageError('--follow needs a FILE: standard input is read to its end');
  const url = (values.url as string | undefined) ?? process.env.LOGSIFT_URL ?? DEFAULT_URL;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new UsageError(`--url must be an http(s) URL, got "${url}"`);
  }
  const batchLines = positiveInteger(values['batch-lines'], '--batch-lines', DEFAULT_BATCH_LINES);
  let totalBytes: number | undefined;
  if (input !== '-') {
    try {
      const s = await stat(input);
      if (!s.isFile()) throw new UsageError(`cannot read ${input}: not a file`);
      totalBytes = s.size;
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`cannot read ${input}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
  }

  const controller = new AbortController();
  const onSigint = () => {
    process.stderr.write('\nlogsift: stopping: sending what was read (Ctrl-C again to quit now)\n');
    process.removeListener('SIGINT', onSigint);
    controller.abort();
  };
  if (follow) process.on('SIGINT', onSigint);
  const progress = new Progress(process.stderr, 'plain-unless-tty');
  try {
    const summary = await ingest({
      input,
      url,
      group: (values.group as string | undefined) ?? (input === '-' ? 'stdin' : basename(input)),
      stream: (values.stream as string | undefined) ?? hostname(),
      follow,
      batchLines,
      signal: controller.signal,
      progress: {
        update: (lines, bytes) => progress.update(lines, bytes, follow ? undefined : totalBytes),
        done: () => progress.done(),
      },
    });
    process.stdout.write(`${formatIngestSummary(summary)}\n`);
    return 0;
  } catch (err) {
    progress.done();
    if (err instanceof IngestRejectedError || err instanceof IngestUnavailableError) {
      process.stderr.write(`logsift: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

/** `ingested 1,000 lines (0 duplicates) in 0.4 s, 2,500 lines/s` */
export function formatIngestSummary(s: IngestSummary): string {
  const rate = s.seconds > 0 ? Math.round(s.processed / s.seconds) : s.processed;
  return `ingested ${s.processed.toLocaleString('en-US')} lines (${s.duplicates.toLocaleString('en-US')} duplicates) in ${s.seconds.toFixed(1)} s, ${rate.toLocaleString('en-US')} lines/s`;
}

function positiveInteger(value: string | boolean | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && /^\d{1,7}$/.test(value) ? Number(value) : 0;
  if (n < 1) throw new UsageError(`${name} must be a positive integer, got "${String(value)}"`);
  return n;
}
