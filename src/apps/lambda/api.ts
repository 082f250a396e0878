/**
 * The API function (dist/lambda/api.mjs, export `handler`): the query API behind a Function URL.
 * See apiApp.ts.
 */
import { handle } from 'hono/aws-lambda';
import { VERSION } from '../cli/version.js';
import { createLambdaApi } from './apiApp.js';
import { createLambdaLogger } from './logger.js';
import { createLambdaRuntime } from './ports.js';
import { openLambdaStores } from './stores.js';

const logger = createLambdaLogger('logsift-api');
const runtime = createLambdaRuntime({ stores: () => openLambdaStores(process.env), logger });

export const handler = handle(createLambdaApi(runtime, { version: VERSION }));
