/**
 * The HTTP API as one Hono app: ingest, queries, live tail, health. The local server serves it
 * with @hono/node-server and the AWS stack behind a Lambda Function URL (hono/aws-lambda); the app
 * itself knows neither, and imports nothing from src/apps.
 */
import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DecodeError } from '../core/decode/index.js';
import { type ApiDeps, resolveDeps } from './deps.js';
import { HttpError, MethodNotAllowedError } from './errors.js';
import { alertsRoutes } from './routes/alerts.js';
import { eventsRoutes } from './routes/events.js';
import { groupsRoutes } from './routes/groups.js';
import { ingestRoutes } from './routes/ingest.js';
import { metricsRoutes } from './routes/metrics.js';
import { patternsRoutes } from './routes/patterns.js';
import { tailRoutes } from './routes/tail.js';

/** Every route and its methods: the JSON index at `/`, and the 405 answers. */
export const ENDPOINTS: Readonly<Record<string, readonly string[]>> = {
  '/ingest/cloudwatch': ['POST'],
  '/ingest': ['POST'],
  '/api/events': ['GET'],
  '/api/metrics': ['GET'],
  '/api/alerts': ['GET'],
  '/api/patterns': ['GET'],
  '/api/groups': ['GET'],
  '/api/tail': ['GET'],
  '/healthz': ['GET'],
};

/**
 * Builds the API over a pipeline and its ports.
 *
 * @example
 * const ports = memoryPorts();
 * const pipeline = new Pipeline(parseConfig({}), ports);
 * const app = createApi({ pipeline, ports, tail: new TailHub(), version: '0.1.0' });
 * serve({ fetch: app.fetch, port: 8080 });
 */
export function createApi(deps: ApiDeps): Hono {
  const ctx = resolveDeps(deps);
  const startedAt = Date.now();
  const app = new Hono();

  app.route('/', ingestRoutes(ctx));
  app.route('/', eventsRoutes(ctx));
  app.route('/', metricsRoutes(ctx));
  app.route('/', alertsRoutes(ctx));
  app.route('/', patternsRoutes(ctx));
  app.route('/', groupsRoutes(ctx));
  app.route('/', tailRoutes(ctx));
  app.get('/healthz', (c) =>
    c.json({ status: 'ok', version: ctx.version, uptimeS: Math.floor((Date.now() - startedAt) / 1000) }),
  );
  // Registered after the real routes, so only other methods reach these.
  for (const [path, allow] of Object.entries(ENDPOINTS)) {
    app.all(path, (c) => {
      throw new MethodNotAllowedError(c.req.method, path, allow);
    });
  }

  if (deps.dashboard) app.get('*', deps.dashboard);

  // The index lives in the not-found handler, so `/` stays free for a dashboard mounted with
  // `dashboard` or added after createApi (app.use('/*', serveStatic(...))).
  app.notFound((c) => {
    if (c.req.path === '/' && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
      return c.json({
        name: 'logsift',
        version: ctx.version,
        endpoints: Object.entries(ENDPOINTS).map(([path, methods]) => `${methods.join(',')} ${path}`),
      });
    }
    return c.json({ error: `no route for ${c.req.method} ${c.req.path}: see GET / for the endpoints` }, 404);
  });
  app.onError((err, c) => errorResponse(err, c, ctx.logger));
  return app;
}

function errorResponse(err: Error, c: Context, logger: { error(message: string, detail?: unknown): void }) {
  if (err instanceof HttpError) {
    if (err instanceof MethodNotAllowedError) c.header('Allow', err.allow.join(', '));
    return c.json({ error: err.message, ...err.details }, err.status);
  }
  if (err instanceof DecodeError) {
    return c.json({ error: err.message, stage: err.stage, path: err.path }, 400);
  }
  // Each store has its own cursor format; they all name the error the same way.
  if (err.name === 'InvalidCursorError') {
    return c.json({ error: `query parameter "cursor": ${err.message}` }, 400);
  }
  if (err instanceof HTTPException && err.status < 500) {
    return c.json({ error: err.message || 'bad request' }, err.status);
  }
  logger.error(`${c.req.method} ${c.req.path} failed`, err);
  return c.json({ error: 'internal error: the server logged the details' }, 500);
}
