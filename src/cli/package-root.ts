import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of this package's package.json (the checkout, or node_modules/extent-copy-model when installed). */
export function packageRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'extent-copy-model') return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

/** `dir` under the current folder if it is there, else the package's own (an installed package's examples). */
export function localOrPackaged(dir: string): string {
  return existsSync(dir) ? dir : join(packageRoot(), dir);
}
