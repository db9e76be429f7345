import { describe, expect, it } from 'vitest';
import { isNewId, newId } from '../../src/shared/ids';

describe('device-made ids', () => {
  it('are UUID v7, unique, and sort by creation time', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => newId(1_700_000_000_000 + Math.floor(i / 10)));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every(isNewId)).toBe(true);
    const early = newId(1_600_000_000_000);
    const late = newId(1_800_000_000_000);
    expect(early < late).toBe(true);
    expect(isNewId('not-an-id')).toBe(false);
  });
});
