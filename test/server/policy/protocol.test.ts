import { describe, expect, it } from 'vitest';
import {
  acceptsStreamCheckpoint,
  API_PATHS,
  checkpointSchema,
  splitPushResponse,
} from '../../../src/shared/sync/protocol';

describe('the sync wire protocol helpers', () => {
  it('splits a push response into master states for RxDB and rejections for the user', () => {
    const rejection = {
      code: 'forbidden' as const,
      documentId: 'b',
      field: 'ownerId',
      message: 'no',
    };
    const { masters, rejections } = splitPushResponse<{ id: string }>([
      { id: 'a', _deleted: false },
      { id: 'b', _deleted: true, _rejected: rejection },
    ]);
    expect(masters).toEqual([
      { id: 'a', _deleted: false },
      { id: 'b', _deleted: true },
    ]);
    expect(rejections).toEqual([{ rejection, master: { id: 'b', _deleted: true } }]);
  });

  it("lets a stream checkpoint replace the client's only within the same scope and outside reconciliation", () => {
    expect(acceptsStreamCheckpoint({ seq: 5, scope: 2 }, { seq: 9, scope: 2 })).toBe(true);
    expect(acceptsStreamCheckpoint(undefined, { seq: 9, scope: 2 })).toBe(false);
    expect(acceptsStreamCheckpoint({ seq: 5, scope: 1 }, { seq: 9, scope: 2 })).toBe(false);
    expect(acceptsStreamCheckpoint({ seq: 5, scope: 2, prior: [1] }, { seq: 9, scope: 2 })).toBe(
      false,
    );
  });

  it('validates checkpoints strictly', () => {
    expect(checkpointSchema.safeParse({ seq: 0, scope: 1 }).success).toBe(true);
    expect(checkpointSchema.safeParse({ seq: 1.5, scope: 1 }).success).toBe(false);
    expect(checkpointSchema.safeParse({ seq: 1, scope: 1, prior: Array(17).fill(1) }).success).toBe(
      false,
    );
    expect(checkpointSchema.safeParse({ seq: 1, scope: 1, at: 5 }).success).toBe(false);
  });

  it('builds paths, escaping document ids', () => {
    expect(API_PATHS.pull('customers')).toBe('/api/sync/customers/pull');
    expect(API_PATHS.history('visits', 'a/b')).toBe('/api/history/visits/a%2Fb');
  });
});
