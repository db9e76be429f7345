import type { Migration } from '../migrate';

/**
 * The end of a push transaction as one server-side call: the audit rows, then the sequence
 * counters (sorted by collection, the lock order), then every write, and the NOTIFY. The
 * counters stay locked until COMMIT, which the server sends in the same round trip, so the
 * lock that orders commits is never held while a message crosses the network or waits for
 * the server's event loop.
 *
 * plan: { channel, collection, user_id, device_id, counts: {collection: n},
 *         inserts / updates: [{off, id, deleted, doc, owner_id, team_id, customer_id}],
 *         rekeys: [{collection, off, id, owner_id, team_id}],
 *         revocations: [{collection, off, doc_id, owner_id, team_id}] }
 * A row's sequence is its collection's base plus `off` (1-based, assigned by the caller).
 * What is already stored (the audit's `before`, a revocation's snapshot) is read here rather
 * than sent: the documents cross the wire once. The plan is json (not jsonb) so each document
 * is stored with the text and key order it arrived in.
 * A document to insert that exists by now (another writer was first) raises 40001: the caller
 * decides the push again.
 */
export const m0002: Migration = {
  version: 2,
  name: 'apply-push',
  sql: `
CREATE FUNCTION dangan_apply_push(plan json) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  target text := plan ->> 'collection';
  bases jsonb := '{}';
  c text;
  n bigint;
  base bigint;
  expected bigint;
  inserted bigint;
BEGIN
  INSERT INTO audit (collection, doc_id, user_id, device_id, before, after)
  SELECT target, w.id, plan ->> 'user_id', plan ->> 'device_id',
         (SELECT d.doc::jsonb || jsonb_build_object('_deleted', d.deleted) FROM docs d
           WHERE d.collection = target AND d.id = w.id),
         w.doc || jsonb_build_object('_deleted', w.deleted)
    FROM (SELECT * FROM json_to_recordset(plan -> 'inserts') AS i(id text, deleted boolean, doc jsonb)
          UNION ALL
          SELECT * FROM json_to_recordset(plan -> 'updates') AS u(id text, deleted boolean, doc jsonb)) w;

  FOR c IN SELECT k FROM json_object_keys(plan -> 'counts') AS k ORDER BY k LOOP
    n := (plan -> 'counts' ->> c)::bigint;
    UPDATE seq_counters SET value = value + n WHERE collection = c RETURNING value - n INTO base;
    IF base IS NULL THEN
      RAISE EXCEPTION 'no sequence counter for collection %', c;
    END IF;
    bases := bases || jsonb_build_object(c, base);
  END LOOP;

  -- Before any document changes: the snapshot is the version the old keys could see.
  INSERT INTO revocations (collection, seq, doc_id, owner_id, team_id, snapshot)
  SELECT x.collection, (bases ->> x.collection)::bigint + x.off, x.doc_id, x.owner_id, x.team_id, d.doc
    FROM json_to_recordset(plan -> 'revocations')
      AS x(collection text, off bigint, doc_id text, owner_id text, team_id text)
    JOIN docs d ON d.collection = x.collection AND d.id = x.doc_id;

  expected := json_array_length(plan -> 'inserts');
  INSERT INTO docs (collection, id, seq, deleted, doc, owner_id, team_id, customer_id)
  SELECT target, x.id, (bases ->> target)::bigint + x.off, x.deleted, x.doc, x.owner_id, x.team_id, x.customer_id
    FROM json_to_recordset(plan -> 'inserts')
      AS x(off bigint, id text, deleted boolean, doc json, owner_id text, team_id text, customer_id text)
  ON CONFLICT (collection, id) DO NOTHING;
  GET DIAGNOSTICS inserted = ROW_COUNT;
  IF inserted <> expected THEN
    RAISE EXCEPTION 'a document was created concurrently' USING ERRCODE = 'serialization_failure';
  END IF;

  UPDATE docs d
     SET seq = (bases ->> target)::bigint + x.off, deleted = x.deleted, doc = x.doc, owner_id = x.owner_id,
         team_id = x.team_id, customer_id = x.customer_id, updated_at = now()
    FROM json_to_recordset(plan -> 'updates')
      AS x(off bigint, id text, deleted boolean, doc json, owner_id text, team_id text, customer_id text)
   WHERE d.collection = target AND d.id = x.id;

  UPDATE docs d
     SET seq = (bases ->> x.collection)::bigint + x.off, owner_id = x.owner_id, team_id = x.team_id, updated_at = now()
    FROM json_to_recordset(plan -> 'rekeys')
      AS x(collection text, off bigint, id text, owner_id text, team_id text)
   WHERE d.collection = x.collection AND d.id = x.id;

  PERFORM pg_notify(plan ->> 'channel',
                    json_build_object('c', k, 's', (bases ->> k)::bigint + (plan -> 'counts' ->> k)::bigint)::text)
     FROM json_object_keys(plan -> 'counts') AS k;
END
$$;
`,
};
