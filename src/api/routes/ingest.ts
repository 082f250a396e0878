/**
 * Ingest routes: a CloudWatch Logs subscription event (or a Kinesis event carrying them) and
 * NDJSON or text lines. Both decode the whole body before anything is written, so a malformed
 * request leaves no trace but its raw payload in the archive's `failed/` area.
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { failedKey } from '../../core/archiveKeys.js';
import {
  batchIdOf,
  DecodeError,
  decodeCloudWatchEvent,
  decodeKinesisEvent,
  decodeLines,
} from '../../core/decode/index.js';
import type { BatchResult } from '../../core/pipeline.js';
import type { LogBatch } from '../../core/types.js';
import { bodyText, readBody } from '../body.js';
import type { ApiContext } from '../deps.js';
import { BadRequestError } from '../errors.js';
import { batchIdParam, ingestQuery, parseQuery } from '../params.js';

/** Bad NDJSON lines listed in a 400, at most. */
const MAX_LISTED_FAILURES = 5;

export function ingestRoutes(ctx: ApiContext): Hono {
  const app = new Hono();

  /**
   * `POST /ingest/cloudwatch`: body = `{"awslogs":{"data":"<base64 gzip>"}}` exactly as Lambda gets
   * it, or a Kinesis event whose records carry such payloads.
   */
  app.post('/ingest/cloudwatch', async (c) => {
    const bytes = await readBody(c.req.raw, ctx.maxBodyBytes);
    if (bytes.length === 0) {
      throw new BadRequestError(
        'empty body: send the Lambda event {"awslogs":{"data":"<base64 gzip>"}} as JSON',
      );
    }
    const batches = await decodeEventBody(ctx, bytes);
    const results: BatchResult[] = [];
    for (const batch of batches) results.push(await process(ctx, batch));
    if (results.length === 1) {
      const r = results[0]!;
      return c.json({
        processed: r.processed,
        duplicates: r.duplicates,
        batchId: r.batchId,
        alerts: r.alerts.length,
        ...(r.control ? { control: true } : {}),
        ...(r.ignored ? { ignored: true } : {}),
      });
    }
    return c.json({
      processed: sum(results, (r) => r.processed),
      duplicates: sum(results, (r) => r.duplicates),
      batchIds: results.map((r) => r.batchId),
      alerts: sum(results, (r) => r.alerts.length),
    });
  });

  /**
   * `POST /ingest?group=G&stream=S[&batch=ID][&format=auto|text|ndjson]`: body = log lines.
   * The format follows the Content-Type (application/x-ndjson: NDJSON, strict; text/plain: text;
   * anything else: auto) unless `format=` says otherwise.
   */
  app.post('/ingest', async (c) => {
    const query = parseQuery(new URL(c.req.url).searchParams, ingestQuery);
    if (query.group === undefined) {
      throw new BadRequestError('query parameter "group" is required: POST /ingest?group=NAME[&stream=NAME]');
    }
    const clientBatchId = clientBatchIdOf(c.req.header('x-logsift-batch-id'), query.batch);
    const lineFormat = query.format ?? formatOf(c.req.header('content-type'));
    const bytes = await readBody(c.req.raw, ctx.maxBodyBytes);
    if (bytes.length === 0) {
      throw new BadRequestError('empty body: send log lines (text/plain) or NDJSON (application/x-ndjson)');
    }
    // Batch ids are scoped to the group: the metric ledger is keyed by batch id alone, and the same
    // text sent to two groups is two batches.
    const batchId =
      clientBatchId === undefined
        ? createHash('sha256').update(query.group).update('\0').update(bytes).digest('hex').slice(0, 32)
        : batchIdOf(`${query.group}\0${clientBatchId}`);
    const decoded = decodeLines(bodyText(bytes), {
      group: query.group,
      stream: query.stream ?? 'http',
      format: lineFormat,
      now: ctx.ports.clock.now(),
      batchId,
      maxLineBytes: ctx.pipeline.config.decode.maxLineBytes,
    });
    if (decoded.failures.length > 0) {
      const listed = decoded.failures.slice(0, MAX_LISTED_FAILURES);
      const more = decoded.failures.length - listed.length;
      throw new BadRequestError(
        `ndjson: ${decoded.failures.length} line(s) are not JSON objects, nothing was stored: ` +
          listed.map((f) => f.error.message).join('; ') +
          (more > 0 ? `; and ${more} more` : ''),
        { lines: listed.map((f) => f.line) },
      );
    }
    const result = await process(ctx, decoded.batch);
    return c.json({
      processed: result.processed,
      duplicates: result.duplicates,
      failures: [],
      batchId: result.batchId,
      alerts: result.alerts.length,
      ...(decoded.truncated > 0 ? { truncated: decoded.truncated } : {}),
      ...(result.ignored ? { ignored: true } : {}),
    });
  });

  return app;
}

/** Runs a batch through the pipeline and tells live tails what is new. */
async function process(ctx: ApiContext, batch: LogBatch): Promise<BatchResult> {
  const result = await ctx.pipeline.process(batch);
  // A redelivered batch has nothing new to show.
  if (result.duplicates < result.processed) ctx.tail.publish(result.events);
  for (const alert of result.alerts) ctx.tail.publishAlert(alert);
  return result;
}

/** Every batch of the body, or a 400 (after keeping the raw payload) if any part is malformed. */
async function decodeEventBody(ctx: ApiContext, bytes: Uint8Array): Promise<LogBatch[]> {
  const opts = { maxDecompressedBytes: ctx.pipeline.config.decode.maxDecompressedBytes };
  try {
    let event: unknown;
    try {
      event = JSON.parse(bodyText(bytes));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new DecodeError('json', 'body', `is not valid JSON: ${reason}`);
    }
    if (isKinesisEvent(event)) {
      const { batches, failures } = decodeKinesisEvent(event, opts);
      const first = failures[0];
      if (first) {
        // Errors inside a record's payload name a field of the payload: say which record it was.
        const { error, index } = first;
        await keepFailed(ctx, bytes, error.message);
        const where = error.path.startsWith('Records[') ? '' : `Records[${index}]: `;
        throw new BadRequestError(`${where}${error.message}`, {
          stage: error.stage,
          path: where ? `Records[${index}].${error.path}` : error.path,
        });
      }
      return batches;
    }
    return [decodeCloudWatchEvent(event, opts)];
  } catch (error) {
    if (error instanceof DecodeError) await keepFailed(ctx, bytes, error.message);
    throw error;
  }
}

function isKinesisEvent(event: unknown): boolean {
  return typeof event === 'object' && event !== null && !('awslogs' in event) && 'Records' in event;
}

/** The raw payload of a rejected request goes to the archive's failed area, for a look later. */
async function keepFailed(ctx: ApiContext, bytes: Uint8Array, error: string): Promise<void> {
  const archive = ctx.ports.archive;
  if (!archive) return;
  try {
    await archive.putFailed(failedKey(batchIdOf(bytes), ctx.ports.clock.now()), bytes, error);
  } catch (archiveError) {
    ctx.logger.error('could not archive a rejected ingest payload', archiveError);
  }
}

function clientBatchIdOf(header: string | undefined, query: string | undefined): string | undefined {
  if (header === undefined) return query;
  const parsed = batchIdParam.safeParse(header);
  if (!parsed.success) {
    throw new BadRequestError(`header "X-Logsift-Batch-Id": ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  if (query !== undefined && query !== header) {
    throw new BadRequestError('header "X-Logsift-Batch-Id" and query parameter "batch" differ: give one');
  }
  return header;
}

const NDJSON_TYPES = new Set([
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/x-jsonlines',
  'application/jsonlines',
]);

function formatOf(contentType: string | undefined): 'auto' | 'ndjson' | 'text' {
  const type = contentType?.split(';', 1)[0]?.trim().toLowerCase();
  if (type === undefined) return 'auto';
  if (NDJSON_TYPES.has(type)) return 'ndjson';
  if (type === 'text/plain') return 'text';
  return 'auto';
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  let n = 0;
  for (const item of items) n += of(item);
  return n;
}
