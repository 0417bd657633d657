import Table from 'cli-table3';
import type { CampaignSummary, MachineCoverage } from './summary.ts';

/** The campaign's summary table: one row per property, then each failure with its replay token as a command. */
export function summaryTable(s: CampaignSummary, planted?: string): string {
  const table = new Table({
    head: ['property', 'runs', 'commands', 'states', 'transitions', 'result'],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'left'],
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 0 }, // fits 80 columns
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const p of s.properties) {
    // A property that drives a component directly (no command sequences) counts no commands.
    table.push([p.id, p.runs, p.commands || '—', p.statesReached, p.transitionsReached, p.failed ? 'FAIL' : 'ok']);
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
