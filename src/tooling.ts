/**
 * The one door from src/ to the test tooling under properties/ (the campaign's properties,
 * the planted failures, conformance scenario generators): loaded on demand by the commands
 * that run them, so the model itself never depends on its tests (test/import-cycles.test.ts).
 */
export type Tooling = typeof import('../properties/tooling.ts');

export function loadTooling(): Promise<Tooling> {
  return import('../properties/tooling.ts');
}
