import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { formIdSchema, PRINT_MODELS, type TemplateInfo } from '../../shared/ipc/print';
import { IpcFailure } from '../../shared/ipc/define';
import { detectType } from '../attachments/detect';
import { compileTemplate, type CompiledTemplate } from './template-lang';

const mm = z.number().min(0).max(60);
const labelTable = z.record(z.string().max(64), z.string().max(500));

/** `form.json` of a template folder. */
export const formMetaSchema = z
  .object({
    model: z.enum(PRINT_MODELS),
    title: z.object({ 'zh-CN': z.string().min(1).max(100), en: z.string().min(1).max(100) }),
    orientation: z.enum(['portrait', 'landscape']).default('portrait'),
    /** Page margins in millimetres; the header and footer print inside the top and bottom ones. */
    margins: z.object({ top: mm, right: mm, bottom: mm, left: mm }).default({ top: 20, right: 15, bottom: 18, left: 15 }),
    /** Company name, form title, hotline, page numbers and print time around every page. */
    furniture: z.boolean().default(true),
    /** The form's printed words, per locale; templates use them as `{{L.key}}`. */
    labels: z.object({ 'zh-CN': labelTable, en: labelTable }).default({ 'zh-CN': {}, en: {} }),
  })
  .strict();
export type FormMeta = z.output<typeof formMetaSchema>;

export interface LoadedForm {
  id: string;
  meta: FormMeta;
  source: 'builtin' | 'user';
  template: CompiledTemplate;
  css: string;
  partial(name: string): CompiledTemplate | undefined;
  /** Images next to the form or in `_shared/assets`, as data: URLs by file stem (`logo`). */
  assets: Record<string, string>;
  /** The built-in stylesheet every form starts from. */
  baseCss: string;
}

const MAX_FILE = 1024 * 1024;
const SHARED = '_shared';

export function badTemplate(id: string, problem: string): IpcFailure {
  return new IpcFailure('failed', `template "${id}": ${problem}`, 'print.errors.badTemplate');
}

async function readSmall(file: string): Promise<Buffer | null> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return null;
  if (info.size > MAX_FILE) throw new Error(`${path.basename(file)} is larger than 1 MiB`);
  return readFile(file);
}

async function isDir(dir: string): Promise<boolean> {
  return (await stat(dir).catch(() => null))?.isDirectory() ?? false;
}

async function formIds(root: string): Promise<string[]> {
  if (!(await isDir(root))) return [];
  const entries = await readdir(root, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && formIdSchema.safeParse(e.name).success).map((e) => e.name);
}

/** Compiles every `.html` file of a folder as a partial named by its stem. */
async function loadPartials(dir: string): Promise<Map<string, CompiledTemplate>> {
  const partials = new Map<string, CompiledTemplate>();
  if (!(await isDir(dir))) return partials;
  for (const name of (await readdir(dir)).sort()) {
    if (!name.endsWith('.html')) continue;
    const source = await readSmall(path.join(dir, name));
    if (source) partials.set(name.slice(0, -5), compileTemplate(source.toString('utf8'), `${path.basename(path.dirname(dir))}/partials/${name}`));
  }
  return partials;
}

/** PNG and JPEG files only (checked by their bytes): anything else could carry script. */
async function loadAssets(dir: string, into: Record<string, string>): Promise<void> {
  if (!(await isDir(dir))) return;
  for (const name of (await readdir(dir)).sort()) {
    const bytes = await readSmall(path.join(dir, name)).catch(() => null);
    if (!bytes) continue;
    const detected = detectType(bytes);
    if (detected.format !== 'png' && detected.format !== 'jpeg') continue;
    const stem = name.replace(/\.[^.]+$/, '');
    if (/^[A-Za-z_]\w*$/.test(stem)) into[stem] = `data:${detected.mime};base64,${bytes.toString('base64')}`;
  }
}

/**
 * Print templates: one folder per form under the built-in root (resources/templates) and
 * the user's root (`<dataDir>/templates`). A user folder with a built-in form's name
 * replaces it. Shared partials, styles and assets live in `_shared` (the user's win).
 */
export class TemplateRegistry {
  constructor(
    readonly builtinRoot: string,
    readonly userRoot: string,
  ) {}

  async list(): Promise<TemplateInfo[]> {
    const builtin = new Set(await formIds(this.builtinRoot));
    const user = new Set(await formIds(this.userRoot));
    const infos: TemplateInfo[] = [];
    for (const id of [...new Set([...builtin, ...user])].sort()) {
      const source = user.has(id) ? 'user' : 'builtin';
      const base = { id, source, overridesBuiltin: source === 'user' && builtin.has(id) } as const;
      try {
        const meta = await this.readMeta(path.join(source === 'user' ? this.userRoot : this.builtinRoot, id));
        infos.push({ ...base, model: meta.model, title: meta.title });
      } catch (error) {
        infos.push({ ...base, model: '', title: { 'zh-CN': id, en: id }, problem: (error as Error).message });
      }
    }
    return infos;
  }

  async load(id: string): Promise<LoadedForm> {
    if (!formIdSchema.safeParse(id).success) throw new IpcFailure('invalid-argument', `"${id}" is not a form name`);
    const userDir = path.join(this.userRoot, id);
    const source = (await isDir(userDir)) ? 'user' : 'builtin';
    const dir = source === 'user' ? userDir : path.join(this.builtinRoot, id);
    if (!(await isDir(dir))) throw new IpcFailure('not-found', `no print form "${id}"`, 'print.errors.unknownForm');
    try {
      const meta = await this.readMeta(dir);
      const html = await readSmall(path.join(dir, 'template.html'));
      if (!html) throw new Error('template.html is missing');
      const template = compileTemplate(html.toString('utf8'), `${id}/template.html`);
      const css = (await readSmall(path.join(dir, 'style.css')))?.toString('utf8') ?? '';
      const own = await loadPartials(path.join(dir, 'partials'));
      const userShared = await loadPartials(path.join(this.userRoot, SHARED, 'partials'));
      const builtinShared = await loadPartials(path.join(this.builtinRoot, SHARED, 'partials'));
      const assets: Record<string, string> = { logo: '' };
      await loadAssets(path.join(this.builtinRoot, SHARED, 'assets'), assets);
      await loadAssets(path.join(this.userRoot, SHARED, 'assets'), assets);
      await loadAssets(path.join(dir, 'assets'), assets);
      const baseCss = (await readSmall(path.join(this.builtinRoot, SHARED, 'base.css')))?.toString('utf8') ?? '';
      const userCss = (await readSmall(path.join(this.userRoot, SHARED, 'base.css')))?.toString('utf8') ?? '';
      return {
        id,
        meta,
        source,
        template,
        css,
        assets,
        baseCss: `${baseCss}\n${userCss}`,
        partial: (name) => own.get(name) ?? userShared.get(name) ?? builtinShared.get(name),
      };
    } catch (error) {
      if (error instanceof IpcFailure) throw error;
      throw badTemplate(id, (error as Error).message);
    }
  }

  private async readMeta(dir: string): Promise<FormMeta> {
    const raw = await readSmall(path.join(dir, 'form.json'));
    if (!raw) throw new Error('form.json is missing');
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new Error('form.json is not valid JSON');
    }
    const parsed = formMetaSchema.safeParse(json);
    if (!parsed.success) {
      throw new Error(`form.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    return parsed.data;
  }
}
