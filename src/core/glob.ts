/**
 * Log group globs in config (`/aws/lambda/*`, `*-prod`): `*` matches any run of characters,
 * everything else is literal.
 */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

/** A predicate that is true when the name matches any of the globs (false for an empty list). */
export function globMatcher(globs: readonly string[]): (name: string) => boolean {
  if (globs.length === 0) return () => false;
  const res = globs.map(globToRegExp);
  return (name) => res.some((re) => re.test(name));
}
