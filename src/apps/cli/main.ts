/**
 * The `logsift` command: parses arguments and dispatches to one module per subcommand.
 */
import { parseArgs } from 'node:util';
import { ConfigError } from '../../core/config.js';
import { ServeError } from '../server/serve.js';
import { runAnalyze } from './analyze.js';
import { runIngest } from './ingest.js';
import { runSendTestLogs } from './sendTestLogs.js';
import { runServe } from './serve.js';
import { VERSION } from './version.js';

export { VERSION } from './version.js';

const USAGE = `logsift ${VERSION}: real-time log analysis for AWS CloudWatch Logs, and locally.

Usage:
  logsift serve [--host 127.0.0.1] [--port 8080] [--data ./data] [--config FILE] [--demo]
      The local server: HTTP ingest and query API, dashboard, alerts, scheduler; SQLite in --data.
      --demo       generate traffic from invented services, so there is something to see
      --port 0     picks a free port; the URL is printed at startup

  logsift analyze FILE|- [--group NAME] [--per-line] [--json] [--config FILE]
      Offline analysis of a log file (text, NDJSON, or a CloudWatch Logs Lambda event):
      severity counts, top fields, top patterns and the alerts that would fire.
      --per-line   one JSON object per input line: line, severity, patternId, template, fields
      --json       the summary as one JSON object
      --group      log group name used for rules and patterns (default: the file name)
      --config     configuration file (JSON); else LOGSIFT_CONFIG / LOGSIFT_CONFIG_FILE

  logsift ingest FILE|- [--url URL] [--group NAME] [--stream NAME] [--follow] [--batch-lines N]
      Ships log lines to a logsift server (POST /ingest) in batches, with retries and progress.
      Re-running it on the same file (with the same --batch-lines) is harmless: each batch carries
      an id made from the file's path, byte offset and bytes, and the server skips batches it has.
      --url          server (default: LOGSIFT_URL, else http://127.0.0.1:8080)
      --group        log group (default: the file name; "stdin" for -)
      --stream       log stream (default: this host's name)
      --follow       keep sending lines appended to FILE (survives truncation and rotation);
                     Ctrl-C sends what was read, then stops
      --batch-lines  lines per request (default 1000; at most 1 MiB per request)

  logsift send-test-logs [--log-group /aws/lambda/test-app] [--log-stream NAME] [--region R]
                         [--count N] [--rate N/s]
      The seed's step 9 in one command: writes its five sample messages (INFO, ERROR, ERROR,
      CRITICAL, WARNING) to a CloudWatch Logs stream, creating the group and stream if missing.
      Uses the usual AWS credentials, region and AWS_ENDPOINT_URL.
      --log-stream   default test-stream-1
      --count        send the five messages N times (default 1)
      --rate         events per second, e.g. 10 or 10/s (default: all at once)

  logsift --help | --version
`;

/** Runs the CLI and returns the exit code: 0 ok, 1 failure, 2 usage or configuration error. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await runServe(
          parse(rest, { host: 'string', port: 'string', data: 'string', config: 'string', demo: 'boolean' }),
        );
      case 'analyze':
        return await runAnalyze(
          parse(rest, { group: 'string', 'per-line': 'boolean', json: 'boolean', config: 'string' }),
        );
      case 'ingest':
        return await runIngest(
          parse(rest, {
            url: 'string',
            group: 'string',
            stream: 'string',
            follow: 'boolean',
            'batch-lines': 'string',
          }),
        );
      case 'send-test-logs':
        return await runSendTestLogs(
          parse(rest, {
            'log-group': 'string',
            'log-stream': 'string',
            region: 'string',
            count: 'string',
            rate: 'string',
          }),
        );
      case '--version':
      case '-v':
        console.log(VERSION);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        console.log(USAGE);
        return command === undefined ? 2 : 0;
      default:
        console.error(`logsift: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) {
      console.error(`logsift: ${err.message}`);
      return 2;
    }
    if (err instanceof ServeError) {
      console.error(`logsift: ${err.message}`);
      return 1;
    }
    console.error(`logsift: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  }
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type OptionTypes = Record<string, 'string' | 'boolean'>;
export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

function parse(args: string[], options: OptionTypes): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: Object.fromEntries(Object.entries(options).map(([name, type]) => [name, { type }])),
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${USAGE}`);
  }
}
