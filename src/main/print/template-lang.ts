/**
 * The print templates' language: a small, logic-less subset of Handlebars.
 *
 *   {{path.to.value}}              the value, always HTML-escaped
 *   {{#each list}}…{{else}}…{{/each}}   repeats for each item; `this`, `@index`, `@number`
 *   {{#if path}}…{{else}}…{{/if}}  and {{#unless path}}…{{/unless}}
 *   {{> partial}}                  another template, with the same data
 *   {{! comment }}
 *
 * There is no syntax for raw HTML. Markup the app itself generates (a QR code's SVG) is a
 * `TrustedHtml` instance in the data; data that came over IPC is plain JSON and can never
 * be one, so nothing a user typed reaches the page unescaped. A name the data does not
 * have is an error, so a typo in a template is found at once rather than printing blank.
 */

export class TrustedHtml {
  constructor(readonly html: string) {}
}

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly template: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${template}:${line}:${column}: ${message}`);
    this.name = 'TemplateError';
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c);
}

interface Where {
  line: number;
  column: number;
}
type Block = { path: string[]; body: Node[]; otherwise: Node[] } & Where;
type Node =
  | { kind: 'text'; text: string }
  | ({ kind: 'value'; path: string[] } & Where)
  | ({ kind: 'each' } & Block)
  | ({ kind: 'if'; negate: boolean } & Block)
  | ({ kind: 'partial'; name: string } & Where);

const PATH = /^(?:this|@index|@number|@first|@last|[A-Za-z_][\w]*)(?:\.[A-Za-z_][\w]*)*$/;
const PARTIAL_NAME = /^[a-z0-9][\w-]*$/i;
const MAX_PARTIAL_DEPTH = 8;

export type PartialResolver = (name: string) => CompiledTemplate | undefined;

export interface CompiledTemplate {
  readonly name: string;
  render(data: unknown, partials?: PartialResolver): string;
}

/** Parsed nodes of every compiled template, for partials rendered inside another template. */
const parsed = new WeakMap<CompiledTemplate, Node[]>();

export function compileTemplate(source: string, name: string): CompiledTemplate {
  const nodes = parse(source, name);
  const template: CompiledTemplate = {
    name,
    render: (data, partials) => renderNodes(nodes, [{ value: data }], { name, partials, depth: 0 }),
  };
  parsed.set(template, nodes);
  return template;
}

function parse(source: string, name: string): Node[] {
  const where = (offset: number): Where => {
    const before = source.slice(0, offset);
    const line = before.split('\n').length;
    return { line, column: offset - before.lastIndexOf('\n') };
  };
  const fail = (message: string, offset: number): never => {
    const at = where(offset);
    throw new TemplateError(message, name, at.line, at.column);
  };
  const root: Node[] = [];
  // Open blocks; `target` is where the next node goes (the body, or after {{else}} the otherwise).
  const stack: { node: Extract<Node, { kind: 'each' | 'if' }>; tag: string; target: Node[]; offset: number }[] = [];
  let target = root;
  let cursor = 0;
  while (cursor < source.length) {
    const open = source.indexOf('{{', cursor);
    if (open === -1) {
      target.push({ kind: 'text', text: source.slice(cursor) });
      break;
    }
    if (open > cursor) target.push({ kind: 'text', text: source.slice(cursor, open) });
    const close = source.indexOf('}}', open + 2);
    if (close === -1) fail('"{{" is never closed', open);
    const tag = source.slice(open + 2, close).trim();
    cursor = close + 2;
    const at = where(open);
    if (tag.startsWith('!')) continue;
    if (tag.startsWith('{') || tag.startsWith('&')) fail('raw output is not allowed in templates', open);
    if (tag.startsWith('#')) {
      const match = /^#(each|if|unless)\s+(\S+)$/.exec(tag);
      if (!match?.[1] || !match[2]) fail(`unknown block "${tag}"`, open);
      const [, keyword = '', path = ''] = match ?? [];
      if (!PATH.test(path)) fail(`"${path}" is not a field name`, open);
      const node: Extract<Node, { kind: 'each' | 'if' }> =
        keyword === 'each'
          ? { kind: 'each', path: path.split('.'), body: [], otherwise: [], ...at }
          : { kind: 'if', negate: keyword === 'unless', path: path.split('.'), body: [], otherwise: [], ...at };
      target.push(node);
      stack.push({ node, tag: keyword, target, offset: open });
      target = node.body;
    } else if (tag === 'else') {
      const top = stack.at(-1);
      if (!top || target !== top.node.body) fail('"{{else}}" outside a block', open);
      target = top?.node.otherwise ?? target;
    } else if (tag.startsWith('/')) {
      const top = stack.pop();
      if (!top || top.tag !== tag.slice(1).trim()) fail(`"{{${tag}}}" closes nothing open`, open);
      target = top?.target ?? root;
    } else if (tag.startsWith('>')) {
      const partial = tag.slice(1).trim();
      if (!PARTIAL_NAME.test(partial)) fail(`"${partial}" is not a partial name`, open);
      target.push({ kind: 'partial', name: partial, ...at });
    } else {
      if (!PATH.test(tag)) fail(`"${tag}" is not a field name`, open);
      target.push({ kind: 'value', path: tag.split('.'), ...at });
    }
  }
  const unclosed = stack.pop();
  if (unclosed) fail(`"{{#${unclosed.tag}}}" is never closed`, unclosed.offset);
  return root;
}

interface Frame {
  value: unknown;
  index?: number;
  length?: number;
}
interface RenderState {
  name: string;
  partials: PartialResolver | undefined;
  depth: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof TrustedHtml);

function lookup(path: string[], frames: Frame[], state: RenderState, at: Where): unknown {
  const [head = '', ...rest] = path;
  const fail = (message: string): never => {
    throw new TemplateError(message, state.name, at.line, at.column);
  };
  let value: unknown;
  if (head.startsWith('@')) {
    const frame = [...frames].reverse().find((f) => f.index !== undefined);
    if (!frame || frame.index === undefined || frame.length === undefined) fail(`"${head}" outside {{#each}}`);
    const index = frame?.index ?? 0;
    const length = frame?.length ?? 0;
    value = { '@index': index, '@number': index + 1, '@first': index === 0, '@last': index === length - 1 }[head];
  } else if (head === 'this') {
    value = frames.at(-1)?.value;
  } else {
    const frame = [...frames].reverse().find((f) => isRecord(f.value) && Object.hasOwn(f.value, head));
    if (!frame) fail(`unknown field "${path.join('.')}"`);
    value = isRecord(frame?.value) ? frame.value[head] : undefined;
  }
  for (const key of rest) {
    if (!isRecord(value) || !Object.hasOwn(value, key)) fail(`unknown field "${path.join('.')}"`);
    value = isRecord(value) ? value[key] : undefined;
  }
  return value;
}

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

function renderNodes(nodes: Node[], frames: Frame[], state: RenderState): string {
  let out = '';
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        out += node.text;
        break;
      case 'value': {
        const value = lookup(node.path, frames, state, node);
        if (value instanceof TrustedHtml) out += value.html;
        else if (typeof value === 'string') out += escapeHtml(value);
        else if (typeof value === 'number' && Number.isFinite(value)) out += String(value);
        else if (value !== null && value !== undefined) {
          throw new TemplateError(`"${node.path.join('.')}" is not text`, state.name, node.line, node.column);
        }
        break;
      }
      case 'if': {
        const test = truthy(lookup(node.path, frames, state, node)) !== node.negate;
        out += renderNodes(test ? node.body : node.otherwise, frames, state);
        break;
      }
      case 'each': {
        const list = lookup(node.path, frames, state, node);
        if (list !== undefined && list !== null && !Array.isArray(list)) {
          throw new TemplateError(`"${node.path.join('.')}" is not a list`, state.name, node.line, node.column);
        }
        const items: unknown[] = list ?? [];
        if (items.length === 0) out += renderNodes(node.otherwise, frames, state);
        items.forEach((item, index) => {
          out += renderNodes(node.body, [...frames, { value: item, index, length: items.length }], state);
        });
        break;
      }
      case 'partial': {
        const partial = state.partials?.(node.name);
        if (!partial) throw new TemplateError(`unknown partial "${node.name}"`, state.name, node.line, node.column);
        if (state.depth >= MAX_PARTIAL_DEPTH) {
          throw new TemplateError('partials nested too deeply', state.name, node.line, node.column);
        }
        // A partial sees the same data (the whole scope chain) as the place it is used.
        out += renderNodes(parsed.get(partial) ?? [], frames, {
          name: partial.name,
          partials: state.partials,
          depth: state.depth + 1,
        });
        break;
      }
    }
  }
  return out;
}
