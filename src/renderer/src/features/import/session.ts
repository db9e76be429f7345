import type { ColumnMapping } from './mapping';
import type { WorkerRequest, WorkerResponse } from './protocol';
import type { RowError } from './rows';
import type { ImportRow } from './validate-table';

export interface Parsed {
  headers: string[];
  preview: string[][];
  total: number;
  encoding: string;
  mapping: ColumnMapping;
}

export interface Validated {
  rows: ImportRow[];
  errors: RowError[];
  total: number;
}

/** One import's worker: the file is parsed once, then validated for each mapping tried. */
export class ImportSession {
  private readonly worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });

  private request<T>(message: WorkerRequest, handle: (response: WorkerResponse, resolve: (value: T) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
        if (event.data.type === 'error') reject(new Error(event.data.message));
        else handle(event.data, resolve);
      };
      this.worker.onerror = (event) => reject(new Error(event.message || 'the import worker failed'));
      this.worker.postMessage(message, message.type === 'parse' ? [message.bytes] : []);
    });
  }

  parse(file: File): Promise<Parsed> {
    return file.arrayBuffer().then((bytes) =>
      this.request<Parsed>({ type: 'parse', fileName: file.name, bytes }, (response, resolve) => {
        if (response.type === 'parsed') {
          const { type: _type, ...parsed } = response;
          resolve(parsed);
        }
      }),
    );
  }

  validate(mapping: ColumnMapping, owners: [string, string][], defaultOwnerId: string, onProgress: (done: number, total: number) => void): Promise<Validated> {
    const rows: ImportRow[] = [];
    return this.request<Validated>({ type: 'validate', mapping, owners, defaultOwnerId }, (response, resolve) => {
      if (response.type === 'progress') onProgress(response.done, response.total);
      else if (response.type === 'rows') rows.push(...response.rows);
      else if (response.type === 'validated') resolve({ rows, errors: response.errors, total: response.total });
    });
  }

  close(): void {
    this.worker.terminate();
  }
}
