import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { observeTrace } from '../../observe/observe-trace.ts';
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
  const traces = traceFiles.map((f) => observeTrace(readFileSync(f, 'utf8'), basename(f)));
  await writeReport(file, { title: `Campaign, seed ${summary.seed}`, summary, charts, traces });
}
