import type { RxConflictHandler, WithDeleted } from 'rxdb';
import type { ReplicatedCollection } from '../schema';
import { documentsEqual, mergeDocuments, stripInternal, type FieldConflict, type MergeDoc } from './merge';
import { MERGE_RULES } from './merge-rules';

export interface ConflictReport {
  collection: ReplicatedCollection;
  documentId: string;
  conflicts: FieldConflict[];
  /** The laptop's version that lost those fields, and the server's version that kept them. */
  local: MergeDoc;
  server: MergeDoc;
}

/** Where the handler hands what it cannot merge, and how it learns of refused writes. */
export interface ConflictSink {
  /** Stores lost local values for the inbox; awaited before the merge is written. */
  record(report: ConflictReport): Promise<void>;
  /**
   * True when `master` is the server's answer to a write it refused (access, schema): then
   * the laptop converges to it instead of merging, or the same write would be refused forever.
   */
  wasRefused(collection: ReplicatedCollection, master: MergeDoc): boolean;
}

/**
 * RxDB (v16+) conflict handler for one collection: `isEqual` ignores bookkeeping, `resolve`
 * merges field by field against the common ancestor (see merge.ts).
 */
export function createConflictHandler<T>(
  collection: ReplicatedCollection,
  primaryKey: string,
  sink: ConflictSink,
): RxConflictHandler<T> {
  const rules = MERGE_RULES[collection];
  return {
    isEqual: (a, b) => documentsEqual(a as MergeDoc, b as MergeDoc),
    resolve: async (input) => {
      const server = input.realMasterState as MergeDoc;
      if (sink.wasRefused(collection, server)) return stripInternal(server) as WithDeleted<T>;
      const { merged, conflicts } = mergeDocuments(rules, {
        base: (input.assumedMasterState as MergeDoc | undefined) ?? null,
        local: input.newDocumentState as MergeDoc,
        server,
      });
      if (conflicts.length > 0) {
        await sink.record({
          collection,
          documentId: String(server[primaryKey] ?? input.newDocumentState[primaryKey as keyof typeof input.newDocumentState]),
          conflicts,
          local: stripInternal(input.newDocumentState as MergeDoc),
          server: stripInternal(server),
        });
      }
      return merged as WithDeleted<T>;
    },
  };
}
