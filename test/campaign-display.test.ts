/**
 * Issue #15: the campaign's terminal display fits 80 columns and 24 rows. The summary of a
 * synthetic campaign of the 41 properties (one failed, one partial, one not run, witnesses and
 * transitions missed) lists each property once, in the table, with its numbers right-aligned;
 * the progress line moves and gives an ETA; without a terminal no progress is printed.
 */
import { describe, expect, it } from 'vitest';
import { closingLines, headingLines, LOG_LAYOUT, resultLines, terminalLayout } from '../src/cli/campaign/campaign-display.ts';
import { etaSeconds, type Planned, progressCounts, progressLine } from '../src/cli/campaign/progress-line.ts';
import type { PropertyTally } from '../src/cli/campaign/run-campaign.ts';
import { verdictExitCode, type PropertyStatus } from '../src/cli/campaign/status.ts';
import { CAMPAIGN_FORMAT, type CampaignSummary, type MachineCoverage, type PropertySummary } from '../src/cli/campaign/summary.ts';
import { totalsOf, verdictOf } from '../src/cli/campaign/verdict.ts';
import { makePlan } from '../src/cli/campaign/plan.ts';
import { width, wrapCommand } from '../src/terminal/wrap.ts';
import { PROPERTIES } from '../properties/index.ts';
import { campaignTo, holds } from './campaign-toys.ts';

// The campaign's properties before the backup family (spec/backup.md) came: a synthetic 41, the worst case the display was fitted to.
const IDS = PROPERTIES.map((p) => p.id).filter((id) => !id.startsWith('BK-'));
const FAILED = 'LC-INV-1.pointInTime';
const PARTIAL = 'RC-INV-2.copyPrefix';
const NOT_RUN = 'LIM-INV-1.noCrashNoChange';
/** Properties that ran and missed a named witness. */
const MISSING_WITNESS = ['RAID-INV-2.byteExact.raid6', 'CG-INV-2.groupConsistency', 'RC-F-3.productionAvailability', 'PL-INV-1.hostView', 'MG-INV-1.transparency'];

function property(id: string, i: number): PropertySummary {
  const status: PropertyStatus = id === FAILED ? 'failed' : id === PARTIAL ? 'partial' : id === NOT_RUN ? 'notRun' : 'ok';
  const runs = status === 'notRun' ? 0 : status === 'partial' ? 100 : 150;
  const names = ['wordBoundary', 'summaryBoundary', 'straddlingPointer', 'takeoverDuringCopy'];
  const witnesses = Object.fromEntries(names.slice(0, i % 5).map((w, k) => [w, MISSING_WITNESS.includes(id) && k > 0 ? 0 : runs * (k + 1)]));
  return {
    id, title: `${id} holds`, status, failed: status === 'failed', plannedRuns: 150, plannedJobs: [i, i + 41, i + 82, i + 123, i + 164, i + 205],
    ranJobs: [], runs, commands: i % 7 === 0 ? 0 : runs * (20 + i * 9), witnesses, statesReached: i % 12, transitionsReached: (i * 7) % 60,
    reachedStates: [], takenTransitions: [], millis: 900,
    ...(status === 'failed'
      ? { failure: { job: 44, seed: -1834567123, path: '47:2:0:1:1:0:3', message: 'expected track 3 of the copy volume to hold the point-in-time image taken at pairDivide(P1), found the write made after it', counterexample: '[pairCreate(P1, 0..63), hostWrite(O, 3), pairDivide(P1), hostWrite(O, 3), copyStep(P1)]', regression: 'properties/regressions/campaign-lc-inv-1-pointintime-92a5f3c1.jsonl' } }
      : {}),
  };
}

function machine(name: string, states: number, edges: number, untaken: number): MachineCoverage {
  const all = Array.from({ length: states }, (_, k) => `state${k}`);
  return {
    machine: name, states: all, statesReached: all.slice(untaken > 0 ? 1 : 0),
    edges: Array.from({ length: edges }, (_, k) => ({ key: `s${k}|E${k}|t${k}`, source: `state${k % states}`, event: `EXTENT_UPDATE_COPY_DONE_${k}`, target: `state${(k + 1) % states}`, guard: k % 2 ? 'literal' : null, rule: 'LC-C-3', seed: 'Fig. 19', taken: k < untaken ? 0 : 3 })),
  };
}

const properties = IDS.map(property);
const coverage = [machine('localPair', 22, 54, 3), machine('remotePair', 9, 31, 0), machine('migrationPair', 3, 5, 0), machine('relocation', 2, 3, 0)];
const plan = makePlan({ seed: 20261125, runsPerProperty: 150, chunkRuns: 25, planted: null, properties: IDS });
const traces = Array.from({ length: 30 }, (_, k) => ({ file: `examples/${String(k).padStart(2, '0')}.jsonl`, steps: 20, exitCode: 0 }));
const verdict = verdictOf(properties, traces, coverage, true);
const summary: CampaignSummary = {
  format: CAMPAIGN_FORMAT, plan, seed: 20261125, shard: { index: 1, count: 1 }, runsPerProperty: 150, timeBudgetSeconds: null, workers: 2, millis: 41_300,
  requireCoverage: true, verdict: verdict.verdict, totals: totalsOf(properties), properties, witnessesMissed: verdict.witnessesMissed, traces, coverage,
};

/** The witness lines a log holds, one per witness (spec/campaign.md, "Witnesses"). */
const missing = verdict.witnessesMissed.map((w) => `  witness never reached: ${w}`);

function display(layout = terminalLayout(80)): string[] {
  const code = verdictExitCode(verdict.verdict, false);
  return [
    ...headingLines({ properties: 41, inShard: null, shard: { index: 1, count: 1 }, runs: 150, timeSeconds: null, seed: 20261125, planHash: plan.hash, workers: 2 }, layout),
    '',
    ...resultLines({ summary, millis: 41_300, traces, tracesReplayed: true, requireCoverage: true, fullListsIn: 'out/campaign.json' }, layout),
    ...closingLines('out/campaign.json and out/report.html', verdict, code, layout),
  ];
}

const isTable = (l: string): boolean => /^[┌│└]/.test(l);
/** The cells of a table row, without the outer borders. */
const cells = (row: string): string[] => row.split('│').slice(1, -1);

describe('campaign display: 41 properties on an 80×24 terminal', () => {
  const lines = display();
  if (process.env.SHOW_DISPLAY) console.log(lines.join('\n')); // SHOW_DISPLAY=1 npx vitest run test/campaign-display.test.ts
  const rows = lines.filter((l) => l.startsWith('│')).slice(1); // the head row is first

  it('every line fits 80 columns', () => {
    expect(lines.filter((l) => width(l) > 80)).toEqual([]);
  });

  it('after the table, the summary and verdict take at most 23 rows (24 with the shell prompt)', () => {
    expect(lines.filter(isTable).length).toBe(41 + 3); // top, head, 41 rows, bottom
    const bottom = lines.findIndex((l) => l.startsWith('└'));
    expect(lines.slice(0, bottom).filter((l) => !isTable(l))).toEqual([lines[0], '']); // the heading and a blank line above it
    expect(lines.length - bottom - 1).toBeLessThanOrEqual(23);
  });

  it('each property has one row, in plan order; only those not ok are named again, once, below the table', () => {
    expect(rows.map((r) => cells(r)[0]!.trim())).toEqual(IDS);
    const below = lines.filter((l) => !isTable(l));
    const mentions = (id: string): string[] => below.filter((l) => new RegExp(`\\b${id.replace(/\./g, '\\.')}\\b(?![.\\w])`).test(l));
    for (const id of IDS) {
      const expected = [FAILED, PARTIAL, NOT_RUN].includes(id) ? 1 : 0;
      const said = mentions(id).filter((l) => !l.includes('witness never reached') && !l.includes(' replay '));
      expect(said.length, `${id}: ${said.join(' / ')}`).toBe(expected);
    }
    expect(below.some((l) => /^\s*ok\s/.test(l))).toBe(false); // no "ok ID" progress lines
  });

  it('numbers are right-aligned in cells of one width per column, statuses marked in the result column', () => {
    const head = cells(lines.find((l) => l.startsWith('│ property'))!);
    for (const row of rows) {
      const c = cells(row);
      expect(c.map((x) => width(x))).toEqual(head.map((x) => width(x)));
      for (const n of c.slice(1, 6)) expect(n).toMatch(/^ +(\d+|—|\d+\/\d+) $/); // right-aligned, one space inside the border
    }
    const result = (id: string): string => cells(rows.find((r) => cells(r)[0]!.trim() === id)!)[6]!.trim();
    expect([result(FAILED), result(PARTIAL), result(NOT_RUN), result(IDS[0]!)]).toEqual(['FAIL', 'partial', 'not run', 'ok']);
  });

  it('the failure keeps its replay token and commands; partial and not run say what ran', () => {
    const text = lines.join('\n');
    expect(text).toContain(`  FAIL    ${FAILED}: expected track 3`);
    expect(text.replace(/\s+/g, ' ')).toContain('replay token: { seed: -1834567123, path: "47:2:0:1:1:0:3", endOnFailure: true }');
    const asTyped = text.replace(/ \\\n\s*/g, ' '); // how a shell reads a command continued with a backslash
    expect(asTyped).toContain('    replay: npx tsx src/cli.ts replay --property LC-INV-1.pointInTime --seed -1834567123 --path "47:2:0:1:1:0:3"\n');
    expect(asTyped).toContain('    saved, explain it: npx tsx src/cli.ts replay properties/regressions/campaign-lc-inv-1-pointintime-92a5f3c1.jsonl\n');
    expect(text).toContain(`  partial ${PARTIAL}: 100 of 150 planned runs`);
    expect(lines).toContain(`  not run ${NOT_RUN}`);
  });

  it('a named witness never reached is said, up to the row budget, then how many more', () => {
    const said = lines.filter((l) => l.startsWith('  witness never reached: '));
    expect(said.length).toBeGreaterThan(0);
    const more = /^ {2}… and (\d+) more \(all in out\/campaign\.json\)$/.exec(lines.find((l) => l.includes('… and'))!);
    expect(Number(more![1])).toBe(missing.length + 1 + 3 - said.length); // witnesses, a state, 3 transitions
  });

  it('machine coverage in two lines: the complete machines named together, the others with their counts', () => {
    expect(lines).toContain('Machine coverage: complete: remotePair, migrationPair, relocation');
    expect(lines).toContain('  localPair      states 21/22, transitions 51/54');
  });

  it('the verdict line ends the display, wrapped to the terminal', () => {
    expect(lines.slice(lines.findIndex((l) => l.startsWith('38/41'))).join(' ').replace(/\s+/g, ' ')).toBe(
      '38/41 properties ok, 1 failed, 1 partial, 1 not run; 5950 of 6150 planned runs, ' +
        `${summary.totals.commands} commands; 3 transitions never taken, ${verdict.witnessesMissed.length} witnesses never reached (coverage is required): FAILED (exit 1)`,
    );
  });

  it('in a log (CI, a pipe) lines stay whole and the gap lists complete', () => {
    const log = display(LOG_LAYOUT);
    expect(log.filter((l) => l.startsWith('  witness never reached: '))).toEqual(missing);
    expect(log.filter((l) => l.startsWith('  transition never taken: ')).length).toBe(3);
    expect(log.at(-1)).toMatch(/^38\/41 properties ok, .*: FAILED \(exit 1\)$/);
  });

  it('a long command is cut between words, with a backslash: it pastes as one command', () => {
    const cmd = wrapCommand(['npx tsx src/cli.ts replay', 'properties/regressions/campaign-lc-inv-1-pointintime-92a5f3c1.jsonl'], 60, '  ');
    expect(cmd).toEqual(['npx tsx src/cli.ts replay \\', '  properties/regressions/campaign-lc-inv-1-pointintime-92a5f3c1.jsonl']);
  });
});

describe('campaign display: the progress line', () => {
  const ids = IDS;
  const planned: Planned = { runs: new Map(ids.map((id) => [id, 150])), jobs: new Map(ids.map((id) => [id, 6])) };
  const tally = (id: string, runs: number, jobs: number, failed = false): PropertyTally =>
    ({ id, runs, runsStarted: runs, jobs, failure: failed ? { jobIndex: 0 } : null }) as unknown as PropertyTally;

  it('counts properties done and running, and never counts a failed property\'s planned runs as to go', () => {
    const latest = new Map<string, PropertyTally>();
    expect(progressCounts(ids, latest, planned)).toMatchObject({ done: 0, running: 0, runs: 0, runsPlanned: 6150, runsLeft: 6150 });
    for (const id of ids.slice(0, 12)) latest.set(id, tally(id, 150, 6));
    for (const id of ids.slice(12, 15)) latest.set(id, tally(id, 60, 2));
    latest.set(ids[15]!, tally(ids[15]!, 25, 1, true));
    const c = progressCounts(ids, latest, planned);
    expect(c).toMatchObject({ properties: 41, done: 13, running: 3, failed: 1, runs: 12 * 150 + 3 * 60 + 25 });
    expect(c.runsLeft).toBe(6150 - 12 * 150 - 3 * 60 - 150); // the failed one gets no more jobs
    const eta = etaSeconds(c, 20_000, null)!;
    expect(eta).toBeCloseTo((20 / c.runs) * c.runsLeft!, 6);
    expect(etaSeconds(c, 20_000, 10)).toBe(10); // never past the time budget's end
    const first = progressCounts(ids, new Map([[ids[0]!, tally(ids[0]!, 3, 0)]]), planned);
    expect(etaSeconds(first, 5000, null)).toBeNull(); // 3 runs of 6150: no pace yet, `ETA …`
    expect(etaSeconds(c, 500, null)).toBeNull(); // nor half a second after the first run
    const line = progressLine(c, eta, 80);
    expect(line).toContain(`${c.runs}/6150 runs | properties 13/41 done, 3 running, 1 failed | ETA `);
    expect(width(line)).toBeLessThan(80);
  });

  it('fits 80 columns at the widest counts, and keeps its bar one size as the counts grow', () => {
    const c = (runs: number, done: number): ReturnType<typeof progressCounts> => ({ properties: 41, done, running: 41 - done, failed: 0, runs, runsPlanned: 6150, runsLeft: 6150 - runs });
    const start = progressLine(c(0, 0), null, 80);
    const end = progressLine(c(6150, 41), 3599, 80);
    expect(width(start)).toBeLessThan(80);
    expect(width(end)).toBeLessThan(80);
    expect(start.indexOf(' ')).toBe(end.indexOf(' '));
    expect(start).toMatch(/^░+ 0\/6150 runs \| properties 0\/41 done, 41 running \| ETA …$/);
    expect(end).toMatch(/^█+ 6150\/6150 runs/);
  });
});

describe('campaign display: without a terminal', () => {
  it('prints the heading and the summary, no progress lines: each property once, in the table', async () => {
    const ids = ['alpha', 'beta', 'gamma'];
    const { printed } = await campaignTo({ definitions: ids.map(holds), runs: 50 });
    for (const id of ids) expect(printed.split(id).length - 1, id).toBe(1);
    expect(printed.split('\n').filter((l) => /^\s*ok\s/.test(l))).toEqual([]);
    expect(printed).toMatch(/^Campaign: 3 properties × 50 runs, seed 20261125, plan [0-9a-f]{12}, in this thread\n\n┌/);
    expect(printed).toContain('3/3 properties ok; 150 of 150 planned runs, 0 commands: OK (exit 0)');
  });
});
