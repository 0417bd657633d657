/**
 * The trace viewer's "open a snapshots file" (a file written by `replay --json`): the file is
 * checked to be a TraceSnapshots the viewer can show, then added as a new entry shown at step
 * 1; anything else shows an error and changes nothing. Browser code spliced into
 * viewer-script.ts's closure (it uses that script's `el`, `byId`, `traces`, `renderTraceSelect`
 * and `openTrace`). Same rules as viewer-script.ts: no backtick, "${" or closing script tag.
 */
export const OPEN_FILE_SOURCE = String.raw`
  // ---- Opening a snapshots file (replay --json) ---------------------------------------------

  function isObject(value) { return value !== null && typeof value === 'object' && !Array.isArray(value); }

  /** Why data is not a TraceSnapshots the viewer can show, or null when it looks like one. */
  function snapshotsProblem(data) {
    if (!isObject(data)) return 'it is not a JSON object';
    if (typeof data.name !== 'string') return 'it has no "name" string';
    if (!Array.isArray(data.steps)) return 'it has no "steps" list';
    for (var i = 0; i < data.steps.length; i++) {
      var s = data.steps[i];
      var where = 'step ' + (i + 1) + ' ';
      if (!isObject(s)) return where + 'is not an object';
      if (typeof s.line !== 'number') return where + 'has no "line" number';
      if (!isObject(s.step) || !isObject(s.result)) return where + 'has no "step" or "result" object';
      var missing = STEP_LISTS.filter(function (k) { return !Array.isArray(s[k]); });
      if (missing.length > 0) return where + 'has no "' + missing[0] + '" list';
      var wrong = OPTIONAL_STEP_LISTS.filter(function (k) { return s[k] !== undefined && !Array.isArray(s[k]); });
      if (wrong.length > 0) return where + 'has a "' + wrong[0] + '" that is not a list';
    }
    return null;
  }

  function showOpenError(message) {
    var box = byId('open-error');
    box.textContent = message;
    box.hidden = message === null;
  }

  /** Reads the chosen file (FileReader: works on a file:// page, offline) and shows it at step 1. */
  function onOpenFile(e) {
    var input = e.target;
    var file = input.files && input.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      input.value = ''; // choosing the same file again opens it again
      input.blur();
      var data;
      try { data = JSON.parse(reader.result); } catch (err) {
        showOpenError(file.name + ' is not JSON (' + err.message + '). A .jsonl trace must be replayed with --json first.');
        return;
      }
      var problem = snapshotsProblem(data);
      if (problem) { showOpenError(file.name + ' is not a replay --json snapshots file: ' + problem + '.'); return; }
      showOpenError(null);
      traces.push(Object.assign({}, data, { name: data.name + ' (opened)' }));
      renderTraceSelect();
      openTrace(traces.length - 1);
    };
    reader.onerror = function () { showOpenError('could not read ' + file.name); };
    reader.readAsText(file);
  }

`;
