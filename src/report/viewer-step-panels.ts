/**
 * The trace viewer's panels of what one step says — request, result, machine transitions,
 * invariants, and the host write's plan (src/observe/write-plan-lines.ts: what was copied
 * before the write, sent to a target, recorded, fetched) — browser code spliced into
 * viewer-script.ts's closure (it uses that script's `el`, `badge`, `panel`, `resultKind` and
 * `extraResultFields`). Same rules as viewer-script.ts: no backtick, "${" or closing script tag.
 */
export const STEP_PANELS_SOURCE = String.raw`
  // ---- Panels ------------------------------------------------------------------------------

  function requestPanel(step) {
    var op = typeof step.step.op === 'string' ? step.step.op : '?';
    return panel('Request', null,
      el('div', { 'data-testid': 'step-line', class: 'muted' }, 'line ' + step.line + ' · ', el('code', null, op)),
      el('pre', { class: 'request', 'data-testid': 'step-request' }, JSON.stringify(step.step)));
  }

  function resultPanel(step) {
    var r = step.result;
    var kind = resultKind(r);
    var head;
    if (kind === 'ok') head = badge('good', 'ok');
    else if (kind === 'refused') {
      var why = r.op === 'trace' ? 'the trace is invalid: ' : 'as the trace expected: ';
      head = [badge(r.op === 'trace' ? 'bad' : 'warn', 'refused ' + r.error.code), ' ', el('span', { class: 'muted' }, why + r.error.message)];
    } else head = [badge('bad', 'expectation failed'), ' ', el('span', null, r.expectFailed),
      step.readMismatch ? el('div', { 'data-testid': 'read-mismatch' }, step.readMismatch) : null,
      r.error ? [' ', badge('warn', r.error.code), ' ', el('span', { class: 'muted' }, r.error.message)] : null];
    var extra = extraResultFields(r);
    return panel('Result', { 'data-testid': 'result', 'data-result': kind },
      el('div', null, head),
      extra ? el('details', null, el('summary', { class: 'muted' }, 'result fields'), el('pre', null, JSON.stringify(extra, null, 2))) : null);
  }

  function transitionsPanel(step) {
    var list = step.transitions.length === 0
      ? el('div', { class: 'note' }, 'no machine transition')
      : el('ul', { class: 'transitions' }, step.transitions.map(function (t) {
        return el('li', { title: t.edge }, t.actor + ' (' + t.machine + '): ' + t.from + ' —' + t.event + '→ ' + t.to);
      }));
    return panel('Machine transitions', { 'data-testid': 'transitions', 'data-count': step.transitions.length }, list);
  }

  function violationsPanel(step) {
    var n = step.violations.length;
    var attrs = { 'data-testid': 'violations', 'data-count': n, class: 'panel violations' + (n === 0 ? ' none' : '') };
    if (n === 0) return panel('Invariants', attrs, 'all invariants hold');
    return panel('Invariants violated', attrs, el('ul', null, step.violations.map(function (v) { return el('li', null, v); })));
  }

  /** The plan of an accepted host write; nothing for other steps and older snapshots. */
  function writePlanPanel(step) {
    var lines = step.writePlan || [];
    if (lines.length === 0) return null;
    return panel('Host write plan', { 'data-testid': 'write-plan', 'data-count': lines.length },
      el('ul', null, lines.map(function (x) { return el('li', null, x); })));
  }
`;
