/**
 * Removes NUL characters from every string in an incoming payload. PostgreSQL (under
 * FerretDB) cannot store U+0000 in a document at all, so a single NUL in a message or a
 * channel topic would fail the write; no person types one on purpose. Applied once, where
 * socket payloads and HTTP bodies enter (define-handler.ts, http/validate.ts), before zod.
 */
export function stripNul(value: unknown, depth = 0): unknown {
  if (typeof value === 'string')
    return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => stripNul(v, depth + 1));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // defineProperty keeps an own "__proto__" key an ordinary key (zod then rejects it as unknown).
    Object.defineProperty(out, stripNul(k, depth + 1) as string, {
      value: stripNul(v, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
