/**
 * Saved counterexamples (properties/regressions/*.jsonl), replayed both ways.
 *
 * Format of a regression file: an ordinary trace-v1 file (spec/trace-format.md). A file whose
 * header says `"variant": "literal"` records an erratum of the seed (spec/local-copy.md,
 * LC-E-*): its steps are written as the literal variant answers them, ending in the
 * observations the literal variant gets wrong, asserted the literal way (a `check` with
 * `"expectError": "INVARIANT_VIOLATED"`, a `status` expecting the literal state or bits, a
 * `read` expecting the literal bytes), so the file exits 0 under the literal variant.
 * Every step the corrected model must answer differently is preceded by a comment line
 *
 *     // corrected: <the step as the corrected model must answer it>
 *
 * (a plain `check`, the corrected `status`/`read` expectation, an `expectError` where the
 * corrected model refuses a request the literal accepts). The corrected twin of a file is the
 * file with its header's variant switched to "corrected" and each such comment put in place
 * of the line after it (properties/harness/trace-twins.ts, `correctedTwin`).
 *
 * For every file: (a) it exits 0 as written; and for literal files (b) its corrected twin
 * exits 0, i.e. the corrected model does not show the failure, and (c) the same steps with
 * only the header switched exit 1, i.e. the witnesses really tell the variants apart.
 * properties/lc/lc-regressions-gen.ts regenerates the lc-e-N files from the properties.
 *
 * Files the campaign saves (`campaign-<property>-<seed>.jsonl`, README "Campaign") are corrected
 * traces: they exit 0 once the bug they record is fixed; one without steps names its property,
 * seed and path in the header, and the property must hold there.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recheck } from '../src/cli/campaign/recheck.ts';
import { parseTrace } from '../src/trace/parse.ts';
import { runTrace } from '../src/trace/runner.ts';
import { PROPERTIES } from '../properties/index.ts';
import { correctedTwin, headerSwitched } from '../properties/harness/trace-twins.ts';

const dir = join(import.meta.dirname, '..', 'properties', 'regressions');
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort() : [];

function problems(text: string) {
  return runTrace(text).results.filter((r) => r.expectFailed !== undefined);
}

describe('regression traces (properties/regressions/)', () => {
  it('there are regression traces, one per erratum LC-E-1..LC-E-6', () => {
    for (const n of [1, 2, 3, 4, 5, 6]) expect(files.some((f) => f.startsWith(`lc-e-${n}-`)), `lc-e-${n}-*.jsonl`).toBe(true);
  });

  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    const literal = /"variant"\s*:\s*"literal"/.test(text.split('\n').find((l) => l.trim().startsWith('{"trace"')) ?? '');

    it(`${file}: exits 0 as written${literal ? ' (literal variant: the erratum shows)' : ''}`, () => {
      const run = runTrace(text);
      expect(problems(text)).toEqual([]);
      expect(run.exitCode).toBe(0);
    });

    // A campaign counterexample without steps (a property that drives its component directly): re-run it.
    const parsed = parseTrace(text);
    const property = parsed.header.property;
    if (property !== undefined && parsed.steps.length === 0 && parsed.header.seed !== undefined) {
      it(`${file}: property ${property} holds on the saved seed and path`, async () => {
        const def = PROPERTIES.find((d) => d.id === property);
        expect(def, `property ${property} in properties/index.ts`).toBeDefined();
        const { details } = await recheck(def!, parsed.header.seed!, parsed.header.path ?? '');
        expect(details.failed ? String(details.errorInstance) : null).toBeNull();
      });
    }

    if (!literal) continue;

    it(`${file}: the corrected twin exits 0 (the corrected model does not show the failure)`, () => {
      expect(text).toMatch(/^\/\/ corrected: /m);
      const twin = correctedTwin(text);
      expect(problems(twin)).toEqual([]);
      expect(runTrace(twin).exitCode).toBe(0);
    });

    it(`${file}: the literal witnesses fail under the corrected model`, () => {
      expect(runTrace(headerSwitched(text)).exitCode).toBe(1);
    });
  }
});

/**
 * Found while building properties/lc/lc-model.ts: a result line carried the pair's live
 * `updateExtents` array, so a line printed after the trace ran showed a later step's extents.
 */
describe('trace results of local pairs', () => {
  it('a status result line keeps the updateExtents of the moment it ran', () => {
    const run = runTrace([
      '{"trace": 1}',
      '{"op": "system", "id": "S", "ldevBytes": 4096, "raidGroups": [{"id": "G", "level": "raid1", "devices": 2, "deviceBytes": 65536}]}',
      '{"op": "volume", "system": "S", "id": "A", "emulation": "OPEN-V", "bytes": 8192, "trackBytes": 4096}',
      '{"op": "volume", "system": "S", "id": "B", "emulation": "OPEN-V", "bytes": 8192, "trackBytes": 4096}',
      '{"op": "pairCreate", "id": "P", "kind": "local", "original": "S:A", "copy": "S:B"}',
      '{"op": "settle"}',
      '{"op": "pairDivide", "pair": "P"}',
      '{"op": "settle"}',
      '{"op": "status", "pair": "P", "expect": {"updateExtents": []}}',
      '{"op": "extentUpdate", "pair": "P", "extents": [[1, 1]]}',
    ].join('\n'));
    expect(run.exitCode).toBe(0);
    const status = run.results.find((r) => r.line === 9)!;
    expect(status.updateExtents).toEqual([]);
  });
});
