import type { ReplicatedCollection } from '../schema';

/**
 * How a field of a replicated document merges when the laptop and the server both changed the
 * document since their common ancestor (`assumedMasterState`):
 * - `appendOnly`: arrays of entries with an `id` that are only ever added to (histories,
 *   timelines, notes): the result is the union by id; an entry both sides hold stays as the
 *   server has it.
 * - `keyed`: editable arrays of entries with an `id` (contacts, addresses, next steps): merged
 *   entry by entry against the ancestor, so a contact added on one laptop and another edited on
 *   a second both survive; an entry changed on both sides is a conflict of that entry only.
 * - `set`: arrays of strings used as sets (tags, attachment ids): additions and removals of
 *   either side both apply.
 * Every other field merges as a whole value.
 */
export interface MergeRules {
  appendOnly: readonly string[];
  keyed: readonly string[];
  set: readonly string[];
}

const NO_RULES: MergeRules = { appendOnly: [], keyed: [], set: [] };

export const MERGE_RULES = {
  customers: { appendOnly: ['statusHistory'], keyed: ['contacts', 'addresses'], set: ['tags'] },
  credit: { appendOnly: ['overdueNotes'], keyed: [], set: [] },
  transactions: NO_RULES,
  plans: { appendOnly: [], keyed: ['targets'], set: [] },
  visits: {
    appendOnly: ['amendments', 'reviews'],
    keyed: ['nextSteps'],
    set: ['attachmentIds', 'visitors', 'purposes'],
  },
  cases: { appendOnly: ['timeline'], keyed: [], set: [] },
  responses: NO_RULES,
  tasks: NO_RULES,
  requests: NO_RULES,
  attachments: NO_RULES,
  reference: NO_RULES,
} as const satisfies Record<ReplicatedCollection, MergeRules>;

/**
 * Stamps of the write layer, not values a user typed: never a conflict. The merged document
 * carries the later `updatedAt` and the writer of the side that had it.
 */
export const AUDIT_FIELDS = ['updatedAt', 'updatedBy'] as const;

/** RxDB's own bookkeeping on a document; never merged, never compared. */
export const INTERNAL_FIELDS = ['_meta', '_rev', '_attachments'] as const;
