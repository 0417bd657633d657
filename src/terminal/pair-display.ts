/**
 * TERM-V-2: pairs as CCI's `pairdisplay` shows them: per pair a P-VOL line (L) and an S-VOL
 * line (R), with group, LDEVs, status in CCI's name, fence and copy % (`-fc`), then the
 * model's own state, bitmaps, extents and who issued the pair's requests.
 */
import { columns, numberRanges, ranges } from './columns.ts';
import { wrapUnits } from './wrap.ts';
import type { PairRow } from './pair-rows.ts';

const HEADER = ['Group', 'PairVol(L/R)', 'Volume', 'LDEV#', 'P/S', 'Status', 'Fence', '%', 'Model'];

/** The pairdisplay table of `rows` (all pairs when no filter was given). */
export function pairDisplay(rows: readonly PairRow[]): string[] {
  if (rows.length === 0) return ['(no pairs)'];
  const lines: string[] = [];
  const table = columns(HEADER, rows.flatMap(sides));
  lines.push(table[0]!);
  rows.forEach((r, i) => {
    lines.push(table[1 + 2 * i]!, table[2 + 2 * i]!);
    lines.push(...detail(r));
  });
  return lines;
}

function sides(r: PairRow): (string | number)[][] {
  const fence = r.fence === null ? '-' : r.fence.toUpperCase();
  return [
    [r.group ?? '-', `${r.pair}(L)`, r.pvol, numberRanges(r.pvolLdevs), 'P-VOL', r.cci.pvol, fence, r.copyPercent, r.state],
    [r.group ?? '-', `${r.pair}(R)`, r.svol, numberRanges(r.svolLdevs), 'S-VOL', r.cci.svol, fence, r.copyPercent, r.state],
  ];
}

/** The model's detail under the two lines, within 80 columns: kind, suspension, failed systems, bitmaps, extents, requests. */
function detail(r: PairRow): string[] {
  const bits = Object.entries(r.bits).map(([k, v]) => `${k}=${v}`).join(' ');
  const why = r.suspendReason ? ` suspended for ${r.suspendReason};` : '';
  const failed = r.failedSystems.length > 0 ? ` system ${r.failedSystems.join(', ')} FAILED;` : '';
  const reqs = (r.status.requests as { line: number; op: string; from: string }[]).map((q) => `${q.op}@${q.line}(${q.from})`);
  return wrapUnits([`  ${r.kind}${why}${failed}`, `bits ${bits};`, `extents ${ranges(r.extents)}`, ...(reqs.length > 0 ? [`requests ${reqs[0]}`, ...reqs.slice(1)] : [])], 80, '    ');
}
