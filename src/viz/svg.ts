import { instance } from '@viz-js/viz';
import { machineChart } from './chart-model.ts';
import { CHART_FONT, edgeDomId, machineDot } from './dot.ts';
import { edgeTooltip } from './edge-notes.ts';

/** Graphviz compiled to wasm (@viz-js/viz): SVG from DOT, in process, no `dot` binary needed. */

let viz: ReturnType<typeof instance> | null = null;

/** Where a browser lacks the face labels were measured in (dot.ts CHART_FONT), faces no wider than it. */
const fontFallbacks = '"DejaVu Sans", Helvetica, Arial, sans-serif';

/** `dot` rendered to SVG text by the `dot` engine; the wasm instance is made once and reused. Throws on a DOT error. */
export async function renderSvg(dot: string): Promise<string> {
  viz ??= instance();
  return (await viz).renderString(dot, { format: 'svg', engine: 'dot' });
}

function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * `svg` with each edge's `<title>` (Graphviz writes `tail->head` there) replaced by the text of
 * `titles` under the edge's id: the tooltip a browser shows over the arrow (issue #15).
 */
function withEdgeTitles(svg: string, titles: ReadonlyMap<string, string>): string {
  return svg.replace(/(<g id="([^"]+)" class="edge[^"]*">\s*<title>)[^<]*(<\/title>)/g, (whole, open: string, id: string, close: string) => {
    const title = titles.get(id);
    return title === undefined ? whole : `${open}${xmlText(title)}${close}`;
  });
}

/** The state chart of machine `machineId` as SVG, painted with `coverage` when given (see `machineDot`). */
export async function machineSvg(machineId: string, coverage?: ReadonlyMap<string, number>): Promise<string> {
  const titles = new Map(machineChart(machineId).edges.map((e) => [edgeDomId(machineId, e.key), edgeTooltip(e, coverage ? (coverage.get(e.key) ?? 0) : null)]));
  const svg = withEdgeTitles(await renderSvg(machineDot(machineId, coverage)), titles);
  return svg.replaceAll(`font-family="${CHART_FONT}"`, `font-family='${CHART_FONT}, ${fontFallbacks}'`);
}
