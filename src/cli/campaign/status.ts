/**
 * What a campaign may claim (spec/campaign.md, "Statuses"): a property is `ok` only when the
 * jobs it was planned ran and none failed; a property that never ran is `notRun`, never ok.
 * The campaign's verdict is `failed` over `incomplete` over `ok`, and its exit code follows.
 */

export type PropertyStatus = 'ok' | 'failed' | 'partial' | 'notRun';

export type Verdict = 'ok' | 'failed' | 'incomplete';

export interface StatusInput {
  readonly failed: boolean;
  /** Job indexes planned (the share of this shard, or of all shards merged); null: an open-ended plan. */
  readonly planned: readonly number[] | null;
  /** Job indexes that ran to the end. */
  readonly ran: readonly number[];
}

/**
 * failed beats everything; no job ran: notRun; a closed plan with a planned job not run:
 * partial; otherwise ok (an open-ended plan is ok once a job ran: it has no end to reach).
 */
export function propertyStatus(p: StatusInput): PropertyStatus {
  if (p.failed) return 'failed';
  if (p.ran.length === 0) return 'notRun';
  if (p.planned === null) return 'ok';
  const ran = new Set(p.ran);
  return p.planned.every((j) => ran.has(j)) ? 'ok' : 'partial';
}

export interface VerdictInput {
  readonly statuses: readonly PropertyStatus[];
  /** Anything else that fails a campaign: a trace that did not replay, coverage or a witness required and missed. */
  readonly otherFailures: number;
}

export function campaignVerdict(v: VerdictInput): Verdict {
  if (v.otherFailures > 0 || v.statuses.includes('failed')) return 'failed';
  return v.statuses.every((s) => s === 'ok') ? 'ok' : 'incomplete';
}

/** Exit codes of `campaign` and `merge`: 0 ok, 1 failed, 2 bad input (elsewhere), 3 incomplete (0 under `--allow-partial`). */
export function verdictExitCode(v: Verdict, allowPartial: boolean): number {
  if (v === 'failed') return 1;
  if (v === 'incomplete') return allowPartial ? 0 : 3;
  return 0;
}

/** How a status reads in tables and progress lines. */
export function statusLabel(s: PropertyStatus): string {
  return s === 'failed' ? 'FAIL' : s === 'notRun' ? 'not run' : s;
}
