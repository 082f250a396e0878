/**
 * Cuts a string value to `max` characters, the last being `…`, so one huge value cannot bloat
 * an event. Never splits a surrogate pair.
 *
 * @example cutValue('abcdef', 4) // 'abc…'
 */
export function cutValue(value: string, max: number): string {
  if (value.length <= max) return value;
  let end = max - 1;
  const code = value.charCodeAt(end - 1);
  // A high surrogate at the cut would leave half a character behind.
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${value.slice(0, end)}…`;
}
