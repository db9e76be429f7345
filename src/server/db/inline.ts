import type { SqlParam } from './types';

/**
 * A parameterized statement as one text with the parameters written in, so it can travel in a
 * simple-protocol message together with other statements (BEGIN before it): one round trip
 * instead of two. Each value becomes an untyped dollar-quoted literal holding the very text the
 * `pg` driver sends for a parameter, so PostgreSQL infers its type from the context exactly as
 * it does for `$n`. Null when the statement cannot be rewritten safely (a dollar-quoted body or
 * an escape string in it, a `$n` without a value, a number that is not finite): the caller then
 * sends it as it is.
 */
export function inlineParams(sql: string, params: readonly SqlParam[]): string | null {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = closingQuote(sql, i);
      if (end < 0) return null;
      // E'…' strings take backslash escapes: not worth telling apart, leave the statement alone.
      if (c === "'" && i > 0 && /[eE]/.test(sql[i - 1]!) && !/[\w$]/.test(sql[i - 2] ?? ' '))
        return null;
      out += sql.slice(i, end + 1);
      i = end + 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) return null;
      out += sql.slice(i, end + 2);
      i = end + 2;
    } else if (c === '$') {
      const match = /^\$(\d+)(?![\w$])/.exec(sql.slice(i, i + 12));
      // Any other `$` (a dollar-quoted body, an identifier with $ in it): leave the statement alone.
      if (!match || (i > 0 && /[\w$]/.test(sql[i - 1]!))) return null;
      const index = Number(match[1]) - 1;
      if (index < 0 || index >= params.length) return null;
      const literal = literalOf(params[index]!);
      if (literal === null) return null;
      out += literal;
      i += match[0].length;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/**
 * The argument list of `EXECUTE name(…)` for a statement prepared with SQL PREPARE (see
 * Statement.reusePlan): the same untyped literals as inlineParams, so each takes the type
 * PREPARE inferred for its `$n`. Empty for no parameters; null when a value cannot be written.
 */
export function executeArgs(params: readonly SqlParam[]): string | null {
  if (params.length === 0) return '';
  const literals: string[] = [];
  for (const value of params) {
    const literal = literalOf(value);
    if (literal === null) return null;
    literals.push(literal);
  }
  return `(${literals.join(', ')})`;
}

/** The index of the quote closing the literal or identifier opened at `start` ('' and "" are escapes). */
function closingQuote(sql: string, start: number): number {
  const quote = sql[start]!;
  let i = start + 1;
  for (;;) {
    const end = sql.indexOf(quote, i);
    if (end < 0) return -1;
    if (sql[end + 1] === quote) i = end + 2;
    else return end;
  }
}

/** What the `pg` driver sends for a value (its prepareValue), as an untyped literal. */
function literalOf(value: SqlParam): string | null {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return Number.isFinite(value) ? dollarQuote(String(value)) : null;
  if (typeof value === 'boolean') return value ? "'true'" : "'false'";
  if (typeof value === 'string') return dollarQuote(value);
  const items: string[] = [];
  for (const item of value as readonly (string | number)[]) {
    if (typeof item === 'number' && !Number.isFinite(item)) return null;
    items.push(`"${String(item).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
  }
  return dollarQuote(`{${items.join(',')}}`);
}

/** A PostgreSQL dollar-quoted literal: no escaping, so no escaping mistakes and no copy. */
export function dollarQuote(text: string): string {
  // The literal ends at the first `$tag$` after the opening one: that must be the closing tag.
  const closesEarly = (tag: string) => `${text}$${tag}$`.indexOf(`$${tag}$`) !== text.length;
  let tag = 'q';
  for (let n = 0; closesEarly(tag); n++) tag = `q${n.toString(36)}`;
  return `$${tag}$${text}$${tag}$`;
}
