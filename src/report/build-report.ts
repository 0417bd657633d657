import type { CampaignSummary, MachineCoverage, PropertySummary } from '../cli/campaign/summary.ts';
import type { TraceSnapshots } from '../observe/snapshot.ts';
import { REPORT_CSS } from './styles.ts';
import { VIEWER_SCRIPT } from './viewer-script.ts';

/**
 * out/report.html: one self-contained page (inline CSS and JS, no fetch) with the campaign
 * summary, machine coverage charts and a step-by-step trace viewer. Inputs arrive rendered
 * (SVG charts, trace snapshots) so this stays a pure string function, easy to test.
 */

export interface ReportInput {
  readonly title: string;
  /** null: no campaign ran (the report then shows traces and charts only). */
  readonly summary: CampaignSummary | null;
  /** One SVG per machine (src/viz/svg.ts), edges classed `taken` / `untaken`. */
  readonly charts: ReadonlyArray<{ readonly machine: string; readonly svg: string }>;
  readonly traces: readonly TraceSnapshots[];
}

/** Longest counterexample text shown in full; the rest is in the saved regression trace. */
const counterexampleCharsMax = 2000;

export function buildReport(input: ReportInput): string {
  if (/<\/script/i.test(VIEWER_SCRIPT)) throw new Error('viewer script must not close its own script element');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header class="top">
<h1>${escapeHtml(input.title)}</h1>
<nav><a href="#summary">Campaign</a><a href="#coverage">Machine coverage</a><a href="#traces-section">Trace viewer</a></nav>
</header>
<main>
${summarySection(input.summary)}
${coverageSection(input.summary?.coverage ?? [], input.charts)}
${viewerSection()}
</main>
<script type="application/json" id="traces">${embedJson(input.traces)}</script>
<script>${VIEWER_SCRIPT}</script>
</body>
</html>
`;
}

// ---- (1) Campaign summary ----------------------------------------------------------------

function summarySection(summary: CampaignSummary | null): string {
  if (summary === null) {
    return `<section id="summary"><h2>Campaign</h2><p class="note">No campaign summary was given to this report.</p></section>`;
  }
  return `<section id="summary">
<h2>Campaign</h2>
${verdictLine(summary)}
${campaignFacts(summary)}
<table class="grid" data-testid="summary-table">
<thead><tr><th>Property</th><th class="num">Runs</th><th class="num">Commands</th><th class="num">States reached</th><th class="num">Transitions reached</th><th class="num">Time</th><th>Result</th></tr></thead>
<tbody>
${summary.properties.map(propertyRows).join('\n')}
</tbody>
</table>
${replayedTraces(summary.traces)}
</section>`;
}

/** A property's status; a summary of the first format (no `status`) had only `failed`. */
function statusOf(p: PropertySummary): PropertySummary['status'] {
  return p.status ?? (p.failed ? 'failed' : 'ok');
}

function verdictLine(summary: CampaignSummary): string {
  const statuses = summary.properties.map(statusOf);
  const failed = statuses.filter((s) => s === 'failed').length;
  const unrun = statuses.filter((s) => s === 'partial' || s === 'notRun').length;
  const badTraces = summary.traces.filter((t) => t.exitCode !== 0).length;
  const total = summary.properties.length;
  if (summary.verdict === 'failed' || failed > 0 || badTraces > 0) {
    const parts = [failed > 0 ? `${failed} of ${total} properties failed` : null, badTraces > 0 ? `${badTraces} traces did not replay cleanly` : null];
    const said = parts.filter((p) => p !== null);
    return `<div class="verdict fail" data-testid="verdict" data-verdict="fail">✘ ${said.length ? said.join('; ') : 'coverage or a witness was required and missed'}.</div>`;
  }
  if (unrun > 0) {
    return `<div class="verdict incomplete" data-testid="verdict" data-verdict="incomplete">◌ Incomplete: ${unrun} of ${total} properties did not run all their planned jobs; none failed.</div>`;
  }
  return `<div class="verdict pass" data-testid="verdict" data-verdict="pass">✔ All ${total} properties held; ${summary.traces.length} traces replayed cleanly.</div>`;
}

function campaignFacts(s: CampaignSummary): string {
  const runs = s.runsPerProperty !== null ? `${s.runsPerProperty} runs per property` : 'open-ended';
  const budget = s.timeBudgetSeconds !== null ? `${runs}, at most ${s.timeBudgetSeconds} s` : runs;
  const facts: Array<[string, string]> = [
    ['seed', String(s.seed)],
    ['shard', `${s.shard.index} of ${s.shard.count}`],
    ['budget', budget],
    ...(s.plan ? [['plan', s.plan.hash.slice(0, 12)] as [string, string]] : []),
    ['workers', String(s.workers)],
    ['wall time', seconds(s.millis)],
  ];
  return `<dl class="kv">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
}

const STATUS_BADGE: Record<PropertySummary['status'], string> = {
  ok: `<span class="badge good">held</span>`,
  failed: `<span class="badge bad">failed</span>`,
  partial: `<span class="badge warn">partial</span>`,
  notRun: `<span class="badge idle">not run</span>`,
};

function propertyRows(p: PropertySummary): string {
  const status = statusOf(p);
  const failed = status === 'failed';
  const row = `<tr data-testid="property-${escapeAttr(p.id)}" data-failed="${failed}" data-status="${status}"${failed ? ' class="failed"' : ''}>
<td><b>${escapeHtml(p.id)}</b> <span class="muted">${escapeHtml(p.title)}</span></td>
<td class="num">${p.runs}</td><td class="num">${p.commands}</td><td class="num">${p.statesReached}</td><td class="num">${p.transitionsReached}</td>
<td class="num">${seconds(p.millis)}</td><td>${STATUS_BADGE[status]}</td></tr>`;
  return p.failure === undefined ? row : row + '\n' + failureRow(p.failure);
}

function failureRow(f: NonNullable<PropertySummary['failure']>): string {
  const token = `{ seed: ${f.seed}, path: ${JSON.stringify(f.path)}, endOnFailure: true }`;
  const counterexample = f.counterexample.length > counterexampleCharsMax ? f.counterexample.slice(0, counterexampleCharsMax) + ' …' : f.counterexample;
  const saved = f.regression === null ? '<span class="muted">not saved</span>' : `<code>${escapeHtml(f.regression)}</code>`;
  return `<tr class="failure-detail"><td colspan="7"><dl class="kv">
<dt>message</dt><dd>${escapeHtml(f.message)}</dd>
<dt>replay</dt><dd data-testid="replay-token">${escapeHtml(token)}</dd>
<dt>regression</dt><dd>${saved}</dd>
<dt>counterexample</dt><dd><details><summary>${f.counterexample.length} chars</summary><pre>${escapeHtml(counterexample)}</pre></details></dd>
</dl></td></tr>`;
}

function replayedTraces(traces: CampaignSummary['traces']): string {
  if (traces.length === 0) return '';
  const rows = traces.map((t) => {
    const exit = t.exitCode === 0 ? `<span class="badge good">exit 0</span>` : `<span class="badge bad">exit ${t.exitCode}</span>`;
    return `<tr><td><code>${escapeHtml(t.file)}</code></td><td class="num">${t.steps}</td><td>${exit}</td></tr>`;
  });
  return `<h3>Traces replayed</h3>
<table class="grid"><thead><tr><th>Trace</th><th class="num">Steps</th><th>Exit</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

// ---- (2) Machine coverage ----------------------------------------------------------------

function coverageSection(coverage: readonly MachineCoverage[], charts: ReportInput['charts']): string {
  const machines = [...new Set([...coverage.map((c) => c.machine), ...charts.map((c) => c.machine)])];
  const body = machines.length === 0
    ? '<p class="note">No coverage and no chart was given to this report.</p>'
    : machines.map((m) => machineBlock(m, coverage.find((c) => c.machine === m) ?? null, charts.find((c) => c.machine === m)?.svg ?? null)).join('\n');
  return `<section id="coverage">
<h2>Machine coverage</h2>
<div class="legend"><span><span class="line taken"></span>transition taken by the campaign</span><span><span class="line untaken"></span>never taken</span><span>a wide chart scrolls sideways; point at an arrow for its rule and seed step, listed in the table under the chart</span></div>
${body}
</section>`;
}

function machineBlock(machine: string, coverage: MachineCoverage | null, svg: string | null): string {
  const chart = svg === null ? '<p class="note">no chart</p>' : `<div class="chart">${inlineSvg(svg)}</div>`;
  if (coverage === null) {
    return `<div class="machine" data-testid="coverage-${escapeAttr(machine)}"><h3>${escapeHtml(machine)}</h3><div class="machine-body">${chart}<p class="note">No coverage recorded for this machine.</p></div></div>`;
  }
  const reached = new Set(coverage.statesReached);
  const unreachedStates = coverage.states.filter((s) => !reached.has(s));
  const untaken = coverage.edges.filter((e) => e.taken === 0);
  const taken = coverage.edges.length - untaken.length;
  return `<div class="machine" data-testid="coverage-${escapeAttr(machine)}" data-states-reached="${reached.size}" data-edges-taken="${taken}">
<h3>${escapeHtml(machine)}
<span class="muted">states ${meter(reached.size, coverage.states.length)} ${reached.size} / ${coverage.states.length}
· transitions ${meter(taken, coverage.edges.length)} ${taken} / ${coverage.edges.length}</span></h3>
<div class="machine-body">
${chart}
<div class="unreached">
<h4>States never reached</h4>
${unreachedStates.length === 0 ? '<p class="note">none: every state reached</p>' : `<ul>${unreachedStates.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>`}
<h4>Transitions never taken</h4>
${untaken.length === 0 ? '<p class="note">none: every transition taken</p>' : `<ul>${untaken.map(edgeItem).join('')}</ul>`}
</div>
</div>
</div>`;
}

function edgeItem(e: MachineCoverage['edges'][number]): string {
  const guard = e.guard === null ? '' : ` [${e.guard}]`;
  return `<li title="${escapeAttr(e.seed)}">${escapeHtml(`${e.source} —${e.event}→ ${e.target}${guard}`)} <span class="muted">${escapeHtml(e.rule)}</span></li>`;
}

function meter(part: number, whole: number): string {
  const percent = whole === 0 ? 100 : (100 * part) / whole;
  return `<span class="meter"><span style="width:${percent.toFixed(1)}%"></span></span>`;
}

/** Graphviz SVG starts with an XML prolog and a DOCTYPE, which have no place inside HTML. */
function inlineSvg(svg: string): string {
  const start = svg.indexOf('<svg');
  return start < 0 ? escapeHtml(svg) : svg.slice(start);
}

// ---- (3) Trace viewer (filled in by viewer-script.ts) --------------------------------------

function viewerSection(): string {
  return `<section id="traces-section">
<h2>Trace viewer</h2>
<p class="muted">Any trace: <code>npx tsx src/cli.ts replay FILE.jsonl --json FILE.json</code>, then open the JSON here.</p>
<div class="legend">
<span><span class="swatch set"></span>bitmap bit set</span><span><span class="swatch clear"></span>clear</span>
<span><span class="swatch ptr"></span>copy pointer</span><span><span class="swatch changed"></span>changed by this step</span>
<span><span class="swatch same"></span>track matches reference</span><span><span class="swatch differs"></span>differs from reference</span>
<span data-testid="legend-untracked"><span class="swatch untracked"></span>volume not compared (a pair's copy or target: its pair's checker owns the bytes)</span>
<span><span class="swatch out"></span>outside the pair's extents</span><span>lighter cell: some of its tracks (big volumes)</span>
<span data-testid="legend-divided"><span class="swatch divx"></span>in a local pair's divided extent</span>
<span data-testid="legend-updating"><span class="swatch updx"></span>in an extent being updated</span>
<span data-testid="legend-unmapped"><span class="swatch unmapped"></span>not allocated (a partial volume maps only some tracks of its address space)</span>
<span data-testid="legend-failed-system"><span class="swatch gone"></span>volume on a failed system (kept listed, never read)</span>
<span><span class="dev"></span>device healthy</span><span><span class="dev rebuilding"></span>rebuilding</span><span><span class="dev failed"></span>failed</span>
</div>
<div class="viewer" id="viewer">
<aside>
<select id="trace-select" data-testid="trace-select" aria-label="trace"></select>
<label class="open-file">Open snapshots… <input type="file" id="open-file" accept=".json" data-testid="open-file"></label>
<div class="open-error" id="open-error" data-testid="open-error" role="alert" hidden></div>
<ol class="steps" id="step-list" data-testid="step-list"></ol>
</aside>
<div>
<div class="trace-head" id="trace-head"></div>
<div class="controls">
<button id="first" data-testid="first" title="first step (Home)">First</button>
<button id="prev" data-testid="prev" title="previous step (←)">◀ Back</button>
<span class="counter" id="step-counter" data-testid="step-counter"></span>
<button id="next" data-testid="next" title="next step (→)">Forward ▶</button>
<button id="last" data-testid="last" title="last step (End)">Last</button>
<span class="keys">keys: ← → Home End</span>
</div>
<div id="step-view" data-testid="step-view"></div>
</div>
</div>
</section>`;
}

// ---- Escaping ------------------------------------------------------------------------------

/** JSON inside a script element: `<` escaped so no `</script>` or `<!--` can end it early. */
function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}

function seconds(millis: number): string {
  return `${(millis / 1000).toFixed(1)} s`;
}
