/// <reference lib="webworker" />
/**
 * Parsing and validating an import off the window's thread: a 100k-row workbook takes
 * seconds of CPU that would otherwise freeze the UI. Results go back in slices so that
 * receiving them never blocks the window for long either.
 */
import { newId } from '../../../../shared/ids';
import type { ColumnMapping } from './mapping';
import { suggestMapping } from './mapping';
import { readTable } from './parse';
import type { WorkerRequest, WorkerResponse } from './protocol';
import { validateTable } from './validate-table';

declare const self: DedicatedWorkerGlobalScope;

let table: string[][] = [];
const SEND_SLICE = 5000;

function post(message: WorkerResponse): void {
  self.postMessage(message);
}

async function validate(mapping: ColumnMapping, owners: [string, string][], defaultOwnerId: string): Promise<void> {
  const headers = table[0] ?? [];
  const result = await validateTable(
    table,
    mapping,
    { headers, owners: new Map(owners), defaultOwnerId, newId: () => newId() },
    (done, total) => post({ type: 'progress', done, total }),
    () => new Promise((resolve) => setTimeout(resolve, 0)),
  );
  for (let i = 0; i < result.rows.length; i += SEND_SLICE) post({ type: 'rows', rows: result.rows.slice(i, i + SEND_SLICE) });
  post({ type: 'validated', errors: result.errors, valid: result.rows.length, total: table.length - 1 });
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  const run = async () => {
    if (request.type === 'parse') {
      const parsed = await readTable(request.fileName, new Uint8Array(request.bytes));
      table = parsed.rows;
      const headers = table[0] ?? [];
      post({ type: 'parsed', headers, preview: table.slice(1, 21), total: Math.max(0, table.length - 1), encoding: parsed.encoding, mapping: suggestMapping(headers) });
    } else {
      await validate(request.mapping, request.owners, request.defaultOwnerId);
    }
  };
  run().catch((error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
};
