import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTrace } from '../src/trace/runner.ts';

const dir = join(import.meta.dirname, '..', 'examples');

describe('example traces', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    it(`${file} runs with exit code 0`, () => {
      const run = runTrace(readFileSync(join(dir, file), 'utf8'));
      const problems = run.results.filter((r) => r.expectFailed !== undefined);
      expect(problems).toEqual([]);
      expect(run.exitCode).toBe(0);
    });
  }
});
