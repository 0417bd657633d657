import Table from 'cli-table3';
import { statusLabel } from './status.ts';
import type { CampaignSummary, MachineCoverage, PropertySummary } from './summary.ts';

/** Witnesses reached out of those named, e.g. `2/3`; `—` when the property names none. */
export function witnessCell(p: PropertySummary): string {
  const counts = Object.values(p.witnesses);
  return counts.length === 0 ? '—' : `${counts.filter((n) => n > 0).length}/${counts.length}`;
}

/**
 * The campaign's summary table (fits 80 columns with the longest property id): one row per
 * property with its status, then each failure with its replay token as a command.
 */
export function summaryTable(s: Pick<CampaignSummary, 'properties'>, planted?: string): string {
  const table = new Table({
    head: ['property', 'runs', 'commands', 'states', 'trans.', 'witn.', 'result'],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'left'],
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 0 },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const p of s.properties) {
    // A property that drives a component directly (no command sequences) counts no commands.
    table.push([p.id, p.runs, p.commands || '—', p.statesReached, p.transitionsReached, witnessCell(p), statusLabel(p.status)]);
  }
  const lines = [table.toString()];
  for (const p of s.properties.filter((x) => x.failure)) {
    const f = p.failure!;
    lines.push(
      `FAIL ${p.id}: ${f.message}`,
      `     replay token: { seed: ${f.seed}, path: "${f.path}", endOnFailure: true }`,
      `     replay: npx tsx src/cli.ts replay --property ${p.id} --seed ${f.seed} --path "${f.path}"${planted ? ` --plant ${planted}` : ''}`,
      `     counterexample: ${f.counterexample.split('\n')[0]!.slice(0, 300)}`,
      f.regression ? `     saved: ${f.regression} (explain it: npx tsx src/cli.ts replay ${f.regression})` : '     not saved',
    );
  }
  return lines.join('\n');
}

/** One line per machine: states and transitions reached out of the graph's. */
export function coverageLines(coverage: readonly MachineCoverage[]): string[] {
  return coverage.map((m) => {
    const taken = m.edges.filter((e) => e.taken > 0).length;
    return `  ${m.machine.padEnd(14)} states ${m.statesReached.length}/${m.states.length}, transitions ${taken}/${m.edges.length}`;
  });
}
