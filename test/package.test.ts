/**
 * The package as another team installs it: `exports` and `bin` point at the build (dist/,
 * made by `npm run build`, which `npm ci` runs as `prepare`), and every export of the public
 * API (src/index.ts) carries TSDoc.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, { types: string; default: string }>;
  bin: Record<string, string>;
};
const built = existsSync(join(root, pkg.exports['.']!.default));

describe('public API (src/index.ts)', () => {
  it('every export statement has a TSDoc comment just above it', () => {
    const lines = readFileSync(join(root, 'src/index.ts'), 'utf8').split('\n');
    const bare = lines.flatMap((l, i) => (l.startsWith('export') && !lines[i - 1]?.trim().endsWith('*/') ? [`line ${i + 1}: ${l}`] : []));
    expect(bare).toEqual([]);
  });
});

describe.skipIf(!built && !process.env.CI)('the built package (dist/; run `npm run build` if this is skipped)', () => {
  it('exports what src/index.ts exports', async () => {
    const fromBuild = await import(join(root, pkg.exports['.']!.default));
    const fromSource = await import('../src/index.ts');
    expect(Object.keys(fromBuild).sort()).toEqual(Object.keys(fromSource).sort());
    expect(existsSync(join(root, pkg.exports['.']!.types))).toBe(true);
  });

  it('the bin runs a trace', () => {
    const r = spawnSync(process.execPath, [join(root, pkg.bin['extent-copy-model']!), 'run', 'examples/06-local-pair-division.jsonl'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').length).toBeGreaterThan(10);
  });
});
