/**
 * The benchmark report: every figure is a ratio against a baseline measured in the same
 * run (see each module). Exits 0 even on a MISS: it reports, it does not gate.
 *
 *   npm run bench      (node --expose-gc --import tsx bench/run.ts)
 */
import { fileURLToPath } from 'node:url';
import { bitmapFigures } from './bitmap.ts';
import { campaignFigures } from './campaign.ts';
import { localPairFigures } from './local-pair.ts';
import type { Figure } from './figure.ts';
import { parityFigures } from './parity.ts';
import { placementFigures } from './placement.ts';
import { printTable, printVerdicts, writeJson } from './report.ts';
import { remotePairFigures } from './remote-pair.ts';
import { sparseMemoryFigure } from './sparse-memory.ts';
import { collectGarbage } from './timing.ts';
import { volumeFigures } from './volume-io.ts';

const OUT = fileURLToPath(new URL('../out/bench.json', import.meta.url));

const started = performance.now();
const figures: Figure[] = [];
const stages: Array<[string, () => Figure[] | Promise<Figure[]>]> = [
  ['memory (child processes)', () => [sparseMemoryFigure()]],
  ['parity kernels', parityFigures],
  ['volume I/O', volumeFigures],
  ['difference bitmap scan', bitmapFigures],
  ['local pair writes', localPairFigures],
  ['remote pair writes', remotePairFigures],
  ['placement planner', placementFigures],
  ['campaign', campaignFigures],
];
for (const [name, stage] of stages) {
  const t0 = performance.now();
  figures.push(...(await stage()));
  collectGarbage();
  console.error(`[bench] ${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

printTable(figures);
printVerdicts(figures);
writeJson(OUT, figures);
console.log(`\nwrote ${OUT} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
