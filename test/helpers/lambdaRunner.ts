/**
 * Runs a built Lambda bundle the way the Lambda runtime does: imported once in a fresh Node process
 * (the cold start), then `handler(event, context)` once per event (warm invocations). Reports the
 * init time, each invocation's result and duration, the process's peak memory, and what the bundle
 * wrote to stdout (its EMF metric lines, for one).
 */
import { spawn } from 'node:child_process';

const root = new URL('../..', import.meta.url).pathname;

/** Imports the bundle once, invokes `handler` for each event of stdin's JSON array, prints the results. */
const RUNNER = `
const [bundle] = process.argv.slice(1);
let input = '';
for await (const chunk of process.stdin) input += chunk;
const started = performance.now();
const { handler } = await import(bundle);
const initMs = performance.now() - started;
const results = [];
for (const [i, event] of JSON.parse(input).entries()) {
  const context = { awsRequestId: 'req-' + i, functionName: 'logsift-processor', getRemainingTimeInMillis: () => 60000 };
  const t = performance.now();
  try {
    results.push({ ok: true, value: await handler(event, context), ms: performance.now() - t });
  } catch (err) {
    results.push({ ok: false, error: String(err && err.message || err), ms: performance.now() - t });
  }
}
const maxRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write('\\n@@RESULTS@@' + JSON.stringify({ initMs, results, maxRssMb }) + '\\n');
`;

export interface Invocation {
  ok: boolean;
  value?: Record<string, unknown>;
  error?: string;
  /** Handler duration, ms. */
  ms: number;
}

export interface InvokeResult {
  initMs: number;
  results: Invocation[];
  maxRssMb: number;
  /** Everything the bundle wrote to stdout (Powertools Metrics' EMF lines, for one), the runner's own line left out. */
  stdout: string;
}

export function invoke(
  bundle: string,
  events: unknown[],
  env: Record<string, string>,
): Promise<InvokeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', RUNNER, `${root}dist/lambda/${bundle}`],
      {
        env: {
          PATH: process.env.PATH ?? '',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'S3RVER',
          AWS_SECRET_ACCESS_KEY: 'S3RVER',
          POWERTOOLS_LOG_LEVEL: 'ERROR',
          ...env,
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const at = out.lastIndexOf('@@RESULTS@@');
      if (code !== 0 || at < 0) reject(new Error(`runner exited ${code}: ${err || out}`));
      else resolve({ ...JSON.parse(out.slice(at + '@@RESULTS@@'.length)), stdout: out.slice(0, at) });
    });
    child.stdin.end(JSON.stringify(events));
  });
}
