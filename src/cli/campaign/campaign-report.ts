import { loadTooling } from '../../tooling.ts';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { observeTrace } from '../../observe/observe-trace.ts';
import type { TraceSnapshots } from '../../observe/snapshot.ts';
import { writeReport } from '../../report/write-report.ts';
import { machineSvg } from '../../viz/svg.ts';
import type { CampaignSummary } from './summary.ts';

/**
 * out/report.html for a campaign: the summary, each machine's chart with the campaign's
 * coverage drawn on it, and the trace viewer over the given traces (examples, regressions,
 * the counterexamples just found).
 */
export async function writeCampaignReport(file: string, summary: CampaignSummary, traceFiles: readonly string[]): Promise<void> {
  const charts = await Promise.all(
    summary.coverage.map(async (m) => ({ machine: m.machine, svg: await machineSvg(m.machine, new Map(m.edges.map((e) => [e.key, e.taken]))) })),
  );
  const traces = await Promise.all(traceFiles.map((f) => observeAsFound(readFileSync(f, 'utf8'), basename(f))));
  await writeReport(file, { title: `Campaign, seed ${summary.seed}`, summary, charts, traces });
}

/** A counterexample found on a planted failure (header `planted`) is observed with it installed, as `replay` does. */
async function observeAsFound(text: string, name: string): Promise<TraceSnapshots> {
  const planted = /^\{"trace".*"planted":"([^"]+)"/m.exec(text)?.[1];
  if (planted === undefined) return observeTrace(text, name);
  const unplant = (await loadTooling()).plant(planted);
  try {
    return observeTrace(text, `${name} (planted: ${planted})`);
  } finally {
    unplant();
  }
}
