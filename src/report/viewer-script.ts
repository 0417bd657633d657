import { BITMAPS_BEYOND_PAIR_AREA, SCANNED_BITMAP } from '../observe/bitmap-roles.ts';
import { OPEN_FILE_SOURCE } from './viewer-open-file.ts';
import { STEP_PANELS_SOURCE } from './viewer-step-panels.ts';
import { SYSTEMS_PANEL_SOURCE } from './viewer-systems.ts';
import { TRACK_STRIPS_SOURCE } from './viewer-strips.ts';

/**
 * The trace viewer's browser code, inlined into out/report.html. Plain DOM, no framework: it
 * reads the TraceSnapshots embedded in `<script type="application/json" id="traces">` and draws
 * one step at a time into the skeleton build-report.ts writes (ids below).
 *
 * Kept as a string rather than a compiled function because tsx/esbuild may inject helpers into
 * a function's source; it must not contain a backtick, "${" or a closing script tag.
 * `data-testid` attributes are what test/report.browser.test.ts reads: keep them stable.
 */
const VIEWER_SOURCE = String.raw`
(function () {
  'use strict';

  /** Badge colour of a pair state by what the pair is doing (see styles.ts). */
  var STATE_TONE = {
    generating: 'warn', dividing: 'warn', extentUpdating: 'warn', extentDividing: 'warn',
    extentCoupling: 'warn', copying: 'warn', migrating: 'warn', relocating: 'warn', takingOver: 'warn',
    generated: 'good', duplex: 'good', formationCompleted: 'good',
    divided: 'split', extentDivided: 'split', suspended: 'split', takenOver: 'split',
    simplex: 'idle', deleted: 'idle'
  };
  var RESULT_FIELDS_SHOWN = { line: true, op: true, ok: true, error: true, expectFailed: true };
  /** Lists every step snapshot has (src/observe/snapshot.ts StepSnapshot); the panels read them all. */
  var STEP_LISTS = ['transitions', 'pairs', 'processes', 'volumes', 'violations'];
  /** Lists newer snapshots add; absent from older ones, a list when present. */
  var OPTIONAL_STEP_LISTS = ['systems', 'links'];
  /** Process kind → the bitmap it scans; bitmaps not limited to the pair's extents (src/observe/bitmap-roles.ts). */
  var SCANNED_BITMAP = @SCANNED_BITMAP@;
  var BEYOND_PAIR_AREA = @BEYOND_PAIR_AREA@;

  var traces = JSON.parse(document.getElementById('traces').textContent);
  var view = { trace: 0, step: 0 };

  // ---- DOM helpers -------------------------------------------------------------------------

  /** el('td', { class: 'num', 'data-testid': 'x' }, 'text', childNode, ...) */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === undefined || value === null) return;
      if (name === 'onclick') node.addEventListener('click', value);
      else node.setAttribute(name, String(value));
    });
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function append(node, child) {
    if (child === undefined || child === null || child === false) return;
    if (Array.isArray(child)) child.forEach(function (c) { append(node, c); });
    else node.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }

  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }

  function byId(id) { return document.getElementById(id); }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function badge(tone, text, attrs) {
    var a = Object.assign({ class: 'badge ' + tone }, attrs || {});
    return el('span', a, text);
  }

  function panel(title, attrs) {
    var children = Array.prototype.slice.call(arguments, 2);
    return el('div', Object.assign({ class: 'panel' }, attrs || {}), el('h4', null, title), children);
  }

  // ---- What a step says --------------------------------------------------------------------

  function currentTrace() { return traces[view.trace]; }

  function stepAt(trace, index) { return index >= 0 && index < trace.steps.length ? trace.steps[index] : null; }

  /** 'ok', 'refused' (the trace expected the refusal) or 'expect-failed'. */
  function resultKind(result) {
    if (result.expectFailed !== undefined) return 'expect-failed';
    return result.ok ? 'ok' : 'refused';
  }

  function extraResultFields(result) {
    var extra = {};
    Object.keys(result).forEach(function (k) { if (!RESULT_FIELDS_SHOWN[k]) extra[k] = result[k]; });
    return Object.keys(extra).length > 0 ? extra : null;
  }

  function findPair(step, id) {
    if (!step) return null;
    for (var i = 0; i < step.pairs.length; i++) if (step.pairs[i].id === id) return step.pairs[i];
    return null;
  }

  function findBitmap(pair, name) {
    if (!pair) return null;
    for (var i = 0; i < pair.bitmaps.length; i++) if (pair.bitmaps[i].name === name) return pair.bitmaps[i];
    return null;
  }

  function findVolume(step, key) {
    if (!step) return null;
    for (var i = 0; i < step.volumes.length; i++) if (step.volumes[i].key === key) return step.volumes[i];
    return null;
  }

  /** Copy pointers of the running processes of a pair (same name as the pair id) that scan this bitmap. */
  function pointersOf(step, pairId, bitmapName) {
    return step.processes.filter(function (p) { return p.name === pairId && p.position < p.end && SCANNED_BITMAP[p.kind] === bitmapName; });
  }

@TRACK_STRIPS@
  // ---- Bitmaps and volumes ----------------------------------------------------------------

  function bitmapView(pair, bitmap, step, previousStep) {
    var pointers = pointersOf(step, pair.id, bitmap.name).filter(function (p) { return p.position < bitmap.tracks; });
    var previous = findBitmap(findPair(previousStep, pair.id), bitmap.name);
    var beyond = BEYOND_PAIR_AREA.indexOf(bitmap.name) >= 0;
    var drawn = strip({ tracks: bitmap.tracks, set: bitmap.set, previous: previous ? previous.set : null, pointers: pointers,
      extents: beyond ? null : pair.extents, marks: extentMarks(pair) });
    var pointerText = pointers.map(function (p) { return ' · pointer ' + p.position + ' / ' + p.end + ' (' + p.kind + ')'; }).join('');
    var label = el('div', { class: 'strip-label' }, el('b', null, bitmap.name), ' ', bitmap.set.length + ' / ' + bitmap.tracks + ' set',
      pointerText, beyond ? ' · not limited to the pair\'s extents' : '', bucketNote(drawn.bucket));
    var testid = 'bitmap-' + pair.id + '-' + bitmap.name;
    return el('div', { class: 'strip-wrap', 'data-testid': testid, 'data-set-count': bitmap.set.length, 'data-tracks': bitmap.tracks },
      label, drawn.node);
  }

  /** A local pair's divided extents and extents being updated, marked under its bitmap strips. */
  function extentMarks(pair) {
    var marks = [];
    if (pair.dividedExtents && pair.dividedExtents.length > 0) marks.push({ extents: pair.dividedExtents, cls: 'divx', words: 'in a divided extent' });
    if (pair.updateExtents && pair.updateExtents.length > 0) marks.push({ extents: pair.updateExtents, cls: 'updx', words: 'in an extent being updated' });
    return marks;
  }

  function countTracks(ranges) { return ranges.reduce(function (n, r) { return n + r[1] - r[0] + 1; }, 0); }

  /**
   * A volume's tracks against the checker's reference. One with tracked === false (a pair's
   * copy or target: the pair's checker owns its bytes) was not compared: grey, never "matches".
   * A partial volume's unmapped tracks are drawn empty ("not allocated"); a volume on a failed
   * system stays listed, dark, never read. Snapshots of older versions carry no mapped range
   * (nor systems): a partial target is then drawn at its volume's full size and says so.
   */
  function volumeView(volume, step, previousStep) {
    var untracked = volume.tracked === false;
    var previous = findVolume(previousStep, volume.key);
    var previousSet = previous && previous.tracked !== false ? previous.differing : null;
    var drawn = strip({ tracks: volume.tracks, set: volume.differing, previous: untracked ? null : previousSet, pointers: [], volume: true,
      untracked: untracked, mapped: volume.mapped || null, gone: volume.onFailedSystem === true });
    var count = volume.differing.length;
    var verdict = volume.onFailedSystem ? badge('bad', 'on a failed system', { title: 'its system has failed: the volume is kept listed, nothing is read from it' })
      : untracked ? badge('idle', 'not compared', { title: 'no reference: its pair\'s checker owns these bytes (see the invariants)' })
      : count === 0 ? badge('good', 'matches reference') : badge('bad', count + ' differ');
    var size = volume.tracks + ' tracks × ' + volume.trackBytes + ' B';
    if (volume.mapped) size += ', partial: ' + countTracks(volume.mapped) + ' mapped (' + extentsText(volume.mapped) + '), the rest not allocated';
    else if (untracked && !Array.isArray(step.systems)) size += ' (drawn at the volume\'s size: an older snapshot records no mapped range)';
    var label = el('div', { class: 'strip-label' }, el('b', null, volume.key), ' ', verdict, ' ', size, bucketNote(drawn.bucket));
    return el('div', { class: 'strip-wrap', 'data-testid': 'volume-diff-' + volume.key, 'data-differing-count': count,
      'data-tracked': untracked ? 'false' : 'true', 'data-tracks': volume.tracks,
      'data-mapped': volume.mapped ? JSON.stringify(volume.mapped) : null, 'data-on-failed-system': volume.onFailedSystem ? 'true' : null }, label, drawn.node);
  }

@STEP_PANELS@
  function extentsText(extents) {
    if (extents === null) return 'whole volume';
    return extents.map(function (e) { return e[0] === e[1] ? String(e[0]) : e[0] + '–' + e[1]; }).join(', ');
  }

  /** A local pair's divided extents and extents being updated, under its own extents; ringed when changed. */
  function localExtents(pair, before) {
    var kinds = [['dividedExtents', 'divided', 'pair-divided-'], ['updateExtents', 'updating', 'pair-updating-']];
    return kinds.filter(function (k) { return pair[k[0]] && pair[k[0]].length > 0; }).map(function (k) {
      var text = extentsText(pair[k[0]]);
      var was = before && before[k[0]] ? extentsText(before[k[0]]) : null;
      var changed = before !== null && was !== text;
      return el('div', { 'data-testid': k[2] + pair.id, class: changed ? 'changed-text' : null },
        el('span', { class: 'badge ' + (k[1] === 'divided' ? 'split' : 'warn') }, k[1]), ' ' + text);
    });
  }

  function pairsPanel(step, previousStep) {
    if (step.pairs.length === 0) return panel('Pairs', { 'data-testid': 'pairs' }, el('div', { class: 'note' }, 'no pair'));
    var rows = [];
    step.pairs.forEach(function (pair) {
      var before = findPair(previousStep, pair.id);
      var changed = before !== null && before.state !== pair.state;
      rows.push(el('tr', { 'data-testid': 'pair-row-' + pair.id, 'data-state': pair.state },
        el('td', null, el('b', null, pair.id)),
        el('td', null, pair.kind, el('span', { class: 'muted' }, ' · ' + pair.machine)),
        el('td', null, badge(STATE_TONE[pair.state] || 'idle', pair.state), changed ? el('span', { class: 'muted' }, ' ← ' + before.state) : null),
        el('td', { class: 'mono' }, pair.from + ' → ' + pair.to),
        el('td', { class: 'mono' }, extentsText(pair.extents), localExtents(pair, before))));
      if (pair.bitmaps.length > 0) {
        rows.push(el('tr', { class: 'bitmaps' }, el('td', null), el('td', { colspan: 4 },
          pair.bitmaps.map(function (b) { return bitmapView(pair, b, step, previousStep); }))));
      }
    });
    var head = el('tr', null, ['Pair', 'Kind · machine', 'State', 'From → to', 'Extents'].map(function (h) { return el('th', null, h); }));
    return panel('Pairs', { 'data-testid': 'pairs' }, el('table', { class: 'grid' }, el('thead', null, head), el('tbody', null, rows)));
  }

  function processesPanel(step) {
    if (step.processes.length === 0) return panel('Processes', { 'data-testid': 'processes' }, el('div', { class: 'note' }, 'no background process'));
    var rows = step.processes.map(function (p) {
      var done = p.end > 0 ? Math.min(1, p.position / p.end) : 1;
      return el('tr', { 'data-testid': 'process-' + p.name + '-' + p.kind, 'data-position': p.position, 'data-end': p.end },
        el('td', { class: 'mono' }, p.name),
        el('td', null, p.kind),
        el('td', { class: 'num' }, p.position + ' / ' + p.end),
        el('td', null, el('span', { class: 'progress' }, el('span', { style: 'width:' + (done * 100).toFixed(1) + '%' }))));
    });
    var head = el('tr', null, el('th', null, 'Process'), el('th', null, 'Kind'), el('th', { class: 'num' }, 'Pointer / end'), el('th', null, 'Progress'));
    return panel('Processes (copy pointers)', { 'data-testid': 'processes' }, el('table', { class: 'grid' }, el('thead', null, head), el('tbody', null, rows)));
  }

  function volumesPanel(step, previousStep) {
    var body = step.volumes.length === 0
      ? el('div', { class: 'note' }, 'no volume')
      : step.volumes.map(function (v) { return volumeView(v, step, previousStep); });
    return panel('Volumes: tracks that differ from the reference', { 'data-testid': 'volumes' }, body);
  }

@SYSTEMS_PANEL@
  // ---- Rendering ---------------------------------------------------------------------------

  function renderTraceSelect() {
    var select = byId('trace-select');
    clear(select);
    traces.forEach(function (t, i) { select.appendChild(el('option', { value: i }, t.name + ' (' + plural(t.steps.length, 'step') + ')')); });
    select.value = String(view.trace);
  }

  function renderTraceHead(trace) {
    var head = byId('trace-head');
    clear(head);
    var h = trace.header || {};
    var exit = trace.exitCode === 0 ? badge('good', 'exit 0: all steps held')
      : trace.exitCode === 1 ? badge('bad', 'exit 1: an expectation failed') : badge('bad', 'exit 2: invalid trace');
    append(head, [el('h3', { 'data-testid': 'trace-name' }, typeof h.name === 'string' ? h.name : trace.name), ' ', exit,
      h.variant ? [' ', badge('idle', 'variant ' + h.variant)] : null,
      el('div', { class: 'muted' }, el('code', null, trace.name), typeof h.description === 'string' ? ' — ' + h.description : '')]);
  }

  /** The states the step's transitions ended in, e.g. "→ dividing", so the list reads as a story. */
  function landedIn(step) {
    if (step.transitions.length === 0) return null;
    var targets = step.transitions.map(function (t) { return t.to; });
    var distinct = targets.filter(function (t, i) { return targets.indexOf(t) === i; });
    return el('span', { class: 'to' }, '→ ' + distinct.join(', '));
  }

  function renderStepList(trace) {
    var list = byId('step-list');
    clear(list);
    trace.steps.forEach(function (s, i) {
      var kind = s.violations.length > 0 ? 'violated' : resultKind(s.result);
      var op = typeof s.step.op === 'string' ? s.step.op : '?';
      list.appendChild(el('li', { 'data-testid': 'step-item-' + (i + 1), 'data-index': i, title: 'line ' + s.line + ': ' + kind, onclick: function () { go(i); } },
        el('span', { class: 'n' }, i + 1), el('span', { class: 'dot ' + kind }), op, landedIn(s)));
    });
  }

  /** Highlights the current step and scrolls the list only (scrollIntoView would scroll the page too). */
  function markCurrentInList(list, index) {
    Array.prototype.forEach.call(list.children, function (li, i) { li.classList.toggle('current', i === index); });
    var li = list.children[index];
    if (!li) return;
    var top = li.offsetTop; // the list is positioned, so offsets are relative to it
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + li.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = top + li.offsetHeight - list.clientHeight;
  }

  function renderStep() {
    var trace = currentTrace();
    var n = trace.steps.length;
    byId('step-counter').textContent = 'step ' + (n === 0 ? 0 : view.step + 1) + ' / ' + n;
    byId('first').disabled = byId('prev').disabled = view.step <= 0;
    byId('next').disabled = byId('last').disabled = view.step >= n - 1;
    markCurrentInList(byId('step-list'), view.step);
    var target = byId('step-view');
    clear(target);
    var step = stepAt(trace, view.step);
    if (!step) { target.appendChild(el('div', { class: 'note' }, 'this trace has no step')); return; }
    var previousStep = stepAt(trace, view.step - 1);
    append(target, [requestPanel(step),
      el('div', { class: 'panel-row' }, resultPanel(step), transitionsPanel(step), violationsPanel(step)),
      writePlanPanel(step),
      systemsPanel(step, previousStep), pairsPanel(step, previousStep), processesPanel(step), volumesPanel(step, previousStep)]);
    history.replaceState(null, '', '#trace=' + view.trace + '&step=' + (view.step + 1));
  }

  // ---- Navigation --------------------------------------------------------------------------

  function go(index) {
    var n = currentTrace().steps.length;
    view.step = Math.max(0, Math.min(n - 1, index));
    renderStep();
  }

  function openTrace(index, stepIndex) {
    view.trace = Math.max(0, Math.min(traces.length - 1, index));
    view.step = 0;
    byId('trace-select').value = String(view.trace);
    renderTraceHead(currentTrace());
    renderStepList(currentTrace());
    go(stepIndex || 0);
  }

  function onKey(e) {
    if (e.altKey || e.ctrlKey || e.metaKey || traces.length === 0) return;
    var tag = e.target && e.target.tagName;
    if (tag === 'SELECT' || tag === 'INPUT' || tag === 'TEXTAREA') return;
    var moves = { ArrowRight: view.step + 1, ArrowLeft: view.step - 1, Home: 0, End: Infinity };
    if (!(e.key in moves)) return;
    e.preventDefault();
    go(moves[e.key] === Infinity ? currentTrace().steps.length - 1 : moves[e.key]);
  }

  function fromHash() {
    var m = /trace=(\d+)&step=(\d+)/.exec(location.hash);
    return m ? { trace: Number(m[1]), step: Number(m[2]) - 1 } : { trace: 0, step: 0 };
  }

@OPEN_FILE@
  function start() {
    byId('open-file').addEventListener('change', onOpenFile);
    byId('trace-select').addEventListener('change', function (e) { openTrace(Number(e.target.value)); e.target.blur(); });
    byId('first').addEventListener('click', function () { go(0); });
    byId('prev').addEventListener('click', function () { go(view.step - 1); });
    byId('next').addEventListener('click', function () { go(view.step + 1); });
    byId('last').addEventListener('click', function () { go(currentTrace().steps.length - 1); });
    document.addEventListener('keydown', onKey);
    if (traces.length === 0) {
      ['first', 'prev', 'next', 'last'].forEach(function (id) { byId(id).disabled = true; });
      byId('step-view').appendChild(el('div', { class: 'note' }, 'no trace was embedded in this report: open a snapshots file'));
      return;
    }
    renderTraceSelect();
    var at = fromHash();
    openTrace(at.trace, at.step);
  }

  start();
})();
`;

/**
 * The viewer script with bitmap-roles.ts's tables filled in (plain JSON: no backtick, "${" or
 * tag), and the track strips (viewer-strips.ts), the systems panel (viewer-systems.ts), the
 * step panels (viewer-step-panels.ts) and the opening of a snapshots file (viewer-open-file.ts)
 * spliced into its closure.
 */
export const VIEWER_SCRIPT = VIEWER_SOURCE
  .replace('@SCANNED_BITMAP@', () => JSON.stringify(SCANNED_BITMAP))
  .replace('@BEYOND_PAIR_AREA@', () => JSON.stringify(BITMAPS_BEYOND_PAIR_AREA))
  .replace('@TRACK_STRIPS@', () => TRACK_STRIPS_SOURCE)
  .replace('@SYSTEMS_PANEL@', () => SYSTEMS_PANEL_SOURCE)
  .replace('@STEP_PANELS@', () => STEP_PANELS_SOURCE)
  .replace('@OPEN_FILE@', () => OPEN_FILE_SOURCE);
