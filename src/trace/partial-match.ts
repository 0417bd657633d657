/**
 * `expect` on observation ops is a partial object (spec/trace-format.md): every key given
 * must match, recursively; arrays match element by element and must have the same length.
 * Returns null on a match, else the path and values of the first difference.
 */
export function partialMismatch(actual: unknown, expected: unknown, path = ''): string | null {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path || 'result'}: expected an array, got ${show(actual)}`;
    if (actual.length !== expected.length) return `${path || 'result'}: expected ${expected.length} items, got ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const m = partialMismatch(actual[i], expected[i], `${path}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      return `${path || 'result'}: expected an object, got ${show(actual)}`;
    }
    for (const [key, value] of Object.entries(expected)) {
      const own = Object.hasOwn(actual, key) ? (actual as Record<string, unknown>)[key] : undefined; // LIM-3: no prototype lookup
      const m = partialMismatch(own, value, path ? `${path}.${key}` : key);
      if (m) return m;
    }
    return null;
  }
  return Object.is(actual, expected) ? null : `${path || 'result'}: expected ${show(expected)}, got ${show(actual)}`;
}

function show(v: unknown): string {
  return v === undefined ? 'nothing' : JSON.stringify(v);
}
