/** The decode step that rejected the input. */
export type DecodeStage = 'base64' | 'gzip' | 'json' | 'shape' | 'size';

/**
 * The only error the decode functions throw (or report as a failure). `stage` says which step
 * rejected the input and `path` names the field or line, so an HTTP 400 or a `failed/` record
 * can say exactly what was wrong without the raw payload.
 *
 * @example
 * new DecodeError('shape', 'logEvents[3].timestamp', 'must be a number, got string').message
 * // 'shape: logEvents[3].timestamp must be a number, got string'
 */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  readonly stage: DecodeStage;
  /** Field path (`awslogs.data`, `logEvents[3].timestamp`, `Records[2].kinesis.data`) or `line 17`. */
  readonly path: string;

  constructor(stage: DecodeStage, path: string, detail: string, options?: { cause?: unknown }) {
    super(`${stage}: ${path} ${detail}`, options);
    this.stage = stage;
    this.path = path;
  }
}

/** A short type name for messages: `null`, `array`, or the `typeof` result. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
