import type { Locale } from '../../../shared/ipc/app';
import type { PrintDataParsed, PrintModel } from '../../../shared/ipc/print';
import type { AppSettings } from '../../../shared/ipc/settings';

export interface ModelContext {
  locale: Locale;
  settings: AppSettings;
  now: number;
}

/** Turns a form's validated data into the values its template prints (already formatted). */
export interface ModelBuilder<M extends PrintModel> {
  model: M;
  build(data: Extract<PrintDataParsed, { model: M }>, ctx: ModelContext): Promise<{
    /** Overrides the form title in the page header when the data names the document. */
    title?: string;
    view: Record<string, unknown>;
  }>;
}

export const byNewest = <T extends { at: number }>(list: readonly T[]): T[] => [...list].sort((a, b) => b.at - a.at);

export const nameOf = (names: Record<string, string>, id: string | undefined): string =>
  id ? (names[id] ?? id) : '';
