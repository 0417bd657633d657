import type { VerdictParts } from './verdict.ts';

/**
 * The last line of `campaign` and `merge`: what held, what did not run, and the verdict with
 * its exit code, e.g. `4/7 properties ok, 3 not run; 100 of 175 planned runs, 7021 commands:
 * INCOMPLETE (exit 3)`. It never says more than ran: properties without runs are counted apart.
 */
export function verdictLine(v: VerdictParts, exitCode: number): string {
  const t = v.totals;
  const apart = [t.failed ? `${t.failed} failed` : '', t.partial ? `${t.partial} partial` : '', t.notRun ? `${t.notRun} not run` : ''].filter(Boolean);
  const runs = t.plannedRuns === null ? `${t.runs} runs (open-ended plan)` : `${t.runs} of ${t.plannedRuns} planned runs`;
  const gaps = [v.untaken.length ? `${v.untaken.length} transitions never taken` : '', v.witnessesMissed.length ? `${v.witnessesMissed.length} witnesses never reached` : ''].filter(Boolean);
  const coverage = v.coverageFails ? `; ${gaps.join(', ')} (coverage is required)` : '';
  const traces = v.badTraces ? `; ${v.badTraces} traces failed` : '';
  return `${t.ok}/${t.properties} properties ok${apart.length ? `, ${apart.join(', ')}` : ''}; ${runs}, ${t.commands} commands${traces}${coverage}: ${v.verdict.toUpperCase()} (exit ${exitCode}${v.verdict === 'incomplete' && exitCode === 0 ? ': --allow-partial' : ''})`;
}
