import type { StepOutcome } from '../trace/runner.ts';

/**
 * A step's result in words: `accepted` (with the few fields that say what happened),
 * `refused CODE: message` (a step's refusal the trace expected, or the `trace` pseudo-step
 * of an invalid trace, which nothing expected), or `EXPECTATION FAILED: …` when the trace's
 * expectation did not hold, with `failureDetail` appended (a failed read's first differing byte,
 * StepSnapshot.readMismatch).
 */
export function describeResult(result: StepOutcome, failureDetail?: string): string {
  if (result.error?.code === 'INTERNAL_ERROR') return `CRASHED (INTERNAL_ERROR, a bug of the model, not a refusal): ${result.error.message}`; // LIM-9
  const refusal = result.error ? `refused ${result.error.code}: ${result.error.message}` : null;
  if (result.expectFailed !== undefined) {
    const detail = failureDetail && !result.expectFailed.includes(failureDetail) ? `: ${failureDetail}` : ''; // TERM-V-4: the runner may have said it already
    return `EXPECTATION FAILED: ${result.expectFailed}${detail}${refusal ? ` (${refusal})` : ''}`;
  }
  if (refusal) return result.op === 'trace' ? refusal : `${refusal} (as expected)`;
  const detail = acceptedDetail(result);
  return detail ? `accepted: ${detail}` : 'accepted';
}

type Detail = (r: StepOutcome) => string | null;

const DETAIL: Readonly<Record<string, Detail>> = {
  write: (r) => (Array.isArray(r.acknowledgedAfter) ? `acknowledged after ${r.acknowledgedAfter.join(', ')} stored it` : null),
  read: (r) => `${String(r.length)} byte${r.length === 1 ? '' : 's'}${typeof r.hex === 'string' && r.hex.length <= 32 ? ` (hex ${r.hex})` : ''}`,
  status: (r) => stateOf(r),
  pairCreate: (r) => stateOf(r),
  pairDivide: (r) => stateOf(r),
  extentUpdate: (r) => stateOf(r),
  extentDivide: (r) => stateOf(r),
  extentCouple: (r) => stateOf(r),
  pairSuspend: (r) => stateOf(r),
  pairResync: (r) => stateOf(r),
  pairDelete: (r) => stateOf(r),
  takeover: (r) => {
    const kept = Array.isArray(r.datasetsKept) ? r.datasetsKept.join(', ') || 'none' : '?';
    const erased = Array.isArray(r.datasetsErased) ? r.datasetsErased.join(', ') || 'none' : '?';
    return `${stateOf(r) ?? ''}; datasets kept ${kept}, erased ${erased}`;
  },
  step: (r) => `${String(r.process)} advanced ${String(r.advanced)}${r.done === true ? ', done' : ''}${typeof r.aborted === 'string' ? `; aborted: ${r.aborted}` : ''}${typeof r.file === 'number' ? `; wrote tape file ${r.file}` : ''}`,
  settle: (r) => {
    const ran = Array.isArray(r.processes) ? (r.processes as Array<Record<string, unknown>>) : [];
    if (ran.length === 0) return 'nothing was running';
    return `ran ${ran.map((p) => `${String(p.process)} (${String(p.units)} units${p.stalled ? `, stalled: ${(p.stalled as { code: string }).code}` : ''})`).join(', ')}`;
  },
  relocate: (r) => (Array.isArray(r.moved) ? `${r.moved.length} table entr${r.moved.length === 1 ? 'y moves' : 'ies move'}` : null),
  rebalance: (r) => {
    const started = Array.isArray(r.started) && r.started.length > 0 ? `; started ${r.started.join(', ')}` : '';
    return typeof r.decision === 'string' ? `${r.decision}${started}` : null;
  },
  datasets: (r) => (Array.isArray(r.datasets) ? `datasets ${r.datasets.join(', ') || 'none'}` : null),
  check: () => 'every invariant holds',
};

function stateOf(r: StepOutcome): string | null {
  if (typeof r.group === 'string' && Array.isArray(r.pairs)) return groupStates(r.pairs as Array<Record<string, unknown>>); // CG-R-1
  return typeof r.state === 'string' ? `state ${r.state}` : null;
}

function groupStates(pairs: Array<Record<string, unknown>>): string {
  return pairs.map((p) => `${String(p.pair)} ${String(p.state)}${typeof p.suspendReason === 'string' ? ` (${p.suspendReason})` : ''}`).join(', ');
}

function acceptedDetail(r: StepOutcome): string | null {
  const detail = DETAIL[r.op];
  return detail ? detail(r) : null;
}
