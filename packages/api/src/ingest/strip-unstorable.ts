/**
 * A copy of `value` stripped of what PostgreSQL cannot store: every string well-formed (a lone
 * surrogate becomes U+FFFD, as UTF-8 encoding would) and without NUL characters, which `text`
 * and `jsonb` refuse. A customer's message is kept, minus what cannot be stored, rather than refused.
 */
export function stripUnstorable<T>(value: T): T {
  if (typeof value === "string") return value.toWellFormed().replaceAll("\u0000", "") as T;
  if (Array.isArray(value)) return value.map(stripUnstorable) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, stripUnstorable(inner)])) as T;
  }
  return value;
}
