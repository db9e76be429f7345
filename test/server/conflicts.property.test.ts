import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonEqual } from '../../src/shared/access';
import type { SyncCheckpoint } from '../../src/shared/sync/protocol';
import { BACKENDS } from './helpers/backends';
import { customerDoc } from './helpers/docs';
import {
  addUser,
  pullAll,
  push,
  startTestServer,
  type Doc,
  type Session,
  type TestServer,
} from './helpers/harness';

const CLIENTS = 3;
const DOCS = 3;

type Op =
  | { kind: 'edit'; client: number; doc: number; name: string }
  | { kind: 'delete'; client: number; doc: number }
  | { kind: 'blind'; client: number; doc: number; name: string }
  | { kind: 'pull'; client: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('edit' as const),
    client: fc.nat(CLIENTS - 1),
    doc: fc.nat(DOCS - 1),
    name: fc.string({ maxLength: 8 }),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    client: fc.nat(CLIENTS - 1),
    doc: fc.nat(DOCS - 1),
  }),
  fc.record({
    kind: fc.constant('blind' as const),
    client: fc.nat(CLIENTS - 1),
    doc: fc.nat(DOCS - 1),
    name: fc.string({ maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('pull' as const), client: fc.nat(CLIENTS - 1) }),
);

/**
 * Random sequences of pushes (edits from a possibly stale view, deletes, blind writes of
 * documents the client never saw) and pulls by several clients, checked against a model of the
 * protocol: a push is written exactly when its assumed state is the server's (or the server has
 * nothing); otherwise the answer is the server's state, unchanged. At the end every client that
 * pulls holds the model's state.
 */
describe.each(BACKENDS)('conflict detection (property) on $name', (backend) => {
  let t: TestServer;
  let sessions: Session[];

  beforeAll(async () => {
    t = await startTestServer(backend);
    sessions = [];
    for (let i = 0; i < CLIENTS; i++) sessions.push(await addUser(t, `clerk${i}`, 'clerk'));
  });
  afterAll(() => t.close());

  it('pushes are accepted or answered with the server state, exactly as the model says', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        const templates = Array.from(
          { length: DOCS },
          () => ({ ...customerDoc('rep', 'team'), _deleted: false }) as Doc,
        );
        const ids = new Set(templates.map((d) => d.id));
        const model = new Map<string, Doc>();
        const views = Array.from({ length: CLIENTS }, () => new Map<string, Doc>());
        const checkpoints: (SyncCheckpoint | undefined)[] = Array.from(
          { length: CLIENTS },
          () => undefined,
        );

        async function pullClient(client: number) {
          const page = await pullAll(
            t,
            sessions[client] as Session,
            'customers',
            checkpoints[client],
          );
          for (const doc of page.documents)
            if (ids.has(doc.id)) (views[client] as Map<string, Doc>).set(doc.id, doc);
          checkpoints[client] = page.checkpoint;
        }

        for (const op of ops) {
          if (op.kind === 'pull') {
            await pullClient(op.client);
            continue;
          }
          const template = templates[op.doc] as Doc;
          const view = views[op.client] as Map<string, Doc>;
          const known = op.kind === 'blind' ? undefined : view.get(template.id);
          const base = known ?? template;
          const next: Doc =
            op.kind === 'delete'
              ? { ...base, _deleted: true }
              : { ...base, name: op.name, _deleted: false };
          const answer = await push(t, sessions[op.client] as Session, 'customers', [
            { assumedMasterState: known ?? null, newDocumentState: next },
          ]);
          const master = model.get(template.id);
          const written =
            !master || jsonEqual(master, next) || (known !== undefined && jsonEqual(known, master));
          if (written) {
            expect(answer).toEqual([]);
            model.set(template.id, next);
            view.set(template.id, next);
          } else {
            expect(answer).toEqual([master]);
            view.set(template.id, master as Doc);
          }
        }
        for (let client = 0; client < CLIENTS; client++) {
          await pullClient(client);
          for (const [id, doc] of model)
            expect((views[client] as Map<string, Doc>).get(id)).toEqual(doc);
        }
      }),
      { numRuns: 40 },
    );
  });
});
