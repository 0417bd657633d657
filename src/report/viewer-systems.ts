/**
 * The trace viewer's "Systems and paths" panel, browser code spliced into viewer-script.ts's
 * closure (it uses that script's `el`, `badge` and `panel`). Per step: each system with an
 * ok / FAILED badge and its RAID groups, one square per device (healthy, failed, rebuilding),
 * and each inter-controller path up or down; what changed since the previous step is ringed
 * and says what it was, as the other panels do. Snapshots of older versions have no
 * `systems`: the panel says so. Same rules as viewer-script.ts: no backtick, "${" or closing
 * script tag.
 */
export const SYSTEMS_PANEL_SOURCE = String.raw`
  // ---- Systems and paths -------------------------------------------------------------------

  function findById(list, id) {
    for (var i = 0; i < (list || []).length; i++) if (list[i].id === id) return list[i];
    return null;
  }

  function deviceHealth(group, device) {
    if (!group) return null;
    if (group.failed.indexOf(device) >= 0) return 'failed';
    return group.rebuilding.some(function (r) { return r.device === device; }) ? 'rebuilding' : 'healthy';
  }

  /** 'redundant', 'degraded' (fewer devices down than the level survives, or rebuilding) or 'data lost'. */
  function groupState(group) {
    if (group.failed.length > group.survives) return 'data lost';
    return group.failed.length + group.rebuilding.length === 0 ? 'redundant' : 'degraded';
  }

  var GROUP_TONE = { redundant: 'good', degraded: 'warn', 'data lost': 'bad' };

  /** before: the group at the previous step (null: nothing to compare); gone: its system has failed. */
  function groupView(systemId, group, before, gone) {
    var key = systemId + ':' + group.id;
    var squares = [];
    for (var d = 0; d < group.devices; d++) {
      var health = deviceHealth(group, d);
      var was = deviceHealth(before, d);
      var changed = was !== null && was !== health;
      var rebuild = group.rebuilding.filter(function (r) { return r.device === d; })[0];
      var title = 'device ' + d + ': ' + health + (rebuild ? ' (' + rebuild.done + ' of ' + rebuild.total + ' rebuild units)' : '') +
        (changed ? ' · was ' + was + ' before this step' : '');
      squares.push(el('span', { class: 'dev ' + health + (changed ? ' changed' : ''), title: title, 'data-testid': 'device-' + key + '-' + d, 'data-health': health }));
    }
    var state = groupState(group);
    var wasState = before ? groupState(before) : null;
    return el('div', { class: 'group', 'data-testid': 'raid-group-' + key, 'data-state': state,
      'data-failed-devices': group.failed.join(','), 'data-rebuilding-devices': group.rebuilding.map(function (r) { return r.device; }).join(',') },
      group.id + ' ' + group.level + ' × ' + group.devices + ' ', squares, ' ',
      gone ? badge('idle', 'unreachable', { title: 'its system has failed: the health shown is the last known' }) : badge(GROUP_TONE[state], state),
      wasState !== null && wasState !== state ? el('span', { class: 'muted' }, ' ← ' + wasState) : null,
      group.rebuilding.map(function (r) { return el('span', { class: 'muted' }, ' · device ' + r.device + ' rebuilt ' + r.done + ' / ' + r.total); }));
  }

  function systemView(system, before) {
    var changed = before !== null && before.failed !== system.failed;
    var status = system.failed ? badge('bad', 'FAILED') : badge('good', 'ok');
    return el('div', { class: 'site' + (system.failed ? ' failed' : '') + (changed ? ' changed' : ''), 'data-testid': 'system-' + system.id,
      'data-failed': system.failed ? 'true' : 'false', 'data-changed': changed ? 'true' : 'false' },
      el('h5', null, 'system ' + system.id + ' ', status, changed ? el('span', { class: 'muted' }, ' ← ' + (before.failed ? 'FAILED' : 'ok')) : null),
      system.raidGroups.map(function (g) { return groupView(system.id, g, before && !system.failed ? findById(before.raidGroups, g.id) : null, system.failed); }));
  }

  function findLink(list, link) {
    for (var i = 0; i < (list || []).length; i++) {
      if (list[i].between[0] === link.between[0] && list[i].between[1] === link.between[1]) return list[i];
    }
    return null;
  }

  function linkView(link, systems, before) {
    var changed = before !== null && before.up !== link.up;
    var failedEnds = link.between.filter(function (id) { var s = findById(systems, id); return s !== null && s.failed; });
    var name = link.between.join(' – ');
    return el('li', { class: 'path' + (changed ? ' changed' : ''), 'data-testid': 'link-' + link.between.join('-'),
      'data-up': link.up ? 'true' : 'false', 'data-changed': changed ? 'true' : 'false' },
      'path ' + name + ' ', link.up ? badge('good', 'up') : badge('bad', 'DOWN'),
      changed ? el('span', { class: 'muted' }, ' ← ' + (before.up ? 'up' : 'down')) : null,
      failedEnds.length > 0 ? el('span', { class: 'muted' }, ' · leads to failed system ' + failedEnds.join(', ')) : null);
  }

  function systemsPanel(step, previousStep) {
    var attrs = { 'data-testid': 'systems' };
    if (!Array.isArray(step.systems)) return panel('Systems and paths', attrs, el('div', { class: 'note' }, 'not recorded in these snapshots (an older version wrote them)'));
    var earlier = previousStep ? previousStep.systems : null;
    var links = Array.isArray(step.links) ? step.links : [];
    var sites = step.systems.length === 0 ? el('div', { class: 'note' }, 'no system yet')
      : el('div', { class: 'sites' }, step.systems.map(function (s) { return systemView(s, findById(earlier, s.id)); }));
    var paths = links.length === 0 ? el('div', { class: 'note' }, 'no path between systems')
      : el('ul', { class: 'paths' }, links.map(function (l) { return linkView(l, step.systems, findLink(previousStep ? previousStep.links : null, l)); }));
    return panel('Systems and paths', attrs, sites, paths);
  }
`;
