/**
 * `logsift serve`: starts the local server and keeps it running until SIGINT or SIGTERM, then shuts
 * down gracefully (flushes pattern state, stores and pending alert digests).
 */
import { startServer } from '../server/serve.js';
import type { ParsedArgs } from './main.js';
import { UsageError } from './main.js';

export async function runServe({ values, positionals }: ParsedArgs): Promise<number> {
  if (positionals.length > 0) throw new UsageError(`serve takes no arguments, got: ${positionals.join(' ')}`);
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0..65535, got ${String(values.port)}`);
  const server = await startServer({
    host: (values.host as string | undefined) ?? '127.0.0.1',
    port,
    data: (values.data as string | undefined) ?? 'data',
    configFile: values.config as string | undefined,
    demo: values.demo === true,
  });
  console.log(`logsift is listening on ${server.url}${values.demo === true ? ' (demo traffic on)' : ''}`);
  console.log('Open it in a browser for the dashboard; Ctrl-C stops the server.');
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.error(`\nlogsift: ${signal}: shutting down...`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await server.close();
  console.error('logsift: stopped; everything flushed.');
  return 0;
}
