/** Cursor paging shared by the in-memory stores: newest first, ties broken by group and id. */
export interface CursorPosition {
  timestamp: number;
  group: string;
  id: string;
}

/** The default page size is 100; at most 1000. */
export function normalizeLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit) || limit <= 0) return 100;
  return Math.min(1000, Math.floor(limit));
}

export function newestFirst(a: CursorPosition, b: CursorPosition): number {
  return (
    b.timestamp - a.timestamp ||
    (a.group < b.group ? -1 : a.group > b.group ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function encodeCursor(p: CursorPosition): string {
  return Buffer.from(JSON.stringify([p.timestamp, p.group, p.id])).toString('base64url');
}

/** Throws a plain Error with a readable message on a cursor that was not made by encodeCursor. */
export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [timestamp, group, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof timestamp === 'number' && typeof group === 'string' && typeof id === 'string')
      return { timestamp, group, id };
  } catch {
    // fall through to the error below
  }
  throw new InvalidCursorError(cursor);
}

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor(cursor: string) {
    super(`invalid cursor "${cursor.slice(0, 40)}": pass nextCursor from a previous page unchanged`);
  }
}
