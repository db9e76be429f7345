import { mkdir } from 'node:fs/promises';
import type { HandlerTable } from '../ipc/dispatch';
import { safeFileName } from '../attachments/safety';
import type { PrintEngine } from './engine';
import type { TemplateRegistry } from './registry';

/** The operating-system parts (Electron's dialog and shell in the app). */
export interface PrintOs {
  /** The save dialog for a PDF; null when cancelled. */
  choosePdfPath(defaultName: string): Promise<string | null>;
  /** Opens a folder in the file manager; resolves to an error text, '' on success. */
  openPath(target: string): Promise<string>;
}

export interface PrintServices {
  engine: PrintEngine;
  registry: TemplateRegistry;
  os: PrintOs;
}

type PrintChannels = Extract<keyof HandlerTable, `print:${string}`>;

export function printHandlers({ engine, registry, os }: PrintServices): Pick<HandlerTable, PrintChannels> {
  return {
    'print:templates': () => registry.list(),
    'print:preview': ({ form, data, locale }) => engine.preview(form, data, locale),
    'print:savePdf': async ({ previewId, name }) => {
      const base = safeFileName(name, 'form');
      const target = await os.choosePdfPath(base.toLowerCase().endsWith('.pdf') ? base : `${base}.pdf`);
      if (!target) return { saved: false };
      await engine.savePdf(previewId, target);
      return { saved: true };
    },
    'print:print': async ({ previewId }) => ({ printed: await engine.print(previewId) }),
    'print:closePreview': async ({ previewId }) => ({ closed: await engine.close(previewId) }),
    'print:openTemplatesFolder': async () => {
      await mkdir(registry.userRoot, { recursive: true });
      return { opened: (await os.openPath(registry.userRoot)) === '' };
    },
  };
}
