/** How the S3 adapters tell SDK errors apart (by name and HTTP status, as the SDK reports them). */

interface ServiceErrorShape {
  name?: string;
  $metadata?: { httpStatusCode?: number };
}

function statusOf(err: unknown): number | undefined {
  return (err as ServiceErrorShape | undefined)?.$metadata?.httpStatusCode;
}

/** A conditional write lost: the key exists already (412), or a concurrent write to it is in flight (409). */
export function isAlreadyWritten(err: unknown): boolean {
  const name = (err as ServiceErrorShape | undefined)?.name;
  const status = statusOf(err);
  return (
    name === 'PreconditionFailed' || name === 'ConditionalRequestConflict' || status === 412 || status === 409
  );
}

/** The object does not exist. */
export function isNotFound(err: unknown): boolean {
  const name = (err as ServiceErrorShape | undefined)?.name;
  return name === 'NoSuchKey' || name === 'NotFound' || statusOf(err) === 404;
}
