/**
 * The trace viewer's track strips, browser code spliced into viewer-script.ts's closure (it
 * uses that script's `el`): one cell per track, or per bucket of tracks on big volumes, with
 * set bits or differing tracks coloured, copy pointers, changes since the previous step,
 * tracks outside a pair's extents, marked extents (a local pair's divided or updating ones),
 * a partial volume's unallocated tracks and a failed system's volume. Same rules as
 * viewer-script.ts: no backtick, "${" or closing script tag.
 */
export const TRACK_STRIPS_SOURCE = String.raw`
  // ---- Track strips ------------------------------------------------------------------------

  /** At most this many cells per track strip; bigger volumes put several tracks in a cell. */
  var CELLS_MAX = 512;
  /** Cells are grouped by this many, like bytes in a hex dump, so track numbers can be counted. */
  var CELL_GROUP = 8;

  function countPerCell(tracks, bucket, cells) {
    var counts = new Uint32Array(cells);
    tracks.forEach(function (t) { if (t >= 0 && t < cells * bucket) counts[Math.floor(t / bucket)]++; });
    return counts;
  }

  function trackRange(first, last) { return first === last ? 'track ' + first : 'tracks ' + first + '–' + last; }

  /**
   * One cell per track (or per bucket of tracks), set tracks coloured, copy pointers marked,
   * cells whose count changed since the previous step ringed.
   * opts: { tracks, set, previous (set list or null), pointers ([{position, kind}]), volume (bool),
   *         extents ([[first, last]] the pair covers, or null for the whole volume),
   *         untracked (bool: a volume not compared with any reference, drawn grey),
   *         mapped ([[first, last]] a partial volume maps; cells outside: "not allocated"),
   *         gone (bool: a volume on a failed system, never read),
   *         marks ([{ extents, cls, words }]: extents to mark under the cells, e.g. divided ones) }
   */
  function strip(opts) {
    var bucket = Math.max(1, Math.ceil(opts.tracks / CELLS_MAX));
    var cells = Math.ceil(opts.tracks / bucket);
    var now = countPerCell(opts.set, bucket, cells);
    var before = opts.previous ? countPerCell(opts.previous, bucket, cells) : null;
    var row = el('div', { class: 'strip' + (opts.volume ? ' volume' : '') });
    for (var i = 0; i < cells; i++) {
      var first = i * bucket;
      var last = Math.min(opts.tracks, first + bucket) - 1;
      var here = opts.pointers.filter(function (p) { return Math.floor(p.position / bucket) === i; });
      var outside = opts.extents ? !overlapsAny(first, last, opts.extents) : false;
      var unmapped = opts.mapped ? !overlapsAny(first, last, opts.mapped) : false;
      var marks = (opts.marks || []).filter(function (m) { return overlapsAny(first, last, m.extents); });
      var look = { volume: opts.volume, outside: outside, untracked: opts.untracked, unmapped: unmapped, gone: opts.gone, marks: marks };
      row.appendChild(cell(i, first, last, now[i], before ? before[i] !== now[i] : false, here, look));
    }
    return { node: row, bucket: bucket };
  }

  function overlapsAny(first, last, extents) {
    return extents.some(function (e) { return e[0] <= last && first <= e[1]; });
  }

  /** look: { volume, outside (of the pair's extents), untracked, unmapped, gone, marks } */
  function cell(index, first, last, count, changed, pointers, look) {
    var size = last - first + 1;
    var classes = ['c'];
    if (look.unmapped) classes.push('unmapped');
    else if (look.gone) classes.push('gone');
    else if (look.untracked) classes.push('untracked');
    else if (count === size) classes.push('set');
    else if (count > 0) classes.push('part');
    if (changed) classes.push('changed');
    if (pointers.length > 0) classes.push('ptr');
    if (look.outside) classes.push('out');
    look.marks.forEach(function (m) { classes.push(m.cls); });
    var title = trackRange(first, last) + ': ' + cellWords(count, size, look);
    if (look.outside) title += ' · outside the pair\'s extents';
    look.marks.forEach(function (m) { title += ' · ' + m.words; });
    if (changed) title += ' · changed by this step';
    pointers.forEach(function (p) { title += ' · copy pointer (' + p.kind + ') at ' + p.position; });
    var style = (index + 1) % CELL_GROUP === 0 ? 'margin-right:4px' : null;
    return el('span', { class: classes.join(' '), title: title, style: style });
  }

  function cellWords(count, size, look) {
    if (look.unmapped) return 'not allocated (the partial volume maps no storage here)';
    if (look.gone) return 'on a failed system: not read';
    if (look.untracked) return 'not compared with any reference';
    return cellMeaning(count, size, look.volume);
  }

  function cellMeaning(count, size, volume) {
    if (size === 1) {
      if (volume) return count ? 'differs from the reference' : 'matches the reference';
      return count ? 'set' : 'clear';
    }
    return count + ' of ' + size + (volume ? ' differ' : ' set');
  }

  function bucketNote(bucket) { return bucket > 1 ? ' · 1 cell = ' + bucket + ' tracks' : ''; }

`;
