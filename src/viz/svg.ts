import { instance } from '@viz-js/viz';
import { machineDot } from './dot.ts';

/** Graphviz compiled to wasm (@viz-js/viz): SVG from DOT, in process, no `dot` binary needed. */

let viz: ReturnType<typeof instance> | null = null;

/** `dot` rendered to SVG text by the `dot` engine; the wasm instance is made once and reused. Throws on a DOT error. */
export async function renderSvg(dot: string): Promise<string> {
  viz ??= instance();
  return (await viz).renderString(dot, { format: 'svg', engine: 'dot' });
}

/** The state chart of machine `machineId` as SVG, painted with `coverage` when given (see `machineDot`). */
export async function machineSvg(machineId: string, coverage?: ReadonlyMap<string, number>): Promise<string> {
  return renderSvg(machineDot(machineId, coverage));
}
