import { describe, expect, it } from 'vitest';
import { dollarQuote } from '../../../src/server/db/postgres';
import { withDeleted } from '../../../src/server/sync/body';

describe('document text on the wire', () => {
  it('puts _deleted in front of a stored document without re-serializing it', () => {
    expect(JSON.parse(withDeleted('{"id":"a","n":{"x":1}}', true))).toEqual({
      _deleted: true,
      id: 'a',
      n: { x: 1 },
    });
    expect(withDeleted('{"id": "a"}', false)).toBe('{"_deleted":false,"id": "a"}');
    expect(JSON.parse(withDeleted('{}', false))).toEqual({ _deleted: false });
    expect(JSON.parse(withDeleted(' { } ', true))).toEqual({ _deleted: true });
  });

  it('dollar-quotes any text so that it ends exactly where it should', () => {
    for (const text of [
      'plain',
      'has $q$ inside',
      'ends with $q',
      'ends with $',
      '$',
      '$q',
      "quote ' and \\ backslash",
    ]) {
      const quoted = dollarQuote(text);
      const tag = /^\$(\w*)\$/.exec(quoted)?.[0] as string;
      expect(quoted.startsWith(tag) && quoted.endsWith(tag)).toBe(true);
      expect(quoted.indexOf(tag, tag.length)).toBe(quoted.length - tag.length);
      expect(quoted.slice(tag.length, quoted.length - tag.length)).toBe(text);
    }
  });
});
