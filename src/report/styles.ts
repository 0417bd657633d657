/**
 * The report's CSS, inlined into out/report.html so the file works offline.
 *
 * Colours carry one meaning each, everywhere in the report:
 * green = holds / taken / in sync, red = fails / differs, amber = copy in progress or a
 * refusal the trace expected, blue = split (divided, suspended) and the copy pointer,
 * orange = a set bitmap bit (a track still to copy or recorded as changed), grey = not
 * compared (a volume the checker's reference does not track), white dotted = not allocated
 * (a partial volume's unmapped tracks), dark hatched = on a failed system.
 */
export const REPORT_CSS = String.raw`
:root {
  --ink: #1f2328;
  --muted: #59636e;
  --line: #d1d9e0;
  --panel: #f6f8fa;
  --good: #1a7f37;
  --good-bg: #dafbe1;
  --bad: #cf222e;
  --bad-bg: #ffebe9;
  --warn: #9a6700;
  --warn-bg: #fff8c5;
  --split: #0969da;
  --split-bg: #ddf4ff;
  --idle-bg: #eaeef2;
  --bit-set: #e8590c;
  --bit-clear: #e6e9ed;
  --track-same: #b4e2c0;
  --track-differs: #cf222e;
  --track-untracked: #aeb6bf;
  --pointer: #0550ae;
  --changed: #8250df;
  --mono: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace;
  --sans: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Helvetica, Arial, sans-serif;
}
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 var(--sans); color: var(--ink); background: #fff; }
header.top { position: sticky; top: 0; z-index: 5; display: flex; gap: 24px; align-items: baseline;
  padding: 10px 24px; background: #24292f; color: #fff; }
header.top h1 { margin: 0; font-size: 17px; font-weight: 600; }
header.top nav a { color: #c9d1d9; margin-right: 16px; text-decoration: none; }
header.top nav a:hover { color: #fff; text-decoration: underline; }
main { padding: 8px 24px 48px; max-width: 1500px; }
section { margin-top: 24px; scroll-margin-top: 48px; }
h2 { font-size: 19px; margin: 0 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 16px 0 6px; }
code, pre, .mono { font-family: var(--mono); font-size: 12.5px; }
pre { margin: 0; white-space: pre-wrap; word-break: break-all; }
.muted { color: var(--muted); }
.note { color: var(--muted); font-style: italic; }

table.grid { border-collapse: collapse; width: 100%; margin: 6px 0; }
table.grid th, table.grid td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
table.grid th { background: var(--panel); font-weight: 600; font-size: 12.5px; color: var(--muted); }
table.grid td.num, table.grid th.num { text-align: right; font-family: var(--mono); white-space: nowrap; }
table.grid tr.failed > td:first-child { border-left: 3px solid var(--bad); }
table.grid tr.failure-detail td { background: var(--bad-bg); }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0; }
dl.kv dt { color: var(--muted); }
dl.kv dd { margin: 0; font-family: var(--mono); font-size: 12.5px; }

.verdict { font-size: 16px; font-weight: 600; padding: 8px 12px; border-radius: 6px; margin: 8px 0; }
.verdict.pass { color: var(--good); background: var(--good-bg); }
.verdict.fail { color: var(--bad); background: var(--bad-bg); }
.verdict.incomplete { color: var(--warn); background: var(--warn-bg); }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; font-family: var(--mono);
  border: 1px solid transparent; white-space: nowrap; }
.badge.good { color: var(--good); background: var(--good-bg); border-color: #aceebb; }
.badge.bad { color: var(--bad); background: var(--bad-bg); border-color: #ffcecb; }
.badge.warn { color: var(--warn); background: var(--warn-bg); border-color: #f5e0a0; }
.badge.split { color: var(--split); background: var(--split-bg); border-color: #b6e3ff; }
.badge.idle { color: var(--muted); background: var(--idle-bg); border-color: var(--line); }

/* Machine coverage */
.machine { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px 12px; margin: 12px 0; }
.machine h3 { margin-top: 4px; }
.machine h3 .muted { font-weight: normal; font-size: 13px; margin-left: 8px; }
.unreached h4 { font-size: 13px; margin: 8px 0 2px; }
.meter { display: inline-block; width: 120px; height: 8px; background: var(--bit-clear); border-radius: 4px;
  vertical-align: middle; overflow: hidden; margin: 0 6px; }
.meter > span { display: block; height: 100%; background: var(--good); }
.machine-body { display: flex; gap: 20px; align-items: flex-start; flex-wrap: wrap; }
/* Every chart at the SVG's own size, one scale for all (issue #15): a wide one scrolls sideways, never shrinks. */
.chart { flex: 0 1 auto; min-width: 0; max-width: 100%; overflow-x: auto; overflow-y: hidden; }
.chart svg { display: block; max-width: none; height: auto; }
.chart g.edge.taken path { stroke: var(--good); stroke-width: 2.2px; }
.chart g.edge.taken polygon { stroke: var(--good); fill: var(--good); }
.chart g.edge.taken text { fill: var(--good); }
.chart g.edge.untaken path { stroke: #8c959f; stroke-dasharray: 5 4; }
.chart g.edge.untaken polygon { stroke: #8c959f; fill: #8c959f; }
.chart g.edge.untaken text { fill: #8c959f; }
.unreached { flex: 1 1 320px; min-width: 280px; }
.unreached ul { margin: 4px 0; padding-left: 18px; }
.unreached li { font-family: var(--mono); font-size: 12.5px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: center; color: var(--muted); font-size: 12.5px; margin: 6px 0; }
.legend .swatch { display: inline-block; width: 12px; height: 12px; vertical-align: -2px; margin-right: 4px; border-radius: 2px; }
.legend .line { display: inline-block; width: 26px; height: 0; vertical-align: middle; margin-right: 4px; }
.legend .line.taken { border-top: 2.5px solid var(--good); }
.legend .line.untaken { border-top: 2px dashed #8c959f; }

/* Trace viewer */
.viewer { display: grid; grid-template-columns: 260px 1fr; gap: 16px; align-items: start; }
.viewer aside { position: sticky; top: 52px; max-height: calc(100vh - 64px); display: flex; flex-direction: column; gap: 8px; }
.viewer select { width: 100%; font: inherit; padding: 4px; }
.open-file { font-size: 12.5px; color: var(--muted); }
.open-file input { width: 100%; font: inherit; }
.open-error { color: var(--bad); background: var(--bad-bg); border-radius: 4px; padding: 4px 8px; font-size: 12.5px; overflow-wrap: anywhere; }
ol.steps { position: relative; list-style: none; margin: 0; padding: 0; overflow: auto; border: 1px solid var(--line); border-radius: 6px; flex: 1 1 auto; }
ol.steps li { display: flex; gap: 8px; align-items: center; padding: 2px 8px; cursor: pointer; font-family: var(--mono); font-size: 12px;
  border-bottom: 1px solid #eef1f4; }
ol.steps li:hover { background: var(--panel); }
ol.steps li.current { background: var(--split-bg); font-weight: 600; }
ol.steps li .n { flex: none; color: var(--muted); width: 3.2em; text-align: right; }
ol.steps li .to { color: var(--muted); font-weight: normal; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; flex: none; }
.dot.ok { background: var(--good); }
.dot.refused { background: #d4a72c; }
.dot.expect-failed, .dot.violated { background: var(--bad); }
.controls { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; position: sticky; top: 44px; z-index: 4;
  background: #fff; padding: 8px 0; border-bottom: 1px solid var(--line); }
.controls button { font: inherit; padding: 3px 12px; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); cursor: pointer; }
.controls button:hover:not(:disabled) { background: #eaeef2; }
.controls button:disabled { opacity: 0.45; cursor: default; }
.counter { font-family: var(--mono); font-weight: 600; min-width: 8em; text-align: center; }
.keys { color: var(--muted); font-size: 12px; }
.trace-head { margin: 6px 0; }
.panel { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
.panel-row { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 10px; margin: 10px 0; }
.panel-row > .panel { margin: 0; }
.panel > h4 { margin: 0 0 6px; font-size: 13px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
.request { background: var(--panel); border-radius: 4px; padding: 6px 8px; max-height: 9em; overflow: auto; }
ul.transitions { margin: 0; padding-left: 18px; font-family: var(--mono); font-size: 12.5px; }
.violations ul { margin: 0; padding-left: 18px; color: var(--bad); font-family: var(--mono); font-size: 12.5px; }
.violations.none { color: var(--good); }
.progress { display: inline-block; width: 160px; height: 8px; background: var(--bit-clear); border-radius: 4px; overflow: hidden; vertical-align: middle; }
.progress > span { display: block; height: 100%; background: var(--pointer); }

/* Systems and paths: one block per system, one square per device. */
.sites { display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: flex-start; }
.site { border-left: 3px solid transparent; padding: 2px 8px; }
.site.changed, .path.changed { border-left-color: var(--changed); background: #fbefff; }
.site.failed .group { opacity: 0.5; }
.site h5 { margin: 0 0 2px; font-size: 13px; }
.site .group { font-family: var(--mono); font-size: 12px; margin: 2px 0; }
.dev { display: inline-block; width: 12px; height: 12px; margin-right: 2px; border-radius: 2px; vertical-align: -2px; background: var(--good); }
.dev.failed { background: var(--bad); }
.dev.rebuilding { background: #d4a72c; }
.dev.changed { box-shadow: 0 0 0 2px var(--changed); }
.changed-text { box-shadow: inset 3px 0 0 var(--changed); padding-left: 6px; }
.paths { list-style: none; margin: 6px 0 0; padding: 0; font-family: var(--mono); font-size: 12.5px; }
.path { border-left: 3px solid transparent; padding: 1px 8px; width: fit-content; }

/* Track strips: one cell per track (or per bucket of tracks on big volumes). */
.strip-wrap { margin: 2px 0 6px; }
.strip-label { font-family: var(--mono); font-size: 12px; color: var(--muted); }
.strip-label b { color: var(--ink); font-weight: 600; }
/* 64 tracks a row: 64 cells of 11px + 1px gap, plus 4px after every 8th (viewer-strips.ts CELL_GROUP). */
.strip { display: flex; flex-wrap: wrap; gap: 1px; row-gap: 6px; padding-top: 6px; max-width: calc(64 * 12px + 8 * 4px); }
.strip .c { position: relative; width: 11px; height: 16px; background: var(--bit-clear); border-radius: 1px; }
.strip .c.set { background: var(--bit-set); }
.strip .c.part { background: var(--bit-set); opacity: 0.5; }
.strip.volume .c { background: var(--track-same); }
.strip.volume .c.set { background: var(--track-differs); opacity: 1; }
.strip.volume .c.part { background: var(--track-differs); opacity: 0.5; }
.strip.volume .c.untracked { background: var(--track-untracked); }
.strip .c.out { background-image: repeating-linear-gradient(135deg, rgba(31,35,40,0.3) 0 1.5px, transparent 1.5px 4px); }
.strip .c.changed { box-shadow: inset 0 0 0 2px var(--changed); }
/* A partial volume's tracks that no LDEV backs; a failed system's volume, never read. */
.strip .c.unmapped, .strip.volume .c.unmapped { background: #fff; border: 1px dotted #8c959f; }
.strip.volume .c.gone { background-color: #57606a; background-image: repeating-linear-gradient(45deg, rgba(255,255,255,0.35) 0 1.5px, transparent 1.5px 4px); }
/* A local pair's divided extents (blue bar) and extents being updated (amber bar) under the cells. */
.strip .c.divx::after, .strip .c.updx::after { content: ""; position: absolute; left: 0; right: -1px; bottom: -5px; height: 3px; }
.strip .c.divx::after { background: var(--split); }
.strip .c.updx::after { background: #d4a72c; }
.strip .c.ptr { outline: 2px solid var(--pointer); outline-offset: 0; }
.strip .c.ptr::before { content: ""; position: absolute; left: 50%; top: -7px; transform: translateX(-50%);
  border: 4px solid transparent; border-top: 5px solid var(--pointer); border-bottom: 0; }
.legend .swatch.set { background: var(--bit-set); }
.legend .swatch.clear { background: var(--bit-clear); }
.legend .swatch.same { background: var(--track-same); }
.legend .swatch.differs { background: var(--track-differs); }
.legend .swatch.untracked { background: var(--track-untracked); }
.legend .swatch.ptr { background: var(--bit-clear); outline: 2px solid var(--pointer); }
.legend .swatch.out { background-color: var(--bit-clear); background-image: repeating-linear-gradient(135deg, rgba(31,35,40,0.3) 0 1.5px, transparent 1.5px 4px); }
.legend .swatch.unmapped { background: #fff; border: 1px dotted #8c959f; }
.legend .swatch.gone { background-color: #57606a; background-image: repeating-linear-gradient(45deg, rgba(255,255,255,0.35) 0 1.5px, transparent 1.5px 4px); }
.legend .swatch.divx { background: var(--bit-clear); border-bottom: 3px solid var(--split); }
.legend .swatch.updx { background: var(--bit-clear); border-bottom: 3px solid #d4a72c; }
.legend .swatch.changed { background: var(--bit-clear); box-shadow: inset 0 0 0 2px var(--changed); }
`;
