import { accessOf, type AccessSubject, type Scope, type VisibilityKeys } from '../../shared/access';
import type { ReplicatedCollection } from '../../shared/schema';
import type { SqlParam } from '../db/types';

/** Rows carry their visibility keys in owner_id / team_id columns. */
export interface KeyColumns {
  owner_id: string | null;
  team_id: string | null;
}

export function keysOfRow(row: KeyColumns): VisibilityKeys {
  return { ownerId: row.owner_id, teamId: row.team_id };
}

export function sameKeys(a: VisibilityKeys, b: VisibilityKeys): boolean {
  return a.ownerId === b.ownerId && a.teamId === b.teamId;
}

/**
 * Builds SQL conditions on a table alias's owner_id/team_id, mirroring `inScope` in the shared
 * policy. Values go into `params`; only fixed SQL text is generated.
 */
export class PredicateBuilder {
  constructor(readonly params: SqlParam[]) {}

  private placeholder(value: SqlParam): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  scope(scope: Scope, subject: AccessSubject, alias: string): string {
    if (scope === 'all') return 'TRUE';
    if (scope === 'none') return 'FALSE';
    const owner = `${alias}.owner_id = ${this.placeholder(subject.userId)}`;
    if (subject.teamId === '') return `(${owner})`;
    return `(${owner} OR ${alias}.team_id = ${this.placeholder(subject.teamId)})`;
  }

  readable(subject: AccessSubject, collection: ReplicatedCollection, alias: string): string {
    return this.scope(accessOf(subject.role, collection).read, subject, alias);
  }

  /** Readable under any of several subjects (the scopes a checkpoint is being reconciled from). */
  readableByAny(
    subjects: readonly AccessSubject[],
    collection: ReplicatedCollection,
    alias: string,
  ): string {
    if (subjects.length === 0) return 'FALSE';
    return `(${subjects.map((s) => this.readable(s, collection, alias)).join(' OR ')})`;
  }
}
