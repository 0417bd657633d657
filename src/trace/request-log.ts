/**
 * TERM-R-1, TERM-R-2: who issued each accepted request. The model treats every source alike
 * (Fig. 41); the trace context keeps this record so `status` and the replay narrative can say it.
 */
import { REQUEST_OPS, type RequestSource, type TraceStep } from './schema.ts';

/** One accepted request: its line, op, source and what it named. */
export interface RequestRecord {
  readonly line: number;
  readonly op: string;
  readonly from: RequestSource;
  /** The pair it named (pairCreate's `id`, or `pair`). */
  readonly pair?: string;
  /** The consistency group it named (CG-R-1). */
  readonly group?: string;
  /** The extents it named (an extent update or division: BK-T-2's points in time). */
  readonly extents?: ReadonlyArray<readonly [number, number]>;
}

const REQUESTS: ReadonlySet<string> = new Set(REQUEST_OPS);

/** The step's source when it is a request, else null. */
export function requestSource(step: TraceStep): RequestSource | null {
  if (!REQUESTS.has(step.op)) return null;
  return (step as { from?: RequestSource }).from ?? 'host';
}

/** The record of an accepted request step, or null for a step that is not a request. */
export function requestRecord(line: number, step: TraceStep): RequestRecord | null {
  const from = requestSource(step);
  if (from === null) return null;
  const s = step as { id?: string; pair?: string; group?: string; extents?: [number, number][] };
  const pair = step.op === 'pairCreate' ? s.id : s.pair;
  const extents = step.op === 'extentUpdate' || step.op === 'extentDivide' ? { extents: s.extents } : {};
  return { line, op: step.op, from, ...(pair !== undefined ? { pair } : {}), ...(s.group !== undefined ? { group: s.group } : {}), ...extents };
}

/** TERM-R-2: the requests that named pair `id`, or (naming no pair) its group `group`, as `status` lists them. */
export function requestsOf(log: readonly RequestRecord[], id: string, group: string | null): { line: number; op: string; from: RequestSource }[] {
  const out: { line: number; op: string; from: RequestSource }[] = [];
  for (const r of log) {
    const named = r.pair !== undefined ? r.pair === id : group !== null && r.group === group;
    if (named) out.push({ line: r.line, op: r.op, from: r.from });
  }
  return out;
}
