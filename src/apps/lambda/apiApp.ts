/**
 * The API function's Hono app: the same `createApi` the local server serves, behind a Lambda
 * Function URL (AWS_IAM auth: the signature is checked before the code runs). LOGSIFT_API_TOKEN,
 * when set, adds a bearer token check on every route but `/healthz`. The live tail needs a
 * long-lived stream a buffered Lambda response cannot give: `/api/tail` answers 501 here.
 */
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { createApi, minerPatterns, type PatternView, TailHub } from '../../api/index.js';
import type { LambdaRuntime } from './ports.js';

export interface LambdaApiOptions {
  version: string;
}

/**
 * @example
 * export const handler = handle(createLambdaApi(runtime, { version: VERSION }));
 */
export function createLambdaApi(runtime: LambdaRuntime, options: LambdaApiOptions): Hono {
  const { pipeline, ports, env, logger } = runtime;
  const inMemory = minerPatterns(pipeline);
  const api = createApi({
    pipeline,
    ports,
    tail: new TailHub(),
    version: options.version,
    logger: { error: (message, detail) => logger.error(message, { detail: String(detail) }) },
    // This process mined nothing: restore the groups' patterns from the pattern store first.
    patterns: async (group?: string): Promise<PatternView[]> => {
      const groups =
        group !== undefined
          ? [group]
          : [
              ...new Set(
                (await ports.metrics.queryWindows({ from: Date.now() - 86_400_000 })).map((w) => w.group),
              ),
            ];
      for (const g of groups) await pipeline.loadMiner(g);
      return inMemory(group);
    },
  });
  const app = new Hono();
  if (env.apiToken) {
    const auth = bearerAuth({ token: env.apiToken });
    app.use('*', async (c, next) => (c.req.path === '/healthz' ? next() : auth(c, next)));
  }
  app.all('/api/tail', (c) => c.json({ error: 'the live tail is served by the local server only' }, 501));
  app.route('/', api);
  return app;
}
