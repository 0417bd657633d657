import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors.ts';
import { dataLength, decodeData, matchesExpectation, sha256Hex, toHex, type Data } from './data.ts';
import { parseTrace, TraceSyntaxError } from './parse.ts';
import { OP_NAMES, TraceStepSchema, type OpName, type TraceStep } from './schema.ts';

const HEADER = '{"trace": 1}';

/** Parses a header plus the given step lines. */
function parse(...stepLines: string[]) {
  return parseTrace([HEADER, ...stepLines].join('\n'));
}

/** The TraceSyntaxError thrown for `text`. */
function syntaxError(text: string): TraceSyntaxError {
  try {
    parseTrace(text);
  } catch (e) {
    expect(e).toBeInstanceOf(TraceSyntaxError);
    return e as TraceSyntaxError;
  }
  throw new Error('expected a TraceSyntaxError');
}

function stepError(...stepLines: string[]): TraceSyntaxError {
  return syntaxError([HEADER, ...stepLines].join('\n'));
}

/** A minimal valid example of every op (pairCreate and step: every variant). */
const MINIMAL: Record<OpName, Array<Record<string, unknown>>> = {
  system: [
    { op: 'system', id: 'A', ldevBytes: 1 << 20, raidGroups: [] },
    {
      op: 'system',
      id: 'A',
      ldevBytes: 1 << 20,
      raidGroups: [{ id: 'rg1', level: 'raid5', devices: 4, deviceBytes: 1 << 24, stripeUnitBytes: 4096 }],
      pairTables: 8,
    },
  ],
  volume: [
    { op: 'volume', system: 'A', id: 'V', emulation: '3390-3' },
    {
      op: 'volume',
      system: 'A',
      id: 'V',
      emulation: 'OPEN-V',
      bytes: 1 << 20,
      trackBytes: 65536,
      raidGroup: 'rg1',
      areas: [{ tracks: [0, 3], raidGroup: 'rg2' }],
    },
  ],
  link: [{ op: 'link', between: ['A', 'B'] }],
  dataset: [{ op: 'dataset', system: 'A', volume: 'V', name: 'PAYROLL', extents: [[1, 2]] }],
  write: [{ op: 'write', system: 'A', volume: 'V', offset: 0, data: { text: 'PAYROLL-2026' } }],
  read: [
    { op: 'read', system: 'A', volume: 'V', offset: 0, length: 4 },
    { op: 'read', system: 'A', volume: 'V', offset: 0, length: 4, expect: { hex: 'deadbeef' } },
  ],
  pairCreate: [
    { op: 'pairCreate', id: 'P', kind: 'local', original: 'A:V', copy: 'A:W' },
    { op: 'pairCreate', id: 'P', kind: 'local', original: 'A:V', copy: 'A:W', extents: [[0, 9]] },
    { op: 'pairCreate', id: 'R', kind: 'remote', source: 'A:V', target: 'B', extents: [[0, 9]] },
    {
      op: 'pairCreate',
      id: 'R',
      kind: 'remote',
      source: 'A:V',
      target: 'B',
      extents: [[0, 9], [20, 29]],
      allocate: 'full',
      targetVolume: 'T',
      fence: 'data',
    },
    { op: 'pairCreate', id: 'M', kind: 'migration', source: 'A:V', target: 'B:T', extents: [[0, 9]] },
  ],
  pairDivide: [
    { op: 'pairDivide', pair: 'P' },
    { op: 'pairDivide', pair: 'P', extents: [[0, 1]] },
  ],
  extentUpdate: [{ op: 'extentUpdate', pair: 'P', extents: [[0, 1]] }],
  extentDivide: [{ op: 'extentDivide', pair: 'P', extents: [[0, 1]] }],
  extentCouple: [{ op: 'extentCouple', pair: 'P' }],
  pairSuspend: [{ op: 'pairSuspend', pair: 'P' }],
  pairResync: [{ op: 'pairResync', pair: 'P' }],
  pairDelete: [{ op: 'pairDelete', pair: 'P' }],
  takeover: [
    { op: 'takeover', pair: 'R' },
    { op: 'takeover', pair: 'R', extend: false },
  ],
  relocate: [{ op: 'relocate', system: 'A', volume: 'V', tracks: [0, 9], raidGroup: 'rg2' }],
  rebalance: [
    { op: 'rebalance', system: 'A' },
    { op: 'rebalance', system: 'A', every: 100 },
  ],
  step: [
    { op: 'step', pair: 'P' },
    { op: 'step', process: 'rebuild:A:rg1', tracks: 5 },
  ],
  settle: [{ op: 'settle' }],
  deviceFail: [{ op: 'deviceFail', system: 'A', raidGroup: 'rg1', device: 0 }],
  deviceReplace: [{ op: 'deviceReplace', system: 'A', raidGroup: 'rg1', device: 0 }],
  linkDown: [{ op: 'linkDown', between: ['A', 'B'] }],
  linkUp: [{ op: 'linkUp', between: ['A', 'B'] }],
  systemFail: [{ op: 'systemFail', system: 'A' }],
  status: [
    { op: 'status', pair: 'P' },
    { op: 'status', pair: 'P', expect: { state: 'duplex' } },
  ],
  volumeInfo: [
    { op: 'volumeInfo', system: 'A', volume: 'V' },
    { op: 'volumeInfo', system: 'A', volume: 'V', expect: { bytes: 1 << 20 } },
  ],
  datasets: [
    { op: 'datasets', system: 'A', volume: 'V' },
    { op: 'datasets', system: 'A', volume: 'V', expect: ['A', 'B'] },
    { op: 'datasets', system: 'A', volume: 'V', expect: { names: [] } },
  ],
  check: [{ op: 'check' }],
  host: [{ op: 'host', id: 'H1', system: 'S' }],
  lan: [{ op: 'lan', between: ['H1', 'H2'] }],
  notify: [{ op: 'notify', from: 'H1', to: 'H2', volume: 'S:COPY' }, { op: 'notify', from: 'H1', to: 'H2', volume: 'S:COPY', extents: [[0, 3]] }],
  backup: [{ op: 'backup', host: 'H2', tape: 'T1', volume: 'S:COPY' }, { op: 'backup', host: 'H2', tape: 'T1', volume: 'S:COPY', extents: [[0, 3]] }],
  restore: [{ op: 'restore', tape: 'T1', file: 1, volume: 'S:V' }],
  tapeLoad: [{ op: 'tapeLoad', tape: 'T1', path: 'out/T1.aws' }],
  tapeInfo: [{ op: 'tapeInfo', tape: 'T1' }, { op: 'tapeInfo', tape: 'T1', expect: { files: [] } }],
};

describe('parseTrace: accepted traces', () => {
  it('reads the header and steps with their physical line numbers', () => {
    const t = parseTrace(
      [
        '// a scenario',
        '',
        '{"trace": 1, "name": "n", "description": "d", "seed": 42, "path": "0:1", "variant": "literal"}',
        '   // indented comment',
        '{"op": "settle"}',
        '   ',
        '{"op": "check", "expectError": "NOT_IMPLEMENTED"}',
        '',
      ].join('\n'),
    );
    expect(t.header).toEqual({ trace: 1, name: 'n', description: 'd', seed: 42, path: '0:1', variant: 'literal' });
    expect(t.steps).toEqual([
      { line: 5, step: { op: 'settle' } },
      { line: 7, step: { op: 'check', expectError: 'NOT_IMPLEMENTED' } },
    ]);
  });

  it('accepts a bare header with no steps, CRLF line ends and a byte-order mark', () => {
    expect(parseTrace('{"trace":1}')).toEqual({ header: { trace: 1 }, steps: [] });
    const t = parseTrace('\uFEFF{"trace":1}\r\n// c\r\n{"op":"check"}\r\n');
    expect(t.steps).toEqual([{ line: 3, step: { op: 'check' } }]);
  });

  it('covers every op of the contract', () => {
    expect([...OP_NAMES].sort()).toEqual(Object.keys(MINIMAL).sort());
    expect(OP_NAMES).toHaveLength(35); // the contract's 28, and the tape ops of spec/backup.md (host, lan, notify, backup, restore, tapeLoad, tapeInfo)
  });

  for (const [op, examples] of Object.entries(MINIMAL)) {
    it(`accepts a minimal ${op}`, () => {
      for (const ex of examples) {
        const t = parse(JSON.stringify(ex));
        expect(t.steps[0]?.step).toEqual(ex);
        // The exported union schema agrees with the parser.
        expect(TraceStepSchema.safeParse(ex).success).toBe(true);
        // expectError is allowed on every step.
        const withCode = { ...ex, expectError: 'INVALID_STATE' };
        expect(parse(JSON.stringify(withCode)).steps[0]?.step).toEqual(withCode);
      }
    });
  }

  it('accepts values the model, not the parser, refuses', () => {
    const lines = [
      '{"op": "write", "system": "A", "volume": "V", "offset": -1, "data": {"text": "x"}}',
      '{"op": "write", "system": "A", "volume": "V", "offset": 1.5, "data": {"text": "x"}}',
      '{"op": "read", "system": "A", "volume": "V", "offset": 1e400, "length": -3}',
      '{"op": "dataset", "system": "A", "volume": "V", "name": "", "extents": [[5, 2], [-1, 0.5]]}',
      '{"op": "dataset", "system": "A", "volume": "V", "name": "X", "extents": []}',
      '{"op": "system", "id": "A", "ldevBytes": -1, "raidGroups": [{"id": "g", "level": "raid42", "devices": 0, "deviceBytes": 1.5}]}',
      '{"op": "volume", "system": "A", "id": "V", "emulation": "3390-999", "bytes": -5}',
      '{"op": "pairCreate", "id": "R", "kind": "remote", "source": "A:V", "target": "B", "extents": [[0, 1]], "allocate": "half", "fence": "maybe"}',
      '{"op": "step", "pair": "P", "tracks": 0}',
      '{"op": "deviceFail", "system": "A", "raidGroup": "g", "device": -1}',
      '{"op": "link", "between": ["A", "A"]}',
    ];
    const t = parse(...lines);
    expect(t.steps).toHaveLength(lines.length);
    expect(t.steps[0]?.step).toMatchObject({ offset: -1 });
    expect(t.steps[1]?.step).toMatchObject({ offset: 1.5 });
    expect(t.steps[2]?.step).toMatchObject({ offset: Infinity, length: -3 });
  });
});

describe('parseTrace: free expectations', () => {
  it('passes expect objects through unchanged, odd keys included', () => {
    const t = parse('{"op": "status", "pair": "P", "expect": {"__proto__": {"x": 1}, "bitmaps": {"a": 0}}}');
    const step = t.steps[0]?.step;
    expect(step?.op).toBe('status');
    if (step?.op !== 'status') return;
    expect(Object.keys(step.expect ?? {})).toEqual(['__proto__', 'bitmaps']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('parseTrace: trace errors', () => {
  it('bad JSON', () => {
    const e = stepError('{"op": "check"}', '{"op": "settle",');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/^line 3: invalid JSON/);
  });

  it('a line that is not an object', () => {
    for (const v of ['[1, 2]', '"check"', '42', 'null', 'true']) {
      const e = stepError(v);
      expect(e.line).toBe(2);
      expect(e.message).toMatch(/^line 2: expected a JSON object, got (array|string|number|null|boolean)$/);
    }
    expect(syntaxError('[{"trace": 1}]').message).toBe('line 1: expected a JSON object, got array');
  });

  it('missing header', () => {
    expect(syntaxError('').message).toMatch(/^line 1: missing header/);
    const e = syntaxError('// only\n\n// comments');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/missing header/);
    const s = syntaxError('// c\n{"op": "check"}');
    expect(s.line).toBe(2);
    expect(s.message).toMatch(/^line 2: missing header/);
    expect(syntaxError('{"name": "x"}').message).toBe(
      'line 1: missing field "trace" in header (the first line must be {"trace": 1})',
    );
  });

  it('wrong header', () => {
    expect(syntaxError('{"trace": 2}').message).toBe('line 1: unsupported trace version 2 (this parser reads version 1)');
    expect(syntaxError('{"trace": "1"}').message).toBe('line 1: field "trace": expected number, got string (header)');
    expect(syntaxError('{"trace": 1, "nmae": "x"}').message).toBe('line 1: unknown field "nmae" in header');
    expect(syntaxError('{"trace": 1, "seed": "7"}').message).toBe('line 1: field "seed": expected number, got string (header)');
    expect(syntaxError('{"trace": 1, "seed": 1.5}').message).toBe('line 1: field "seed": expected a whole number, got 1.5 (header)');
    expect(syntaxError('{"trace": 1, "variant": "loose"}').message).toBe(
      'line 1: field "variant": expected one of "literal", "corrected", got "loose" (header)',
    );
    expect(syntaxError('{"trace": 1, "path": 3}').message).toBe('line 1: field "path": expected string, got number (header)');
  });

  it('a second header line', () => {
    const e = stepError('{"op": "check"}', '', '{"trace": 1}');
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/^line 4: second header line/);
  });

  it('missing or non-string op', () => {
    expect(stepError('{"pair": "P"}').message).toBe('line 2: missing field "op"');
    expect(stepError('{"op": 3}').message).toBe('line 2: field "op": expected string, got number');
  });

  it('unknown op', () => {
    const e = stepError('// c', '', '', '', '', '{"op": "wirte", "system": "A"}');
    expect(e.line).toBe(7);
    expect(e.message).toMatch(/^line 7: unknown op "wirte"/);
    expect(stepError('{"op": "frobnicate"}').message).toBe('line 2: unknown op "frobnicate"');
    // Op names are case-sensitive.
    expect(stepError('{"op": "Write"}').message).toMatch(/^line 2: unknown op "Write"/);
    expect(stepError('{"op": "toString"}').message).toMatch(/^line 2: unknown op "toString"/);
  });

  it('unknown field', () => {
    const e = stepError('{"op": "check"}', '{"op": "write", "system": "A", "volume": "V", "ofset": 0, "data": {"text": "x"}}');
    expect(e.line).toBe(3);
    expect(e.message).toBe('line 3: unknown field "ofset" in op "write"');
    expect(stepError('{"op": "settle", "tracks": 1}').message).toBe('line 2: unknown field "tracks" in op "settle"');
    expect(
      stepError('{"op": "system", "id": "A", "ldevBytes": 1, "raidGroups": [{"id": "g", "level": "raid1", "devices": 2, "deviceBytes": 1, "spare": 1}]}')
        .message,
    ).toBe('line 2: unknown field "raidGroups[0].spare" in op "system"');
    expect(stepError('{"op": "volume", "system": "A", "id": "V", "emulation": "OPEN-V", "areas": [{"tracks": [0, 1], "raidGroup": "g", "x": 1}]}').message).toBe(
      'line 2: unknown field "areas[0].x" in op "volume"',
    );
  });

  it('missing required field', () => {
    expect(stepError('{"op": "write", "system": "A", "volume": "V", "offset": 0}').message).toBe(
      'line 2: missing field "data" in op "write"',
    );
    expect(stepError('{"op": "relocate", "system": "A", "volume": "V", "raidGroup": "g"}').message).toBe(
      'line 2: missing field "tracks" in op "relocate"',
    );
    expect(stepError('{"op": "system", "id": "A", "ldevBytes": 1, "raidGroups": [{"id": "g", "devices": 2, "deviceBytes": 1}]}').message).toBe(
      'line 2: missing field "raidGroups[0].level" in op "system"',
    );
  });

  it('wrong JSON type', () => {
    expect(stepError('{"op": "write", "system": "A", "volume": "V", "offset": "0", "data": {"text": "x"}}').message).toBe(
      'line 2: field "offset": expected number, got string (op "write")',
    );
    expect(stepError('{"op": "takeover", "pair": "R", "extend": "yes"}').message).toBe(
      'line 2: field "extend": expected boolean, got string (op "takeover")',
    );
    expect(stepError('{"op": "status", "pair": null}').message).toBe('line 2: field "pair": expected string, got null (op "status")');
    expect(stepError('{"op": "dataset", "system": "A", "volume": "V", "name": "X", "extents": [1, 2]}').message).toBe(
      'line 2: field "extents[0]": expected array, got number (op "dataset")',
    );
    expect(stepError('{"op": "dataset", "system": "A", "volume": "V", "name": "X", "extents": [[1, "2"]]}').message).toBe(
      'line 2: field "extents[0][1]": expected number, got string (op "dataset")',
    );
    expect(stepError('{"op": "dataset", "system": "A", "volume": "V", "name": "X", "extents": [[1, 2, 3]]}').message).toBe(
      'line 2: field "extents[0]": expected 2 items, got 3 (op "dataset")',
    );
    expect(stepError('{"op": "relocate", "system": "A", "volume": "V", "tracks": [1], "raidGroup": "g"}').message).toBe(
      'line 2: field "tracks": expected 2 items, got 1 (op "relocate")',
    );
    expect(stepError('{"op": "linkDown", "between": "A-B"}').message).toBe('line 2: field "between": expected array, got string (op "linkDown")');
    expect(stepError('{"op": "system", "id": "A", "ldevBytes": 1, "raidGroups": [{"id": "g", "level": 5, "devices": 2, "deviceBytes": 1}]}').message).toBe(
      'line 2: field "raidGroups[0].level": expected string, got number (op "system")',
    );
    expect(stepError('{"op": "status", "pair": "P", "expect": [1]}').message).toBe('line 2: field "expect": expected object, got array (op "status")');
    expect(stepError('{"op": "volumeInfo", "system": "A", "volume": "V", "expect": "x"}').message).toBe(
      'line 2: field "expect": expected object, got string (op "volumeInfo")',
    );
    expect(stepError('{"op": "datasets", "system": "A", "volume": "V", "expect": 3}').message).toBe(
      'line 2: field "expect": expected an array or an object, got number (op "datasets")',
    );
  });

  it('expectError must be a known code of the right type', () => {
    expect(stepError('{"op": "check", "expectError": "NOT_FUOND"}').message).toBe(
      'line 2: field "expectError": unknown error code "NOT_FUOND" (did you mean "NOT_FOUND"?) (op "check")',
    );
    expect(stepError('{"op": "check", "expectError": 404}').message).toBe(
      'line 2: field "expectError": expected string, got number (op "check")',
    );
    for (const code of ['INVALID_ARGUMENT', 'VTOC_DAMAGED', 'NOT_IMPLEMENTED', 'DEVICE_FAILED']) {
      expect(parse(`{"op": "check", "expectError": "${code}"}`).steps[0]?.step).toEqual({ op: 'check', expectError: code });
    }
  });

  it('pairCreate: fields are those of its kind', () => {
    expect(stepError('{"op": "pairCreate", "id": "P", "kind": "local", "original": "A:V", "copy": "A:W", "target": "B"}').message).toBe(
      'line 2: unknown field "target" in op "pairCreate" (kind "local")',
    );
    expect(stepError('{"op": "pairCreate", "id": "M", "kind": "migration", "source": "A:V", "target": "B:T", "extents": [[0, 1]], "fence": "data"}').message).toBe(
      'line 2: unknown field "fence" in op "pairCreate" (kind "migration")',
    );
    expect(stepError('{"op": "pairCreate", "id": "R", "kind": "remote", "source": "A:V", "target": "B"}').message).toBe(
      'line 2: missing field "extents" in op "pairCreate" (kind "remote")',
    );
    expect(stepError('{"op": "pairCreate", "id": "P", "original": "A:V", "copy": "A:W"}').message).toBe(
      'line 2: missing field "kind" in op "pairCreate"',
    );
    expect(stepError('{"op": "pairCreate", "id": "P", "kind": "snapshot"}').message).toMatch(
      /^line 2: unknown kind "snapshot" in op "pairCreate"/,
    );
    expect(stepError('{"op": "pairCreate", "id": "P", "kind": 1}').message).toBe(
      'line 2: field "kind": expected string, got number (op "pairCreate")',
    );
    expect(stepError('{"op": "pairCreate", "id": 7, "kind": "local", "original": "A:V", "copy": "A:W"}').message).toBe(
      'line 2: field "id": expected string, got number (op "pairCreate" (kind "local"))',
    );
  });

  it('step: exactly one of pair or process', () => {
    expect(stepError('{"op": "step", "pair": "P", "process": "rebuild:A:g"}').message).toBe(
      'line 2: op "step" takes exactly one of "pair" or "process", got both',
    );
    expect(stepError('{"op": "step", "tracks": 3}').message).toBe('line 2: missing field "pair" or "process" in op "step"');
    expect(stepError('{"op": "step", "process": 5}').message).toBe('line 2: field "process": expected string, got number (op "step")');
    expect(stepError('{"op": "step", "pair": "P", "tracks": "all"}').message).toBe(
      'line 2: field "tracks": expected number, got string (op "step")',
    );
  });

  it('Data values that cannot be decoded are trace errors', () => {
    const write = (data: string) => `{"op": "write", "system": "A", "volume": "V", "offset": 0, "data": ${data}}`;
    expect(stepError(write('{"hex": "abc"}')).message).toMatch(/^line 2: field "data\.hex": expected an even number of hex digits/);
    expect(stepError(write('{"hex": "zz"}')).message).toMatch(/^line 2: field "data\.hex": /);
    expect(stepError(write('{"fill": 256, "length": 1}')).message).toMatch(/^line 2: field "data\.fill": expected a whole number from 0 to 255/);
    expect(stepError(write('{"fill": 1.5, "length": 1}')).message).toMatch(/^line 2: field "data\.fill": /);
    expect(stepError(write('{"fill": 1, "length": -1}')).message).toMatch(/^line 2: field "data\.length": /);
    expect(stepError(write('{"fill": 1}')).message).toBe('line 2: missing field "data.length" in op "write"');
    expect(stepError(write('{"fill": "A", "length": 1}')).message).toBe('line 2: field "data.fill": expected number, got string (op "write")');
    expect(stepError(write('{"text": 5}')).message).toBe('line 2: field "data.text": expected string, got number (op "write")');
    expect(stepError(write('{"text": "a", "extra": 1}')).message).toBe('line 2: unknown field "data.extra" in op "write"');
    expect(stepError(write('{"text": "a", "hex": "00"}')).message).toMatch(/^line 2: field "data": expected a Data value/);
    expect(stepError(write('{}')).message).toMatch(/^line 2: field "data": expected a Data value/);
    expect(stepError(write('"PAYROLL"')).message).toMatch(/^line 2: field "data": expected a Data value.*got string/);
    // A digest describes bytes but cannot be written.
    expect(stepError(write(`{"sha256": "${'0'.repeat(64)}"}`)).message).toMatch(/^line 2: field "data": \{"sha256"\} is allowed only/);
    const read = (e: string) => `{"op": "read", "system": "A", "volume": "V", "offset": 0, "length": 1, "expect": ${e}}`;
    expect(stepError(read('{"sha256": "abc"}')).message).toBe('line 2: field "expect.sha256": expected 64 hex digits (op "read")');
    expect(parse(read(`{"sha256": "${'aB'.repeat(32)}"}`)).steps).toHaveLength(1);
    expect(parse(read('{"fill": 0, "length": 0}'), write('{"hex": ""}')).steps).toHaveLength(2);
  });

  it('reports the first bad line only, with its physical number', () => {
    const e = syntaxError(['// x', HEADER, '{"op": "check"}', '', '{"op": "nope"}', '{"op": "alsoNope"}'].join('\n'));
    expect(e.line).toBe(5);
    expect(e.detail).toBe('unknown op "nope"');
    expect(e.name).toBe('TraceSyntaxError');
  });
});

describe('Data', () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it('decodes each form', () => {
    expect(decodeData({ text: 'PAYROLL-2026' })).toEqual(enc('PAYROLL-2026'));
    expect(decodeData({ text: 'é' })).toEqual(new Uint8Array([0xc3, 0xa9]));
    expect(decodeData({ hex: 'DeadBeef' })).toEqual(new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
    expect(decodeData({ hex: '' })).toEqual(new Uint8Array(0));
    expect(decodeData({ fill: 65, length: 4 })).toEqual(enc('AAAA'));
    expect(decodeData({ fill: 0, length: 0 })).toEqual(new Uint8Array(0));
    expect(dataLength({ text: 'é' })).toBe(2);
    expect(dataLength({ hex: '0011' })).toBe(2);
    expect(dataLength({ fill: 1, length: 4096 })).toBe(4096);
  });

  it('refuses undecodable values built by hand with INVALID_ARGUMENT', () => {
    const bad: Data[] = [
      { hex: 'abc' },
      { hex: 'gg' },
      { hex: '0x00' },
      { fill: 256, length: 1 },
      { fill: -1, length: 1 },
      { fill: 1.5, length: 1 },
      { fill: 1, length: -1 },
      { fill: 1, length: 0.5 },
    ];
    for (const d of bad) {
      expect(() => decodeData(d)).toThrow(ModelError);
      try {
        decodeData(d);
      } catch (e) {
        expect((e as ModelError).code).toBe('INVALID_ARGUMENT');
      }
    }
  });

  it('matches expectations by content or by sha256', () => {
    const bytes = enc('PAYROLL-2026');
    const digest = createHash('sha256').update(bytes).digest('hex');
    expect(sha256Hex(bytes)).toBe(digest);
    expect(toHex(new Uint8Array([0, 15, 255]))).toBe('000fff');
    expect(toHex(bytes.subarray(1, 3))).toBe('4159');

    expect(matchesExpectation(bytes, { text: 'PAYROLL-2026' })).toBe(true);
    expect(matchesExpectation(bytes, { text: 'PAYROLL-2025' })).toBe(false);
    expect(matchesExpectation(bytes, { text: 'PAYROLL' })).toBe(false);
    expect(matchesExpectation(bytes, { hex: toHex(bytes).toUpperCase() })).toBe(true);
    expect(matchesExpectation(bytes, { sha256: digest })).toBe(true);
    expect(matchesExpectation(bytes, { sha256: digest.toUpperCase() })).toBe(true);
    expect(matchesExpectation(bytes, { sha256: sha256Hex(enc('other')) })).toBe(false);
    expect(matchesExpectation(new Uint8Array(0), { sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })).toBe(true);

    expect(matchesExpectation(enc('AAAA'), { fill: 65, length: 4 })).toBe(true);
    expect(matchesExpectation(enc('AAAB'), { fill: 65, length: 4 })).toBe(false);
    expect(matchesExpectation(enc('AAA'), { fill: 65, length: 4 })).toBe(false);
    expect(matchesExpectation(new Uint8Array(0), { fill: 65, length: 0 })).toBe(true);
  });

  it('decodes what the parser accepted', () => {
    const t = parse('{"op": "write", "system": "A", "volume": "V", "offset": 0, "data": {"fill": 255, "length": 3}}');
    const step = t.steps[0]?.step as TraceStep;
    expect(step.op).toBe('write');
    if (step.op !== 'write') return;
    expect(decodeData(step.data)).toEqual(new Uint8Array([255, 255, 255]));
  });
});
