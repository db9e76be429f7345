import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { REPLICATED_COLLECTIONS, schemas, type ReplicatedCollection } from '../../shared/schema';

/** Keywords RxDB adds to JSON Schema; they say nothing about a document's validity. */
const RXDB_KEYWORDS = [
  'version',
  'primaryKey',
  'indexes',
  'internalIndexes',
  'encrypted',
  'keyCompression',
  'final',
  'sharding',
  'attachments',
  'ref',
  'crdt',
];

/** Fields RxDB keeps beside a document; never part of what a client wrote. */
const RXDB_INTERNAL_FIELDS = new Set(['_rev', '_meta', '_attachments']);

/** Deeper than any schema here; PostgreSQL's JSONB parser would fail on hostile depths. */
const MAX_DEPTH = 32;

export interface FieldError {
  field?: string;
  message: string;
}

export type DocValidators = Record<ReplicatedCollection, ValidateFunction>;

export function compileValidators(): DocValidators {
  const ajv = new Ajv({ strict: true, allErrors: false });
  for (const keyword of RXDB_KEYWORDS) ajv.addKeyword(keyword);
  const entries = REPLICATED_COLLECTIONS.map((c) => [c, ajv.compile(schemas[c])] as const);
  return Object.fromEntries(entries) as DocValidators;
}

function dotted(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function describe(error: ErrorObject): FieldError {
  const base = dotted(error.instancePath);
  if (error.keyword === 'required' && typeof error.params['missingProperty'] === 'string') {
    const field = base
      ? `${base}.${error.params['missingProperty']}`
      : error.params['missingProperty'];
    return { field, message: `${field} is required` };
  }
  const field = base || undefined;
  return { field, message: `${field ?? 'document'} ${error.message ?? 'is invalid'}` };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function wellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

function dottedPath(path: readonly string[]): string {
  return path.join('.');
}

/**
 * Strings PostgreSQL cannot store (NUL) or that are not valid Unicode (lone surrogates). Walks
 * with plain loops and names the path only when something is wrong: it visits every value of
 * every pushed document, and allocating entry arrays and paths on the way cost more than the walk.
 */
function textProblem(value: unknown, path: string[]): FieldError | null {
  if (path.length > MAX_DEPTH)
    return {
      field: dottedPath(path) || undefined,
      message: `${dottedPath(path) || 'document'} is nested too deeply`,
    };
  if (typeof value === 'string') {
    if (value.includes('\u0000'))
      return { field: dottedPath(path), message: `${dottedPath(path)} contains a NUL character` };
    if (!wellFormed(value))
      return { field: dottedPath(path), message: `${dottedPath(path)} is not valid Unicode` };
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(String(i));
      const problem = textProblem(value[i], path);
      path.pop();
      if (problem) return problem;
    }
    return null;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    if (key.includes('\u0000') || !wellFormed(key)) {
      return {
        field: dottedPath(path) || undefined,
        message: `${dottedPath(path) || 'document'} has an invalid key`,
      };
    }
    path.push(key);
    const problem = textProblem(record[key], path);
    path.pop();
    if (problem) return problem;
  }
  return null;
}

/**
 * Splits what a client pushed into the document as stored (RxDB's own fields dropped) and its
 * deleted flag, or says why it cannot be stored: naming the field whenever one is to blame.
 */
export function checkDocument(
  validators: DocValidators,
  collection: ReplicatedCollection,
  state: Record<string, unknown>,
): { doc: Record<string, unknown>; deleted: boolean } | { error: FieldError } {
  const doc: Record<string, unknown> = {};
  let deleted = false;
  for (const [key, value] of Object.entries(state)) {
    if (key === '_deleted') {
      if (typeof value !== 'boolean')
        return { error: { field: '_deleted', message: '_deleted must be a boolean' } };
      deleted = value;
    } else if (RXDB_INTERNAL_FIELDS.has(key)) {
      continue;
    } else if (key.startsWith('_')) {
      return { error: { field: key, message: `${key}: fields starting with _ are reserved` } };
    } else {
      doc[key] = value;
    }
  }
  const text = textProblem(doc, []);
  if (text) return { error: text };
  const validate = validators[collection];
  if (!validate(doc)) {
    const first = validate.errors?.[0];
    return { error: first ? describe(first) : { message: 'document does not match the schema' } };
  }
  return { doc, deleted };
}

/** An assumed master state as comparable data: RxDB's own fields dropped. */
export function assumedState(state: Record<string, unknown>): {
  doc: Record<string, unknown>;
  deleted: boolean;
} {
  const doc: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(state)) {
    if (!key.startsWith('_')) doc[key] = value;
  }
  return { doc, deleted: state['_deleted'] === true };
}
