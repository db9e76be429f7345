import type { Migration } from '../migrate';

/**
 * Pushes no longer wait for each other. Until now every push held its collections' counter
 * row (seq_counters) from taking its sequence numbers to COMMIT, so that sequence order was
 * commit order; it also made every push wait for the one before it, COMMIT and fsync
 * included. Now a change's position (the `seq` column, still the pull order) is
 *
 *   seq = xid * 2^20 + offset
 *
 * with xid the writing transaction's id and offset its change's number within the push
 * (per collection, 1-based, from the plan). Positions are unique per collection (one xid per
 * transaction) and each transaction's changes get positions of their own that no other can
 * interleave with. Positions of changes still in flight are not in commit order, so a reader
 * takes only what lies below the horizon of its snapshot:
 *
 *   horizon = pg_snapshot_xmin(pg_current_snapshot()) * 2^20
 *
 * Every transaction with an id below the snapshot's xmin has ended, so every position below
 * the horizon is final: committed and visible, or never to be. A transaction that commits
 * later has an id of xmin or more, so all its positions are at or above the horizon. A pull
 * whose page is not full moves the client's checkpoint to the horizon (see pull.ts).
 *
 * Positions stay below 2^53 (JavaScript numbers) while transaction ids stay below 2^33: a
 * push refuses to run beyond that rather than misorder. Positions written before this
 * migration are counter values, far below the horizon of any database that has run a
 * thousand transactions; dangan_renumber_changes (called at every start, see migrate.ts)
 * renumbers positions at or above the horizon, which only a restore into a new cluster
 * (transaction ids start low again) can leave.
 */
export const m0005: Migration = {
  version: 5,
  name: 'positions-by-transaction',
  sql: `
-- Returns the highest position it wrote, for the writer to wait until it is below the horizon.
DROP FUNCTION dangan_apply_push(json);
CREATE FUNCTION dangan_apply_push(plan json) RETURNS bigint LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan AS $$
DECLARE
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
  v_tx bigint;
  v_base bigint;
  expected bigint;
  inserted bigint;
BEGIN
  -- One parse of the plan; the writes stay json text (documents are stored as received).
  SELECT x.collection, x.user_id, x.device_id, x.channel, coalesce(x.counts, '{}'),
         coalesce(x.writes, '[]'), coalesce(x.rekeys, '[]'), coalesce(x.revocations, '[]')
    INTO v_target, v_user, v_device, v_channel, v_counts, v_writes, v_rekeys, v_revocations
    FROM json_to_record(plan) AS x(collection text, user_id text, device_id text, channel text,
                                   counts jsonb, writes json, rekeys jsonb, revocations jsonb);

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

  -- The transaction's id, taken while it runs, orders its changes (see the comment above).
  v_tx := pg_current_xact_id()::text::bigint;
  IF v_tx >= 8589934592 THEN
    RAISE EXCEPTION 'transaction ids beyond 2^33 do not fit the change positions';
  END IF;
  v_base := v_tx * 1048576;
  IF EXISTS (SELECT 1 FROM jsonb_each_text(v_counts) AS x WHERE x.value::bigint >= 1048576) THEN
    RAISE EXCEPTION 'more than 1048575 changes to one collection in one push';
  END IF;

  -- Before any document changes: the snapshot is the version the old keys could see.
  IF jsonb_array_length(v_revocations) > 0 THEN
    INSERT INTO revocations (collection, seq, doc_id, owner_id, team_id, snapshot)
    SELECT x.collection, v_base + x.off, x.doc_id, x.owner_id, x.team_id, d.doc
      FROM jsonb_to_recordset(v_revocations)
        AS x(collection text, off bigint, doc_id text, owner_id text, team_id text)
      JOIN docs d ON d.collection = x.collection AND d.id = x.doc_id;
  END IF;

  SELECT count(*) INTO expected FROM unnest(w_insert) AS i WHERE i;
  IF expected > 0 THEN
    INSERT INTO docs (collection, id, seq, deleted, doc, owner_id, team_id, customer_id)
    SELECT v_target, w.id, v_base + w.off, w.deleted, w.doc, w.owner, w.team, w.customer
      FROM unnest(w_off, w_id, w_insert, w_deleted, w_doc, w_owner, w_team, w_customer)
        AS w(off, id, ins, deleted, doc, owner, team, customer)
     WHERE w.ins
     -- In id order: two pushes creating the same documents wait for each other, never deadlock.
     ORDER BY w.id
    ON CONFLICT (collection, id) DO NOTHING;
    GET DIAGNOSTICS inserted = ROW_COUNT;
    IF inserted <> expected THEN
      RAISE EXCEPTION 'a document was created concurrently' USING ERRCODE = 'serialization_failure';
    END IF;
  END IF;

  IF expected < coalesce(array_length(w_id, 1), 0) THEN
    UPDATE docs d
       SET seq = v_base + w.off, deleted = w.deleted, doc = w.doc, owner_id = w.owner,
           team_id = w.team, customer_id = w.customer, updated_at = now()
      FROM unnest(w_off, w_id, w_insert, w_deleted, w_doc, w_owner, w_team, w_customer)
        AS w(off, id, ins, deleted, doc, owner, team, customer)
     WHERE NOT w.ins AND d.collection = v_target AND d.id = w.id;
  END IF;

  IF jsonb_array_length(v_rekeys) > 0 THEN
    UPDATE docs d
       SET seq = v_base + x.off, owner_id = x.owner_id, team_id = x.team_id,
           updated_at = now()
      FROM jsonb_to_recordset(v_rekeys)
        AS x(collection text, off bigint, id text, owner_id text, team_id text)
     WHERE d.collection = x.collection AND d.id = x.id;
  END IF;

  PERFORM pg_notify(v_channel,
                    json_build_object('c', k, 's', v_base + (v_counts ->> k)::bigint)::text)
     FROM jsonb_object_keys(v_counts) AS k;
  RETURN v_base + (SELECT max(x.value::bigint) FROM jsonb_each_text(v_counts) AS x);
END
$$;

-- Positions 1..n per collection in their old order, docs and revocations together (a page
-- merges both); a client whose checkpoint is beyond the horizon then starts over (pull.ts).
CREATE FUNCTION dangan_renumber_changes() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  horizon bigint := pg_snapshot_xmin(pg_current_snapshot())::text::bigint * 1048576;
  moved bigint;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM seq_counters c
                  WHERE EXISTS (SELECT 1 FROM docs d WHERE d.collection = c.collection AND d.seq >= horizon)
                     OR EXISTS (SELECT 1 FROM revocations r WHERE r.collection = c.collection AND r.seq >= horizon)) THEN
    RETURN 0;
  END IF;
  CREATE TEMP TABLE dangan_renumbered ON COMMIT DROP AS
    SELECT u.collection, u.seq, row_number() OVER (PARTITION BY u.collection ORDER BY u.seq) AS n
      FROM (SELECT collection, seq FROM docs UNION ALL SELECT collection, seq FROM revocations) u;
  -- Through negative numbers: the unique (collection, seq) indexes never see a collision.
  UPDATE docs d SET seq = -r.n FROM dangan_renumbered r WHERE d.collection = r.collection AND d.seq = r.seq;
  GET DIAGNOSTICS moved = ROW_COUNT;
  UPDATE revocations v SET seq = -r.n FROM dangan_renumbered r WHERE v.collection = r.collection AND v.seq = r.seq;
  UPDATE docs SET seq = -seq WHERE seq < 0;
  UPDATE revocations SET seq = -seq WHERE seq < 0;
  RETURN moved;
END
$$;
`,
};
