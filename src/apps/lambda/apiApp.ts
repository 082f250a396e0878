/**
 * The API function's Hono app: the same `createApi` the local server serves, behind a Lambda
 * Function URL (AWS_IAM auth: the signature is checked before the code runs). LOGSIFT_API_TOKEN,
 * when set, adds a token check on every route but `/healthz`: `X-Logsift-Token: <token>` (works
 * beside IAM auth) or `Authorization: Bearer <token>` (when the URL has no IAM auth). The live tail needs a
 * long-lived stream a buffered Lambda response cannot give: `/api/tail` answers 501 here.
 */
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { createApi, storedPatterns, TailHub } from '../../api/index.js';
import type { LambdaRuntime } from './ports.js';

/** Header for LOGSIFT_API_TOKEN beside IAM auth (which owns the Authorization header). */
export const TOKEN_HEADER = 'X-Logsift-Token';

export interface LambdaApiOptions {
  version: string;
}

/**
 * @example
 * export const handler = handle(createLambdaApi(runtime, { version: VERSION }));
 */
export function createLambdaApi(runtime: LambdaRuntime, options: LambdaApiOptions): Hono {
  const { pipeline, ports, env, logger } = runtime;
  const api = createApi({
    pipeline,
    ports,
    tail: new TailHub(),
    version: options.version,
    logger: { error: (message, detail) => logger.error(message, { detail: String(detail) }) },
    // This process mined nothing: patterns are restored from the pattern store first.
    patterns: storedPatterns(pipeline, ports),
  });
  const app = new Hono();
  if (env.apiToken) {
    // A Function URL with AWS_IAM auth carries the SigV4 signature in Authorization, so the token
    // can also come in X-Logsift-Token; without IAM auth, `Authorization: Bearer <token>` works too.
    const byHeader = bearerAuth({ token: env.apiToken, headerName: TOKEN_HEADER, prefix: '' });
    const byBearer = bearerAuth({ token: env.apiToken });
    app.use('*', async (c, next) => {
      if (c.req.path === '/healthz') return next();
      if (c.req.header(TOKEN_HEADER) !== undefined) return byHeader(c, next);
      if (/^Bearer /i.test(c.req.header('authorization') ?? '')) return byBearer(c, next);
      return c.json(
        { error: `this API needs its token: send it in ${TOKEN_HEADER} (or as a Bearer token)` },
        401,
      );
    });
  }
  app.all('/api/tail', (c) => c.json({ error: 'the live tail is served by the local server only' }, 501));
  app.route('/', api);
  return app;
}
