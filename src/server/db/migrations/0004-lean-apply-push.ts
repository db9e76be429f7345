import type { Migration } from '../migrate';

/**
 * dangan_apply_push (0002) again, doing each piece of JSON work once. Every `plan -> 'key'`
 * on a json value parses the whole plan text, and under force_custom_plan every statement is
 * planned with the plan as a constant (folding those lookups at plan time): 0002 parsed a
 * push of 20 documents some ten times and one of 1,000 documents (1.3 MB) as often, a third
 * of a push's database time, much of it while holding the sequence counter.
 *
 * Here the plan is split once (json_each), the rows are read once into arrays, and every
 * statement works on the arrays. Same effects, same lock order, same errors as 0002.
 *
 * plan: { channel, collection, user_id, device_id, counts: {collection: n},
 *         writes: [{off, id, is_insert, deleted, doc, owner_id, team_id, customer_id}],
 *         rekeys: [{collection, off, id, owner_id, team_id}],
 *         revocations: [{collection, off, doc_id, owner_id, team_id}] }
 * `is_insert` says the row is new (no master was found); the others update their master.
 */
export const m0004: Migration = {
  version: 4,
  name: 'lean-apply-push',
  sql: `
CREATE OR REPLACE FUNCTION dangan_apply_push(plan json) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan AS $$
DECLARE
  part record;
  v_target text;
  v_user text;
  v_device text;
  v_channel text;
  v_counts jsonb := '{}';
  v_writes json := '[]';
  v_rekeys jsonb := '[]';
  v_revocations jsonb := '[]';
  w_off bigint[];
  w_id text[];
  w_insert boolean[];
  w_deleted boolean[];
  w_doc json[];
  w_owner text[];
  w_team text[];
  w_customer text[];
  bases jsonb := '{}';
  c text;
  n bigint;
  base bigint;
  target_base bigint;
  expected bigint;
  inserted bigint;
BEGIN
  FOR part IN SELECT key, value FROM json_each(plan) LOOP
    CASE part.key
      WHEN 'collection' THEN v_target := part.value #>> '{}';
      WHEN 'user_id' THEN v_user := part.value #>> '{}';
      WHEN 'device_id' THEN v_device := part.value #>> '{}';
      WHEN 'channel' THEN v_channel := part.value #>> '{}';
      WHEN 'counts' THEN v_counts := part.value::jsonb;
      WHEN 'writes' THEN v_writes := part.value;
      WHEN 'rekeys' THEN v_rekeys := part.value::jsonb;
      WHEN 'revocations' THEN v_revocations := part.value::jsonb;
      ELSE NULL;
    END CASE;
  END LOOP;

  SELECT array_agg(x.off), array_agg(x.id), array_agg(x.is_insert), array_agg(x.deleted),
         array_agg(x.doc), array_agg(x.owner_id), array_agg(x.team_id), array_agg(x.customer_id)
    INTO w_off, w_id, w_insert, w_deleted, w_doc, w_owner, w_team, w_customer
    FROM json_to_recordset(v_writes) AS x(off bigint, id text, is_insert boolean, deleted boolean,
                                          doc json, owner_id text, team_id text, customer_id text);

  -- The flag is spliced into the text before its one conversion: jsonb || re-encodes the whole
  -- document (three times the cost of the conversion). Every document is a non-empty object
  -- (its id is required) without _deleted (validate.ts), as JSON.stringify wrote it.
  INSERT INTO audit (collection, doc_id, user_id, device_id, before, after)
  SELECT v_target, w.id, v_user, v_device,
         CASE WHEN NOT w.ins THEN
           (SELECT ('{"_deleted":' || d.deleted || ',' || substr(ltrim(d.doc::text), 2))::jsonb
              FROM docs d WHERE d.collection = v_target AND d.id = w.id) END,
         ('{"_deleted":' || w.deleted || ',' || substr(ltrim(w.doc::text), 2))::jsonb
    FROM unnest(w_id, w_insert, w_deleted, w_doc) AS w(id, ins, deleted, doc);

  FOR c IN SELECT k FROM jsonb_object_keys(v_counts) AS k ORDER BY k LOOP
    n := (v_counts ->> c)::bigint;
    UPDATE seq_counters SET value = value + n WHERE collection = c RETURNING value - n INTO base;
    IF base IS NULL THEN
      RAISE EXCEPTION 'no sequence counter for collection %', c;
    END IF;
    bases := bases || jsonb_build_object(c, base);
  END LOOP;
  target_base := coalesce((bases ->> v_target)::bigint, 0);

  -- Before any document changes: the snapshot is the version the old keys could see.
  IF jsonb_array_length(v_revocations) > 0 THEN
    INSERT INTO revocations (collection, seq, doc_id, owner_id, team_id, snapshot)
    SELECT x.collection, (bases ->> x.collection)::bigint + x.off, x.doc_id, x.owner_id, x.team_id, d.doc
      FROM jsonb_to_recordset(v_revocations)
        AS x(collection text, off bigint, doc_id text, owner_id text, team_id text)
      JOIN docs d ON d.collection = x.collection AND d.id = x.doc_id;
  END IF;

  SELECT count(*) INTO expected FROM unnest(w_insert) AS i WHERE i;
  IF expected > 0 THEN
    INSERT INTO docs (collection, id, seq, deleted, doc, owner_id, team_id, customer_id)
    SELECT v_target, w.id, target_base + w.off, w.deleted, w.doc, w.owner, w.team, w.customer
      FROM unnest(w_off, w_id, w_insert, w_deleted, w_doc, w_owner, w_team, w_customer)
        AS w(off, id, ins, deleted, doc, owner, team, customer)
     WHERE w.ins
    ON CONFLICT (collection, id) DO NOTHING;
    GET DIAGNOSTICS inserted = ROW_COUNT;
    IF inserted <> expected THEN
      RAISE EXCEPTION 'a document was created concurrently' USING ERRCODE = 'serialization_failure';
    END IF;
  END IF;

  IF expected < coalesce(array_length(w_id, 1), 0) THEN
    UPDATE docs d
       SET seq = target_base + w.off, deleted = w.deleted, doc = w.doc, owner_id = w.owner,
           team_id = w.team, customer_id = w.customer, updated_at = now()
      FROM unnest(w_off, w_id, w_insert, w_deleted, w_doc, w_owner, w_team, w_customer)
        AS w(off, id, ins, deleted, doc, owner, team, customer)
     WHERE NOT w.ins AND d.collection = v_target AND d.id = w.id;
  END IF;

  IF jsonb_array_length(v_rekeys) > 0 THEN
    UPDATE docs d
       SET seq = (bases ->> x.collection)::bigint + x.off, owner_id = x.owner_id, team_id = x.team_id,
           updated_at = now()
      FROM jsonb_to_recordset(v_rekeys)
        AS x(collection text, off bigint, id text, owner_id text, team_id text)
     WHERE d.collection = x.collection AND d.id = x.id;
  END IF;

  PERFORM pg_notify(v_channel,
                    json_build_object('c', k, 's', (bases ->> k)::bigint + (v_counts ->> k)::bigint)::text)
     FROM jsonb_object_keys(v_counts) AS k;
END
$$;

-- Audit rows of an update hold two documents and are compressed: lz4 costs a fraction of
-- pglz. A server built without lz4 (PGlite) keeps pglz.
DO $$
BEGIN
  ALTER TABLE audit ALTER COLUMN before SET COMPRESSION lz4, ALTER COLUMN after SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
  NULL;
END
$$;
`,
};
