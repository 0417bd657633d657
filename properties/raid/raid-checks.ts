/**
 * The RAID harness's checks (properties/raid/raid-model.ts): after every command, health
 * agrees with the model and RAID-INV-1 holds; the surviving bytes of a range read right; and
 * the whole-group checks used at the end of scenarios.
 */
import assert from 'node:assert/strict';
import { sampledSurvivingSpans } from './raid-layout.ts';
import type { RaidReal } from './raid-real.ts';
import type { RaidModel } from './raid-reference.ts';
import { assertBytes, spread } from '../harness/support.ts';

/** After every command: health agrees with the model, and RAID-INV-1 holds. */
export function checkInvariants(m: RaidModel, r: RaidReal, what: string): void {
  const h = r.group.health;
  for (let d = 0; d < m.health.length; d++) {
    if (h.health[d] !== m.health[d]) {
      assert.fail(`${what}: device health is [${h.health.join(', ')}], the model says [${m.health.join(', ')}]`);
    }
  }
  assert.equal(h.lost, m.lost, `${what}: health.lost`);
  const problems = r.group.checkRedundancy();
  if (problems.length > 0) {
    const where = m.allHealthy ? 'healthy group' : 'rows whose devices are all readable';
    assert.fail(`${what}: RAID-INV-1 (${where}): ${problems.length} problem(s): ${problems.slice(0, 3).join('; ')}`);
  }
}

/** Reads the parts of a range that survive (lost group) and compares them with the reference. */
export function verifySurvivors(m: RaidModel, r: RaidReal, offset: number, length: number, what: string, maxSpans = 16): void {
  const spans = sampledSurvivingSpans(m.layout, offset, length, m.failedSet(), maxSpans).flatMap(([at, len]) => m.readableSpans(at, len));
  for (const [at, len] of spread(spans, maxSpans)) {
    assertBytes(r.group.read(at, len), m.ref.subarray(at, at + len), at, `${what}: surviving bytes ${at}+${len}`);
  }
}

/** Every byte reads right (no failure beyond tolerance, nothing lost at a re-creation), or every surviving byte does. */
export function checkAllBytes(m: RaidModel, r: RaidReal, what: string): void {
  if (m.lost || m.lostBytes.includes(1)) return verifySurvivors(m, r, 0, m.layout.capacity, what, 256);
  assertBytes(r.group.read(0, m.layout.capacity), m.ref, 0, `${what}: whole-capacity read`);
}

/** Replaces every failed device and rebuilds to the end: all healthy, redundant, right. */
export function heal(m: RaidModel, r: RaidReal, what: string): void {
  assert.ok(!m.lost, `${what}: heal needs a group that has not lost data`);
  const g = r.group;
  m.health.forEach((h, d) => {
    if (h === 'failed') g.replaceDevice(d);
  });
  for (let guard = 0; g.health.health.includes('rebuilding'); guard++) {
    assert.ok(guard < 10_000, `${what}: rebuild never finishes`);
    g.rebuildStep(3);
  }
  m.health.fill('healthy');
  assert.ok(g.health.health.every((h) => h === 'healthy'), `${what}: all devices healthy after the rebuild`);
  assert.deepEqual(g.checkRedundancy(), [], `${what}: RAID-INV-1 after the rebuild`);
  checkAllBytes(m, r, `${what}: after the rebuild`);
}
