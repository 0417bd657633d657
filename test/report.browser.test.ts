import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignSummary } from '../src/cli/campaign/summary.ts';
import { makePlan } from '../src/cli/campaign/plan.ts';
import type { StepSnapshot, TraceSnapshots } from '../src/observe/snapshot.ts';
import { writeReport } from '../src/report/write-report.ts';
import { MACHINES } from '../machines/registry.ts';
import { machineGraph } from '../machines/graph.ts';
import { edgeDomId } from '../src/viz/dot.ts';
import { machineSvg } from '../src/viz/svg.ts';

/**
 * The report's trace viewer, driven in a real browser (Debian's chromium through
 * playwright-core, no browser download). The viewer must show, step by step, exactly what
 * the snapshots say, offline, without console errors.
 */

const chromiumPath = '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
if (!hasChromium) console.warn(`report.browser.test.ts skipped: ${chromiumPath} not found (run \`npm run browser:install\`)`);

const traceFiles = [
  'properties/regressions/lc-e-1-divide-while-generating.jsonl',
  'examples/06-local-pair-division.jsonl',
  'examples/12-fifth-embodiment-takeover.jsonl',
  'examples/09-sites-and-disaster.jsonl',
  'examples/03-raid5-degraded-and-rebuild.jsonl',
  'examples/07-extent-division-and-couple.jsonl',
];
/** Index of each embedded trace in the report's list; the synthetic big volume comes last. */
const T = { lcE1: 0, division: 1, takeover: 2, sites: 3, raid5: 4, extents: 5, big: traceFiles.length } as const;
/** Not embedded in the report: the viewer gets it through its "Open snapshots…" file input. */
const openedFile = 'examples/13-migratory-copy.jsonl';
const browserArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Tracks of the synthetic big volume: more than the viewer's 512 cells, so tracks are bucketed. */
const bigVolumeTracks = 100_000;

describe.skipIf(!hasChromium)('report: the trace viewer in a browser shows what the snapshots say', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  let traces: TraceSnapshots[];
  const consoleErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    const { observeTrace } = await import('../src/observe/observe-trace.ts');
    traces = await Promise.all(traceFiles.map(async (f) => observeTrace(await readFile(f, 'utf8'), f)));
    traces.push(bigVolumeTrace());
    dir = await mkdtemp(join(tmpdir(), 'report-'));
    const file = join(dir, 'out', 'report.html');
    await writeReport(file, { title: 'Extent copy model — report test', summary: failingSummary(), charts: [{ machine: 'localPair', svg: tinyChart() }], traces });
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: browserArgs });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const counter = () => page.getByTestId('step-counter');

  /** The state of the page against the snapshot of step `n` (1-based) of trace `t`. */
  async function expectStep(t: number, n: number): Promise<StepSnapshot> {
    const trace = traces[t]!;
    const snap = trace.steps[n - 1]!;
    await expect.poll(() => counter().textContent()).toBe(`step ${n} / ${trace.steps.length}`);
    expect(await page.getByTestId('step-line').textContent()).toContain(`line ${snap.line}`);
    for (const pair of snap.pairs) {
      expect(await page.getByTestId(`pair-row-${pair.id}`).getAttribute('data-state')).toBe(pair.state);
      for (const b of pair.bitmaps) {
        const strip = page.getByTestId(`bitmap-${pair.id}-${b.name}`);
        expect(await strip.getAttribute('data-set-count')).toBe(String(b.set.length));
        expect(await strip.locator('.c.set').count()).toBe(b.set.length); // one cell per track at this size
      }
    }
    for (const v of snap.volumes) {
      const strip = page.getByTestId(`volume-diff-${v.key}`);
      expect(await strip.getAttribute('data-differing-count')).toBe(String(v.differing.length));
      const mapped = (v.mapped ?? [[0, v.tracks - 1]]).reduce((n, [a, b]) => n + b - a + 1, 0);
      expect(await strip.locator('.c.unmapped').count()).toBe(v.tracks - mapped); // one cell per track at this size
      expect(await strip.locator('.c.gone').count()).toBe(v.onFailedSystem ? v.tracks : 0);
    }
    for (const system of snap.systems ?? []) {
      expect(await page.getByTestId(`system-${system.id}`).getAttribute('data-failed')).toBe(String(system.failed));
      for (const g of system.raidGroups) {
        expect(await page.getByTestId(`raid-group-${system.id}:${g.id}`).getAttribute('data-failed-devices')).toBe(g.failed.join(','));
      }
    }
    for (const link of snap.links ?? []) {
      expect(await page.getByTestId(`link-${link.between.join('-')}`).getAttribute('data-up')).toBe(String(link.up));
    }
    expect(await page.getByTestId('transitions').getAttribute('data-count')).toBe(String(snap.transitions.length));
    expect(await page.getByTestId('violations').getAttribute('data-count')).toBe(String(snap.violations.length));
    const plan = page.getByTestId('write-plan');
    if (snap.writePlan) expect(await plan.locator('li').allTextContents()).toEqual(snap.writePlan);
    else expect(await plan.count()).toBe(0);
    return snap;
  }

  async function forwardTo(t: number, n: number): Promise<void> {
    const want = `step ${n} / ${traces[t]!.steps.length}`;
    for (let clicks = 0; clicks < n && (await counter().textContent()) !== want; clicks++) await page.getByTestId('next').click();
    expect(await counter().textContent()).toBe(want);
  }

  it('local pair division: forward through the division, back again, keys too', async () => {
    const t = T.division;
    await page.getByTestId('trace-select').selectOption(String(t));
    await expectStep(t, 1);
    expect(await page.getByTestId('prev').isDisabled()).toBe(true);

    await forwardTo(t, 7); // a read of the copy while generating: refused, as the trace expects
    await expectStep(t, 7);
    expect(await page.getByTestId('result').getAttribute('data-result')).toBe('refused');

    await forwardTo(t, 14); // a write to track 3 during division: the division bitmap records it
    const dividing = await expectStep(t, 14);
    expect(dividing.pairs[0]!.state).toBe('dividing');
    expect(dividing.writePlan?.[0]).toContain('P copy-before-write: track 3'); // the plan panel lists it (expectStep)
    expect(await page.getByTestId('result').getAttribute('data-result')).toBe('ok');
    await expect.poll(() => page.getByTestId('bitmap-P-gen').locator('.c.ptr').count()).toBe(1); // the division copy scans gen
    expect(await page.getByTestId('bitmap-P-div').locator('.c.ptr').count()).toBe(0); // and only gen

    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const divided = await expectStep(t, 16); // settle: the division copy ends
    expect(divided.pairs[0]!.state).toBe('divided');
    expect(divided.transitions.length).toBeGreaterThan(0);

    await page.getByTestId('prev').click();
    await expectStep(t, 15);
    await page.keyboard.press('ArrowLeft');
    await expectStep(t, 14);

    await page.keyboard.press('End');
    await expectStep(t, traces[t]!.steps.length);
    expect(await page.getByTestId('next').isDisabled()).toBe(true);
    await page.keyboard.press('Home');
    await expectStep(t, 1);
  });

  it('LC-E-1 on the literal variant: both copy processes run beside each other after the division request', async () => {
    const t = T.lcE1;
    await page.getByTestId('trace-select').selectOption(String(t));
    await forwardTo(t, 6);
    const snap = await expectStep(t, 6);
    expect(snap.processes.map((p) => p.kind)).toEqual(['generation', 'division']);
    for (const p of snap.processes) {
      const row = page.getByTestId(`process-${p.name}-${p.kind}`);
      expect(await row.getAttribute('data-position')).toBe(String(p.position));
      expect(await row.getAttribute('data-end')).toBe(String(p.end));
    }
  });

  /** Opens trace `t` at the step of trace line `line` through the step list; returns its 1-based index. */
  async function openAtLine(t: number, line: number): Promise<number> {
    const n = traces[t]!.steps.findIndex((s) => s.line === line) + 1;
    expect(n).toBeGreaterThan(0);
    await page.getByTestId('trace-select').selectOption(String(t));
    await page.getByTestId(`step-item-${n}`).click();
    await expectStep(t, n);
    return n;
  }

  it('a local copy volume is grey "not compared", never green "matches reference"', async () => {
    const t = T.division;
    await openAtLine(t, 9); // pairCreate: S:COPY now belongs to the pair
    const copy = page.getByTestId('volume-diff-S:COPY');
    expect(await copy.getAttribute('data-tracked')).toBe('false');
    expect(await copy.textContent()).toContain('not compared');
    expect(await copy.textContent()).not.toContain('matches reference');
    expect(await copy.locator('.c.untracked').count()).toBe(16);
    const original = page.getByTestId('volume-diff-S:ORIG');
    expect(await original.getAttribute('data-tracked')).toBe('true');
    expect(await original.textContent()).toContain('matches reference');
    expect(await original.locator('.c.untracked').count()).toBe(0);
    expect(await page.getByTestId('legend-untracked').isVisible()).toBe(true);
    await openAtLine(t, 8); // before the pair: S:COPY is compared like any volume
    expect(await page.getByTestId('volume-diff-S:COPY').getAttribute('data-tracked')).toBe('true');
  });

  it('remote copy after takeover: the takeover copy\'s bitmap is not hatched and only it carries its pointer', async () => {
    const t = T.takeover;
    await openAtLine(t, 17); // pair A created: its remote copy scans the difference bitmap
    expect(await page.getByTestId('bitmap-A-difference').locator('.c.ptr').count()).toBe(1);
    expect(await page.getByTestId('bitmap-A-difference').locator('.c.out').count()).toBe(13); // tracks 3–15: outside [0, 2]
    const target = page.getByTestId('volume-diff-T:DB'); // a partial target: 3 of its 16 tracks mapped
    expect(await target.getAttribute('data-tracked')).toBe('false');
    expect(await target.getAttribute('data-tracks')).toBe('16');
    expect(await target.getAttribute('data-mapped')).toBe('[[0,2]]');
    expect(await target.textContent()).toContain('16 tracks × 65536 B, partial: 3 mapped (0–2), the rest not allocated');
    expect(await target.locator('.c.unmapped').count()).toBe(13);
    expect(await target.locator('.c.untracked').count()).toBe(3);
    expect(await page.getByTestId('legend-unmapped').isVisible()).toBe(true);

    await openAtLine(t, 41); // takeover: the copy of A into B runs
    const pending = page.getByTestId('bitmap-A-takeoverPending');
    expect(await pending.getAttribute('data-set-count')).toBe('7');
    expect(await pending.locator('.c.out').count()).toBe(0);
    expect(await pending.locator('.c.ptr').count()).toBe(1);
    expect(await pending.textContent()).toContain('pointer 0 / 11 (takeoverCopy)');
    expect(await pending.textContent()).toContain('not limited to the pair\'s extents');
    const difference = page.getByTestId('bitmap-A-difference');
    expect(await difference.locator('.c.ptr').count()).toBe(0);
    expect(await difference.textContent()).not.toContain('takeoverCopy');
    expect(await page.getByTestId('volume-diff-T:DB').getAttribute('data-tracked')).toBe('true'); // the host's volume again
    expect(await page.getByTestId('volume-diff-T:DB').getAttribute('data-mapped')).toBeNull(); // takeover mapped it all
    expect(await page.getByTestId('volume-diff-T:DB').locator('.c.unmapped').count()).toBe(0);
    expect(await page.getByTestId('volume-diff-S:DB').getAttribute('data-on-failed-system')).toBe('true');

    await openAtLine(t, 49); // stepped by 2: the pointer follows on the pending bitmap only
    expect(await page.getByTestId('bitmap-A-takeoverPending').locator('.c.ptr').count()).toBe(1);
    expect(await page.getByTestId('bitmap-A-takeoverPending').textContent()).toContain('pointer 2 / 11 (takeoverCopy)');
    expect(await page.getByTestId('bitmap-A-difference').locator('.c.ptr').count()).toBe(0);
  });

  it('a big volume is drawn in at most 512 cells, and a trace name cannot break out of its script element', async () => {
    const t = T.big;
    await page.getByTestId('trace-select').selectOption(String(t));
    await expect.poll(() => counter().textContent()).toBe('step 1 / 1');
    const strip = page.getByTestId('bitmap-BIG-gen');
    expect(await strip.getAttribute('data-set-count')).toBe('3');
    const cells = await strip.locator('.c').count();
    expect(cells).toBeLessThanOrEqual(512);
    expect(cells).toBeGreaterThan(256);
    expect(await strip.locator('.c.ptr').count()).toBe(1);
    expect(await page.getByTestId('volume-diff-S:BIG').getAttribute('data-differing-count')).toBe('2');
    expect(await page.getByTestId('violations').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('trace-select').locator('option').nth(t).textContent()).toContain('</script>');
    expect(await page.getByTestId('systems').textContent()).toContain('not recorded in these snapshots'); // an older snapshot: no systems
  });

  it('systems and paths (examples/09): a path goes down and comes back, a failed system keeps its volumes listed', async () => {
    const t = T.sites;
    await openAtLine(t, 7); // link defined: a new path is not a change
    const path = page.getByTestId('link-PRIMARY-SECONDARY');
    expect(await path.getAttribute('data-changed')).toBe('false');
    await openAtLine(t, 11); // linkDown
    expect(await path.getAttribute('data-up')).toBe('false');
    expect(await path.getAttribute('data-changed')).toBe('true');
    expect(await path.textContent()).toContain('DOWN ← up');
    await openAtLine(t, 12); // refused: still down, no change
    expect(await path.getAttribute('data-changed')).toBe('false');
    await openAtLine(t, 13); // linkUp
    expect(await path.getAttribute('data-up')).toBe('true');
    expect(await path.getAttribute('data-changed')).toBe('true');

    await openAtLine(t, 18); // systemFail PRIMARY
    const primary = page.getByTestId('system-PRIMARY');
    expect(await primary.getAttribute('data-changed')).toBe('true');
    expect(await primary.textContent()).toContain('FAILED ← ok');
    expect(await page.getByTestId('system-SECONDARY').getAttribute('data-failed')).toBe('false');
    expect(await path.textContent()).toContain('leads to failed system PRIMARY');
    for (const key of ['PRIMARY:DB', 'PRIMARY:DB2']) {
      const volume = page.getByTestId(`volume-diff-${key}`);
      expect(await volume.getAttribute('data-on-failed-system')).toBe('true');
      expect(await volume.textContent()).toContain('on a failed system');
      expect(await volume.locator('.c.gone').count()).toBe(4);
    }
    expect(await page.getByTestId('legend-failed-system').isVisible()).toBe(true);
    await openAtLine(t, 19); // still failed, nothing new
    expect(await primary.getAttribute('data-failed')).toBe('true');
    expect(await primary.getAttribute('data-changed')).toBe('false');
  });

  it('RAID devices (examples/03): a device fails, is replaced and rebuilt, each change ringed', async () => {
    const t = T.raid5;
    const group = page.getByTestId('raid-group-S:RG');
    const device1 = page.getByTestId('device-S:RG-1');
    await openAtLine(t, 7);
    expect(await group.getAttribute('data-state')).toBe('redundant');
    await openAtLine(t, 8); // deviceFail 1
    expect(await group.getAttribute('data-state')).toBe('degraded');
    expect(await device1.getAttribute('data-health')).toBe('failed');
    expect(await device1.getAttribute('class')).toContain('changed');
    expect(await page.getByTestId('device-S:RG-0').getAttribute('data-health')).toBe('healthy');
    await openAtLine(t, 12); // deviceReplace 1: its rebuild starts
    expect(await device1.getAttribute('data-health')).toBe('rebuilding');
    expect(await group.getAttribute('data-rebuilding-devices')).toBe('1');
    expect(await group.textContent()).toContain('device 1 rebuilt 0 / 4');
    await openAtLine(t, 13); // one rebuild unit
    expect(await group.textContent()).toContain('device 1 rebuilt 1 / 4');
    expect(await device1.getAttribute('class')).not.toContain('changed');
    await openAtLine(t, 16); // settle: rebuilt
    expect(await device1.getAttribute('data-health')).toBe('healthy');
    expect(await device1.getAttribute('class')).toContain('changed');
    expect(await group.getAttribute('data-state')).toBe('redundant');
    expect(await group.textContent()).toContain('redundant ← degraded');
  });

  it('a local pair\'s divided extents (examples/07) and extents being updated (examples/06) in its row and under its strips', async () => {
    await openAtLine(T.extents, 10);
    expect(await page.getByTestId('pair-divided-P').count()).toBe(0);
    await openAtLine(T.extents, 11); // extentDivide [[2, 3], [10, 10]]
    expect(await page.getByTestId('pair-divided-P').textContent()).toBe('divided 2–3, 10');
    for (const b of ['gen', 'div', 'upd']) expect(await page.getByTestId(`bitmap-P-${b}`).locator('.c.divx').count()).toBe(3);
    expect(await page.getByTestId('bitmap-P-gen').locator('.c.divx').first().getAttribute('title')).toContain('in a divided extent');
    expect(await page.getByTestId('legend-divided').isVisible()).toBe(true);
    await openAtLine(T.extents, 23); // the extent couple copy ended: no divided extent left
    expect(await page.getByTestId('pair-divided-P').count()).toBe(0);
    expect(await page.getByTestId('bitmap-P-gen').locator('.c.divx').count()).toBe(0);
    await openAtLine(T.extents, 25); // divided again over 2–5
    expect(await page.getByTestId('bitmap-P-div').locator('.c.divx').count()).toBe(4);

    await openAtLine(T.division, 30); // extentUpdate [[2, 4]]
    expect(await page.getByTestId('pair-updating-P').textContent()).toBe('updating 2–4');
    expect(await page.getByTestId('bitmap-P-div').locator('.c.updx').count()).toBe(3);
    expect(await page.getByTestId('legend-updating').isVisible()).toBe(true);
    await openAtLine(T.division, 31);
    expect(await page.getByTestId('pair-updating-P').count()).toBe(0);
  });

  it('the summary shows the failure with its replay token, and the chart keeps its edge classes', async () => {
    expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('fail');
    expect(await page.getByTestId('replay-token').textContent()).toBe('{ seed: 7, path: "3:1", endOnFailure: true }');
    expect(await page.locator('#coverage g.edge.taken').count()).toBe(1);
    expect(await page.locator('#coverage g.edge.untaken').count()).toBe(1);
  });

  it('opens a snapshots file written by replay --json: a new entry, shown at step 1, stepping works', async () => {
    const { observeTrace } = await import('../src/observe/observe-trace.ts');
    const opened = observeTrace(await readFile(openedFile, 'utf8'), openedFile);
    const json = join(dir, 'migratory.json');
    await writeFile(json, `${JSON.stringify(opened)}\n`); // what replay --json writes
    const t = traces.push(opened) - 1;
    const select = page.getByTestId('trace-select');
    await page.getByTestId('open-file').setInputFiles(json);
    await expect.poll(() => select.inputValue()).toBe(String(t));
    expect(await select.locator('option').nth(t).textContent()).toBe(`${openedFile} (opened) (${opened.steps.length} steps)`);
    await expectStep(t, 1);
    await page.getByTestId('next').click();
    await expectStep(t, 2);
    expect(await page.getByTestId('open-error').isHidden()).toBe(true);
  });

  it('a file that is not a snapshots JSON shows an error and changes nothing', async () => {
    const select = page.getByTestId('trace-select');
    const before = { options: await select.locator('option').count(), value: await select.inputValue(), counter: await counter().textContent() };
    const error = page.getByTestId('open-error');
    const bad = [
      { file: 'trace.json', text: await readFile(openedFile, 'utf8'), says: 'is not JSON' }, // a .jsonl trace, not replayed
      { file: 'missing-lists.json', text: JSON.stringify({ name: 'x', steps: [{ line: 1, step: {}, result: {} }] }), says: 'step 1 has no "transitions" list' },
    ];
    for (const b of bad) {
      await writeFile(join(dir, b.file), b.text);
      await page.getByTestId('open-file').setInputFiles(join(dir, b.file));
      await expect.poll(() => error.textContent()).toContain(b.says);
      expect(await error.isVisible()).toBe(true);
      expect(await select.locator('option').count()).toBe(before.options);
      expect(await select.inputValue()).toBe(before.value);
      expect(await counter().textContent()).toBe(before.counter);
    }
    await page.getByTestId('open-file').setInputFiles(join(dir, 'migratory.json')); // a good file clears the error
    await expect.poll(() => error.isHidden()).toBe(true);
    expect(await select.locator('option').count()).toBe(before.options + 1);
  });

  it('no console error and no request beyond the file itself', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  });
});

/** Smallest label on screen, in CSS px (issue #15). */
const labelPxMin = 11;
/** How far a label's box may reach into another's or past its SVG's edge, in CSS px (glyph boxes are not ink). */
const overlapPxMax = 0.5;
/**
 * Arrows that Graphviz routes through a label's box (it places labels before routing and does
 * not steer splines around them): a known hazard, pinned so that it cannot grow unseen.
 */
const crossedLabelsMax = 4;

interface Rect { readonly x: number; readonly y: number; readonly right: number; readonly bottom: number }
/** A text element of a chart: an edge's or a state's label, the chart's title, or a cell of the transition table. */
interface Label extends Rect { readonly text: string; readonly kind: 'edge' | 'node' | 'title' | 'table'; readonly px: number }
interface ChartMeasure {
  readonly machine: string;
  /** Screen px per SVG unit. */
  readonly scale: number;
  readonly svg: Rect;
  readonly labels: Label[];
  /** Each edge's tooltip (its SVG <title>), by edge id. */
  readonly titles: Record<string, string>;
  /** `edge id through "label"`, for each arrow that passes through a label's box. */
  readonly crossings: string[];
  readonly scrolls: boolean;
  readonly fits: boolean;
}

/** Every chart as the browser lays it out (runs in the page). */
function measureInPage(blocks: Element[]): ChartMeasure[] {
  const rect = (r: DOMRect): Rect => ({ x: r.left, y: r.top, right: r.right, bottom: r.bottom });
  const kindOf = (t: Element): Label['kind'] => {
    const g = t.closest('g.node, g.edge, g.cluster');
    return g === null ? 'table' : g.classList.contains('node') ? 'node' : g.classList.contains('edge') ? 'edge' : 'title';
  };
  const throughLabels = (path: SVGPathElement, labels: Label[]): Label[] => {
    const m = path.getScreenCTM()!;
    const hit = new Set<Label>();
    for (let at = 0; at <= path.getTotalLength(); at += 2) {
      const p = path.getPointAtLength(at);
      const x = m.a * p.x + m.c * p.y + m.e;
      const y = m.b * p.x + m.d * p.y + m.f;
      for (const l of labels) if (x > l.x + 1 && x < l.right - 1 && y > l.y + 1 && y < l.bottom - 1) hit.add(l);
    }
    return [...hit];
  };
  return blocks.map((block) => {
    const svg = block.querySelector('.chart svg') as SVGSVGElement;
    const chart = svg.parentElement!;
    const labels = Array.from(svg.querySelectorAll('text')).map((t) => ({
      text: t.textContent ?? '', kind: kindOf(t), px: parseFloat(getComputedStyle(t).fontSize) * (t as SVGTextElement).getScreenCTM()!.a, ...rect(t.getBoundingClientRect()),
    }));
    const arrowLabels = labels.filter((l) => l.kind === 'edge' || l.kind === 'node');
    const edges = Array.from(svg.querySelectorAll('g.edge'));
    return {
      machine: block.getAttribute('data-testid')!.replace(/^coverage-/, ''),
      scale: svg.getScreenCTM()!.a,
      svg: rect(svg.getBoundingClientRect()),
      labels,
      titles: Object.fromEntries(edges.map((g) => [g.id, g.querySelector('title')?.textContent ?? ''])),
      crossings: edges.flatMap((g) => Array.from(g.querySelectorAll('path')).flatMap((p) => throughLabels(p as SVGPathElement, arrowLabels).map((l) => `${g.id} through "${l.text}"`))),
      scrolls: ['auto', 'scroll'].includes(getComputedStyle(chart).overflowX),
      fits: chart.scrollWidth >= Math.floor(svg.getBoundingClientRect().width),
    };
  });
}

function intersects(a: Rect, b: Rect): boolean {
  return Math.min(a.right, b.right) - Math.max(a.x, b.x) > overlapPxMax && Math.min(a.bottom, b.bottom) - Math.max(a.y, b.y) > overlapPxMax;
}

/** Pairs of labels of one chart whose boxes intersect. */
function overlaps(m: ChartMeasure): string[] {
  const found: string[] = [];
  m.labels.forEach((a, i) => m.labels.slice(i + 1).forEach((b) => {
    if (intersects(a, b)) found.push(`${m.machine}: ${a.kind} "${a.text}" × ${b.kind} "${b.text}"`);
  }));
  return found;
}

/** Labels of one chart that reach past its SVG's box. */
function outside(m: ChartMeasure): string[] {
  const s = m.svg;
  const past = (l: Label) => l.x < s.x - overlapPxMax || l.y < s.y - overlapPxMax || l.right > s.right + overlapPxMax || l.bottom > s.bottom + overlapPxMax;
  return m.labels.filter(past).map((l) => `${m.machine}: ${l.kind} "${l.text}" at x ${l.x.toFixed(0)}–${l.right.toFixed(0)}, y ${l.y.toFixed(0)}–${l.bottom.toFixed(0)}`);
}

describe.skipIf(!hasChromium)('report: every state chart can be read in a browser (issue #15)', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  let charts: ChartMeasure[];
  const machines = Object.keys(MACHINES);
  const graphs = new Map(machines.map((m) => [m, machineGraph(MACHINES[m]!)]));

  beforeAll(async () => {
    // Every other transition taken, painted as a campaign paints them (src/cli/campaign/campaign-report.ts).
    const coverage = machines.map((machine) => {
      const { states, edges } = graphs.get(machine)!;
      return { machine, states, statesReached: states.slice(0, 1), edges: edges.map((e, i) => ({ ...e, taken: i % 2 === 0 ? i + 1 : 0 })) };
    });
    const rendered = await Promise.all(coverage.map(async (c) => ({ machine: c.machine, svg: await machineSvg(c.machine, new Map(c.edges.map((e) => [e.key, e.taken]))) })));
    dir = await mkdtemp(join(tmpdir(), 'report-charts-'));
    const file = join(dir, 'report.html');
    await writeReport(file, { title: 'charts', summary: { ...failingSummary(), coverage }, charts: rendered, traces: [] });
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: browserArgs });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(pathToFileURL(file).href);
    charts = await page.$$eval('#coverage .machine', measureInPage);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('every machine has its chart, each arrow with its rule and seed step in its tooltip', () => {
    expect(charts.map((c) => c.machine).sort()).toEqual([...machines].sort());
    for (const c of charts) {
      for (const e of graphs.get(c.machine)!.edges) {
        const title = c.titles[edgeDomId(c.machine, e.key)];
        expect(title, e.key).toContain(e.rule);
        expect(title, e.key).toContain(e.seed);
      }
    }
  });

  it(`every label is at least ${labelPxMin} px on screen, all charts at one scale, a wide chart scrolls instead of shrinking`, () => {
    const sizes = charts.flatMap((c) => c.labels.map((l) => l.px));
    console.info(`report charts: smallest label ${Math.min(...sizes).toFixed(1)} px; scale ${charts.map((c) => `${c.machine} ${c.scale.toFixed(3)}`).join(', ')}`);
    expect(charts.flatMap((c) => c.labels.filter((l) => l.px < labelPxMin).map((l) => `${c.machine}: "${l.text}" ${l.px.toFixed(1)} px`))).toEqual([]);
    for (const c of charts) expect(c.scale, c.machine).toBeCloseTo(charts[0]!.scale, 3);
    for (const c of charts) expect(c.scrolls && c.fits, c.machine).toBe(true);
    expect(charts.some((c) => c.svg.right - c.svg.x > 1400), 'a chart wider than the page, to show it scrolls').toBe(true);
  });

  it('no two labels of a chart overlap, and none reaches past its SVG', () => {
    const overlapping = charts.flatMap(overlaps);
    const clipped = charts.flatMap(outside);
    console.info(`report charts: ${overlapping.length} overlapping label pairs, ${clipped.length} labels past their SVG`);
    expect(overlapping).toEqual([]);
    expect(clipped).toEqual([]);
  });

  it('the transition table is under the chart, a row per transition with its rule', () => {
    for (const c of charts) {
      const table = c.labels.filter((l) => l.kind === 'table');
      const chartBottom = Math.max(...c.labels.filter((l) => l.kind !== 'table').map((l) => l.bottom));
      expect(Math.min(...table.map((l) => l.y)), c.machine).toBeGreaterThanOrEqual(chartBottom);
      const cells = table.map((l) => l.text);
      for (const h of ['event', 'guard', 'from', 'to', 'rule', 'seed step']) expect(cells, c.machine).toContain(h);
      const edges = graphs.get(c.machine)!.edges;
      expect(cells.filter((t) => edges.some((e) => e.rule === t)), c.machine).toHaveLength(edges.length);
    }
  });

  it(`arrows run through at most ${crossedLabelsMax} labels in all (a known Graphviz hazard, pinned)`, () => {
    const crossings = charts.flatMap((c) => c.crossings);
    console.info(`report charts: ${crossings.length} arrows through a label${crossings.length ? `: ${crossings.join('; ')}` : ''}`);
    expect(crossings.length).toBeLessThanOrEqual(crossedLabelsMax);
  });
});

/** One step on a volume too big for one cell per track, with a violation and a hostile name. */
function bigVolumeTrace(): TraceSnapshots {
  const step: StepSnapshot = {
    line: 3,
    step: { op: 'write', system: 'S', volume: 'BIG', offset: 0 },
    result: { line: 3, op: 'write', ok: true },
    transitions: [],
    pairs: [{
      id: 'BIG', kind: 'local', machine: 'localPair', state: 'dividing', from: 'S:BIG', to: 'S:BIGCOPY', extents: null,
      bitmaps: [{ name: 'gen', tracks: bigVolumeTracks, set: [0, 1, 99_999] }], // the division copy scans gen
    }],
    processes: [{ name: 'BIG', kind: 'division', position: 50_000, end: bigVolumeTracks }],
    volumes: [{ key: 'S:BIG', tracks: bigVolumeTracks, trackBytes: 512, differing: [7, 70_000] }],
    violations: ['LC-INV-1: synthetic violation for the viewer'],
  };
  return { name: 'synthetic </script><script>throw new Error("escaped")</script>', header: null, steps: [step], exitCode: 0 };
}

function tinyChart(): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<svg width="60pt" height="40pt" viewBox="0 0 60 40" xmlns="http://www.w3.org/2000/svg">
<g id="edge1" class="edge taken"><path d="M0,10 L60,10"/></g>
<g id="edge2" class="edge untaken"><path d="M0,30 L60,30"/></g>
</svg>`;
}

function failingSummary(): CampaignSummary {
  const plan = makePlan({ seed: 7, runsPerProperty: 10, chunkRuns: 10, planted: null, properties: ['LC-INV-1', 'LC-E-1'] });
  const reached = { reachedStates: [], takenTransitions: [], witnesses: {} };
  const job = (index: number, runs: number, failed: boolean) => ({ index, chunk: 0, seed: 7, runs, commands: 0, witnesses: {}, failed });
  return {
    format: 'campaign-v2',
    plan,
    seed: 7,
    shard: { index: 1, count: 1 },
    runsPerProperty: 10,
    timeBudgetSeconds: null,
    workers: 1,
    millis: 1234,
    requireCoverage: false,
    verdict: 'failed',
    totals: { properties: 2, ok: 1, failed: 1, partial: 0, notRun: 0, plannedJobs: 2, plannedRuns: 20, jobsRan: 2, runs: 13, commands: 140 },
    witnessesMissed: [],
    properties: [
      {
        id: 'LC-INV-1', title: 'the copy reads as the original did', status: 'ok', plannedRuns: 10, plannedJobs: [0], ranJobs: [job(0, 10, false)],
        runs: 10, commands: 120, statesReached: 6, transitionsReached: 9, failed: false, millis: 800, ...reached,
      },
      {
        id: 'LC-E-1', title: 'literal division during generation', status: 'failed', plannedRuns: 10, plannedJobs: [1], ranJobs: [job(1, 3, true)],
        runs: 3, commands: 20, statesReached: 3, transitionsReached: 3, failed: true, millis: 400, ...reached,
        failure: { job: 1, seed: 7, path: '3:1', message: 'expected <division> alone', counterexample: '[pairCreate(P1), pairDivide(P1)]', regression: 'properties/regressions/lc-e-1.jsonl' },
      },
    ],
    traces: [{ file: 'examples/06-local-pair-division.jsonl', steps: 29, exitCode: 0 }],
    coverage: [{
      machine: 'localPair', states: ['generating', 'dividing', 'divided'], statesReached: ['generating', 'dividing'],
      edges: [
        { key: 'generating|PAIR_DIVIDE|dividing', source: 'generating', event: 'PAIR_DIVIDE', target: 'dividing', guard: null, rule: 'LC-R-2', seed: 'Fig. 17', taken: 4 },
        { key: 'dividing|DIVISION_COPY_DONE|divided', source: 'dividing', event: 'DIVISION_COPY_DONE', target: 'divided', guard: null, rule: 'LC-C-2', seed: 'Fig. 20', taken: 0 },
      ],
    }],
  };
}
