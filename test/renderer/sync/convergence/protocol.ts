import type { ReplicatedCollection } from '../../../../src/shared/schema';

export interface ClientOptions {
  dir: string;
  serverUrl: string;
  username: string;
  password: string;
  seed: number;
  collections: ReplicatedCollection[];
  clockOffsetMs: number;
  /** Set: this laptop polls instead of listening to the live stream. */
  pollIntervalMs?: number;
}

/** A user's edit, as the screens would make it. */
export type Op =
  | { kind: 'insert'; collection: ReplicatedCollection; doc: Record<string, unknown> }
  | { kind: 'set'; collection: ReplicatedCollection; id: string; field: string; value: unknown }
  | { kind: 'append'; collection: ReplicatedCollection; id: string; field: string; entry: Record<string, unknown> }
  | { kind: 'addToSet'; collection: ReplicatedCollection; id: string; field: string; value: string };

export type ClientRequest =
  | { id: number; cmd: 'apply'; op: Op }
  | { id: number; cmd: 'dump' | 'status' | 'syncNow' | 'stop' | 'checkpoints' };

export type ClientReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
