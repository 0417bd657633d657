import { copyProgress } from './copy-progress.ts';
import { describeResult } from './describe-result.ts';
import { describeStep } from './describe-step.ts';
import type { StepSnapshot, TraceSnapshots } from './snapshot.ts';
import { describeTransition, NOTHING_YET, pairChanges, processChanges, volumeChanges } from './step-changes.ts';
import { systemChanges } from './system-changes.ts';

/** Violations listed under one heading before the rest are counted. */
export const VIOLATIONS_SHOWN_MAX = 5;

const INDENT = '    ';

/**
 * A trace run told step by step for a storage engineer (`replay`): the header, then per
 * step `line N  <request>` and, indented, its result, the machine transitions it caused,
 * systems failed, paths down or up again and devices failed, replaced or rebuilt,
 * processes started, moved and ended, bitmap bits set and cleared, the tracks a copy process
 * copied (inferred from the bitmaps), what a host write's plan did (copy-before-writes, tracks
 * sent or recorded, tracks fetched), volumes
 * whose host view drifted from what the host wrote (and volumes not compared at all), and the
 * first invariant it broke; last, a one-line verdict with the exit code. Plain text, one array
 * entry per line.
 */
export function narrate(t: TraceSnapshots): string[] {
  const lines = headerLines(t);
  let before: Seen = NOTHING_YET;
  let broken = false;
  for (const s of t.steps) {
    lines.push('', `line ${s.line}  ${s.result.op === 'trace' ? 'the trace itself' : describeStep(s.step)}`);
    const said = [describeResult(s.result, s.readMismatch), ...stepChanges(before, s), ...violationLines(before.violations, s.violations, broken)];
    lines.push(...said.map((x) => INDENT + x));
    broken ||= s.violations.length > 0;
    before = s;
  }
  lines.push('', verdict(t));
  return lines;
}

function headerLines(t: TraceSnapshots): string[] {
  const h = t.header ?? {};
  const lines = [`replay of ${t.name}`];
  if (typeof h.name === 'string') lines.push(`trace: ${h.name}`);
  if (typeof h.description === 'string') lines.push(`description: ${h.description}`);
  lines.push(`variant: ${typeof h.variant === 'string' ? h.variant : 'corrected'}`);
  if (h.seed !== undefined || h.path !== undefined) lines.push(`fast-check replay: seed ${String(h.seed ?? '-')}, path ${String(h.path ?? '-')}`);
  return lines;
}

/** What the narrative compares a step with: the step before (or an empty model). */
type Seen = Pick<StepSnapshot, 'pairs' | 'processes' | 'volumes' | 'violations' | 'systems' | 'links'>;

function stepChanges(before: Seen, s: StepSnapshot): string[] {
  return [
    ...s.transitions.map(describeTransition),
    ...systemChanges(before, s),
    ...pairChanges(before.pairs, s.pairs),
    ...processChanges(before.processes, s.processes),
    ...copyProgress(before, s),
    ...(s.writePlan ?? []),
    ...volumeChanges(before.volumes, s.volumes, s.pairs),
  ];
}

/** The first broken invariant is called out once; later, only changes of the broken set. */
function violationLines(before: readonly string[], now: readonly string[], brokenEarlier: boolean): string[] {
  if (!brokenEarlier && now.length > 0) return listed('FIRST INVARIANT BROKEN:', now);
  if (sameList(before, now)) return [];
  if (now.length === 0) return ['every invariant holds again'];
  return listed('invariants broken now:', now);
}

function listed(heading: string, violations: readonly string[]): string[] {
  const shown = violations.slice(0, VIOLATIONS_SHOWN_MAX);
  const lines = [`${heading} ${shown[0]}`, ...shown.slice(1).map((v) => `  also ${v}`)];
  if (violations.length > shown.length) lines.push(`  and ${violations.length - shown.length} more`);
  return lines;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The exit code and what it means (spec/trace-format.md, "Results and exit codes"). */
function verdict(t: TraceSnapshots): string {
  if (t.exitCode === 2) return `verdict: exit 2, invalid trace: ${t.steps[0]?.result.error?.message ?? 'unreadable'}`;
  if (t.exitCode === 4) return `verdict: exit 4, the model crashed (INTERNAL_ERROR, a bug of the model): ${t.steps.at(-1)?.result.error?.message ?? '?'}`;
  const failed = t.steps.filter((s) => s.result.expectFailed !== undefined).map((s) => s.line);
  const broken = t.steps.find((s) => s.violations.length > 0);
  const note = broken ? ` (invariants were broken from line ${broken.line}: ${broken.violations[0]})` : '';
  if (t.exitCode === 0) return `verdict: exit 0, every step ran and every expectation held${note}`;
  const more = failed.length > 1 ? ` (and at line${failed.length > 2 ? 's' : ''} ${failed.slice(1).join(', ')})` : '';
  return `verdict: exit 1, an expectation failed at line ${failed[0] ?? '?'}${more}${note}`;
}
