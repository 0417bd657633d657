import { describe, expect, it } from 'vitest';
import { isModelError } from '../src/errors.ts';
import { CYLINDERS_3390, resolveEmulation, trackOfCylinderHead } from '../src/volume/emulation.ts';

const code = (fn: () => unknown) => {
  try {
    fn();
    return 'none';
  } catch (e) {
    return isModelError(e) ? e.code : 'crash';
  }
};

describe('emulation types (VOL-E-1..VOL-E-4)', () => {
  it('every 3390 model: 15 tracks a cylinder, 56,664 bytes a track', () => {
    for (const [type, cylinders] of CYLINDERS_3390) {
      const e = resolveEmulation({ emulation: type });
      expect(e).toMatchObject({ cylinders, tracks: cylinders * 15, trackBytes: 56664, bytes: cylinders * 15 * 56664 });
      expect(resolveEmulation({ emulation: type, bytes: e.bytes, trackBytes: 56664 })).toEqual(e);
    }
  });

  it('cylinder a, head b is track a·15 + b (the seed\'s group example)', () => {
    const e = resolveEmulation({ emulation: '3390-3' });
    expect(trackOfCylinderHead(e, 0, 0)).toBe(0);
    expect(trackOfCylinderHead(e, 2, 14)).toBe(44);
    expect(trackOfCylinderHead(e, 3338, 14)).toBe(e.tracks - 1);
    expect(code(() => trackOfCylinderHead(e, 3339, 0))).toBe('OUT_OF_RANGE');
    expect(code(() => trackOfCylinderHead(e, 0, 15))).toBe('OUT_OF_RANGE');
    expect(code(() => trackOfCylinderHead(e, -1, 0))).toBe('INVALID_ARGUMENT');
    expect(code(() => trackOfCylinderHead(resolveEmulation({ emulation: 'OPEN-V', bytes: 4096 }), 0, 0))).toBe('INVALID_ARGUMENT');
  });

  it('OPEN-V: whole blocks, configurable track size, a short last track', () => {
    expect(resolveEmulation({ emulation: 'OPEN-V', bytes: 3 * 65536 + 512 })).toMatchObject({ tracks: 4, trackBytes: 65536 });
    expect(resolveEmulation({ emulation: 'OPEN-V', bytes: 8192, trackBytes: 1024 })).toMatchObject({ tracks: 8 });
    expect(code(() => resolveEmulation({ emulation: 'OPEN-V' }))).toBe('INVALID_ARGUMENT');
    expect(code(() => resolveEmulation({ emulation: 'OPEN-V', bytes: 4096, trackBytes: 1000 }))).toBe('INVALID_ARGUMENT');
    expect(code(() => resolveEmulation({ emulation: 'OPEN-V', bytes: 2 ** 49 }))).toBe('INVALID_ARGUMENT');
    expect(code(() => resolveEmulation({ emulation: '3390-9', trackBytes: 65536 }))).toBe('INVALID_ARGUMENT');
  });
});
