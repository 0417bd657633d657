import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MACHINES } from '../../machines/registry.ts';
import { machineMermaid } from '../viz/mermaid.ts';
import { machineSvg } from '../viz/svg.ts';
import { embedCharts, SPEC_CHARTS } from '../viz/spec-embed.ts';

interface VizOptions {
  /** Folder for `<machineId>.svg` and `<machineId>.mmd` (created if missing). */
  readonly out: string;
  /** Also regenerate the Mermaid charts embedded in spec/. */
  readonly spec: boolean;
}

/** `viz`: every machine's state chart as SVG and Mermaid, one line per file written; 0 on success, 1 on an error. */
export async function vizCommand(opts: VizOptions): Promise<number> {
  try {
    mkdirSync(opts.out, { recursive: true });
    for (const id of Object.keys(MACHINES)) {
      const mmd = join(opts.out, `${id}.mmd`);
      writeFileSync(mmd, machineMermaid(id));
      process.stdout.write(`wrote ${mmd}\n`);
      const svg = join(opts.out, `${id}.svg`);
      writeFileSync(svg, await machineSvg(id));
      process.stdout.write(`wrote ${svg}\n`);
    }
    // The spec's embedded charts are refreshed in the project's own checkout only (not from an installed package).
    if (opts.spec && SPEC_CHARTS.every((c) => existsSync(join('spec', c.file)))) {
      for (const r of embedCharts('spec')) process.stdout.write(`${r.changed ? 'updated' : 'up to date'} ${r.file}\n`);
    } else if (opts.spec) {
      process.stdout.write('spec/ is not here (run viz in the project\'s checkout to refresh the charts embedded in it)\n');
    }
    return 0;
  } catch (e) {
    process.stderr.write(`viz: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
