import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTemplate, escapeHtml, TemplateError, TrustedHtml } from '../../../src/main/print/template-lang';

const render = (source: string, data: unknown, partials: Record<string, string> = {}) =>
  compileTemplate(source, 'test').render(data, (name) =>
    partials[name] === undefined ? undefined : compileTemplate(partials[name] ?? '', name),
  );

const unescape = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#96;/g, '`')
    .replace(/&amp;/g, '&');

describe('print template language', () => {
  it('escapes every value, so markup in data prints as text', () => {
    const out = render('<p title="{{a}}">{{a}}</p>', { a: '<img src=x onerror=alert(1)>"\'&' });
    expect(out).toBe(
      '<p title="&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;">&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;</p>',
    );
  });

  it('round-trips any string through escaping without leaving a tag or quote open', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const out = render('<td title="{{v}}">{{v}}</td>', { v: text });
        const inner = out.slice('<td title="'.length + escapeHtml(text).length + 2, -'</td>'.length);
        expect(inner).not.toMatch(/[<>"'`]/);
        expect(unescape(inner)).toBe(text);
      }),
    );
  });

  it('repeats blocks with their index and falls back to else for empty lists', () => {
    const source = '{{#each rows}}{{@number}}.{{name}}({{unit}}){{#unless @last}}, {{/unless}}{{else}}none{{/each}}';
    expect(render(source, { unit: 'kg', rows: [{ name: 'a' }, { name: 'b' }] })).toBe('1.a(kg), 2.b(kg)');
    expect(render(source, { unit: 'kg', rows: [] })).toBe('none');
    expect(render('{{#each xs}}[{{this}}]{{/each}}', { xs: ['x', 2] })).toBe('[x][2]');
  });

  it('chooses branches by truthiness', () => {
    const source = '{{#if a}}A{{else}}not A{{/if}}|{{#unless b}}no B{{/unless}}';
    expect(render(source, { a: 'yes', b: [] })).toBe('A|no B');
    expect(render(source, { a: '', b: ['x'] })).toBe('not A|');
    expect(render(source, { a: 0, b: 1 })).toBe('not A|');
  });

  it('inserts app-made markup only from TrustedHtml values', () => {
    expect(render('<div>{{qr}}</div>', { qr: new TrustedHtml('<svg></svg>') })).toBe('<div><svg></svg></div>');
    // The same markup as data (what IPC delivers) is text.
    expect(render('<div>{{qr}}</div>', { qr: '<svg></svg>' })).toBe('<div>&lt;svg&gt;&lt;/svg&gt;</div>');
    expect(() => render('{{qr}}', JSON.parse(JSON.stringify({ qr: new TrustedHtml('<b>') })))).toThrow(/not text/);
  });

  it('has no raw-output syntax', () => {
    expect(() => render('{{{a}}}', { a: '<b>' })).toThrow(/raw output is not allowed/);
    expect(() => render('{{& a}}', { a: '<b>' })).toThrow(/raw output is not allowed/);
  });

  it('reports unknown fields and broken blocks with their line and column', () => {
    const error = (() => {
      try {
        render('line one\n  {{custmer.name}}', { customer: { name: 'x' } });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(TemplateError);
    expect(error).toMatchObject({ line: 2, column: 3, message: expect.stringContaining('unknown field "custmer.name"') });
    expect(() => render('{{#if a}}x', { a: 1 })).toThrow(/never closed/);
    expect(() => render('{{#if a}}x{{/each}}', { a: 1 })).toThrow(/closes nothing open/);
    expect(() => render('{{else}}', {})).toThrow(/outside a block/);
    expect(() => render('{{a b}}', {})).toThrow(/not a field name/);
    expect(() => render('{{ a', {})).toThrow(/never closed/);
    expect(() => render('{{obj}}', { obj: { x: 1 } })).toThrow(/not text/);
  });

  it('renders partials with the surrounding data and stops endless recursion', () => {
    expect(render('{{#each xs}}{{> item}}{{/each}}', { xs: [{ n: 1 }], sep: ';' }, { item: '{{n}}{{sep}}' })).toBe('1;');
    expect(() => render('{{> loop}}', {}, { loop: '{{> loop}}' })).toThrow(/nested too deeply/);
    expect(() => render('{{> missing}}', {})).toThrow(/unknown partial/);
  });
});
