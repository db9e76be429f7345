import type { ColumnMapping } from './mapping';
import type { RowError } from './rows';
import type { ImportRow } from './validate-table';

export type WorkerRequest =
  | { type: 'parse'; fileName: string; bytes: ArrayBuffer }
  | { type: 'validate'; mapping: ColumnMapping; owners: [string, string][]; defaultOwnerId: string };

export type WorkerResponse =
  | { type: 'parsed'; headers: string[]; preview: string[][]; total: number; encoding: string; mapping: ColumnMapping }
  | { type: 'progress'; done: number; total: number }
  | { type: 'rows'; rows: ImportRow[] }
  | { type: 'validated'; errors: RowError[]; valid: number; total: number }
  | { type: 'error'; message: string };
