import type { Migration } from '../migrate';

/**
 * Audit entries of one document each. Until now an entry held `before` and `after` as jsonb:
 * two conversions of the whole document and their compression, half of a push's time in the
 * database. An entry now holds the document as stored (json, the text it arrived in) and its
 * deleted flag; what it replaced is the entry before it, which GET /api/history derives. Every
 * change of a document's text is written here with it (dangan_apply_push is the only writer of
 * docs.doc), so the entry before is always the version replaced.
 *
 * Entries written before this migration keep their `before` and `after` (an entry after them
 * takes its `before` from their `after`). dangan_apply_push (0004) again, with only the audit
 * insert changed.
 */
export const m0005: Migration = {
  version: 5,
  name: 'audit-after-only',
  sql: `
ALTER TABLE audit ADD COLUMN deleted boolean, ADD COLUMN doc json, ALTER COLUMN after DROP NOT NULL;
ALTER TABLE audit ADD CONSTRAINT audit_has_state CHECK ((doc IS NOT NULL AND deleted IS NOT NULL) OR after IS NOT NULL) NOT VALID;

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

  -- The document as stored in docs, not converted: what it replaced is the entry before it.
  INSERT INTO audit (collection, doc_id, user_id, device_id, deleted, doc)
  SELECT v_target, w.id, v_user, v_device, w.deleted, w.doc
    FROM unnest(w_id, w_deleted, w_doc) AS w(id, deleted, doc);

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

DO $$
BEGIN
  ALTER TABLE audit ALTER COLUMN doc SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
  NULL;
END
$$;
`,
};
