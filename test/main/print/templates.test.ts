import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { printDataSchema } from '../../../src/shared/ipc/print';
import { launchChromium, pdfText } from './chromium';
import { catalogData, customerSheetData } from './fixtures';
import { BUILTIN_TEMPLATES, PRINT_SETTINGS, printFixture } from './helpers';

const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('print templates', () => {
  let browser: Browser;
  let fx: Awaited<ReturnType<typeof printFixture>>;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser.close());
  beforeEach(async () => {
    fx = await printFixture({ browser });
  });
  afterEach(() => fx.cleanup());

  const userForm = (id: string) => path.join(fx.registry.userRoot, id);
  const sheet = () => printDataSchema.parse(customerSheetData());

  it('lists the built-in forms with their titles', async () => {
    const list = await fx.registry.list();
    // Other features add their own forms beside these.
    expect(list.map((t) => [t.id, t.model, t.source, t.title['zh-CN']])).toEqual(
      expect.arrayContaining([
        ['archive-catalog', 'archive-catalog', 'builtin', '退档目录'],
        ['archive-label', 'archive-label', 'builtin', '档案标签'],
        ['customer-sheet', 'customer-sheet', 'builtin', '客户档案表'],
      ]),
    );
    expect(list.every((t) => t.problem === undefined)).toBe(true);
  });

  it("uses a user's folder of the same name instead of the built-in form", async () => {
    await cp(path.join(BUILTIN_TEMPLATES, 'customer-sheet'), userForm('customer-sheet'), { recursive: true });
    const template = path.join(userForm('customer-sheet'), 'template.html');
    await writeFile(template, `<h1>本公司专用档案表</h1>\n${await readFile(template, 'utf8')}`);
    const list = await fx.registry.list();
    expect(list.find((t) => t.id === 'customer-sheet')).toMatchObject({ source: 'user', overridesBuiltin: true });
    const filled = await fx.engine.fill('customer-sheet', sheet(), 'zh-CN');
    expect(filled.html).toContain('<h1>本公司专用档案表</h1>');
  });

  it('adds a new form from a user folder written against a known model', async () => {
    await mkdir(userForm('retired-summary'), { recursive: true });
    await writeFile(
      path.join(userForm('retired-summary'), 'form.json'),
      JSON.stringify({ model: 'archive-catalog', title: { 'zh-CN': '退档汇总', en: 'Retired summary' } }),
    );
    await writeFile(path.join(userForm('retired-summary'), 'template.html'), '<p>{{year}} 年共 {{count}} 份</p>');
    expect((await fx.registry.list()).find((t) => t.id === 'retired-summary')).toMatchObject({
      source: 'user',
      overridesBuiltin: false,
    });
    const preview = await fx.engine.preview('retired-summary', printDataSchema.parse(catalogData(2024)), 'zh-CN');
    const text = await pdfText((await fx.engine.previewPdf(preview.previewId)) ?? '');
    expect(text.replace(/\s+/g, '')).toContain('2024年共40份');
  });

  it('reports a broken user template clearly instead of printing something wrong', async () => {
    await mkdir(userForm('customer-sheet'), { recursive: true });
    await writeFile(path.join(userForm('customer-sheet'), 'form.json'), '{ not json');
    const listed = (await fx.registry.list()).find((t) => t.id === 'customer-sheet');
    expect(listed?.problem).toMatch(/form.json is not valid JSON/);
    await expect(fx.engine.fill('customer-sheet', sheet(), 'zh-CN')).rejects.toMatchObject({
      code: 'failed',
      messageKey: 'print.errors.badTemplate',
    });

    await cp(path.join(BUILTIN_TEMPLATES, 'customer-sheet', 'form.json'), path.join(userForm('customer-sheet'), 'form.json'));
    await writeFile(path.join(userForm('customer-sheet'), 'template.html'), '<p>\n{{customer.nmae}}</p>');
    await expect(fx.engine.fill('customer-sheet', sheet(), 'zh-CN')).rejects.toThrow(
      /customer-sheet\/template.html:2:1: unknown field "customer.nmae"/,
    );
  });

  it('runs no script and loads nothing from outside, even from a user template', async () => {
    await mkdir(userForm('customer-sheet'), { recursive: true });
    await cp(path.join(BUILTIN_TEMPLATES, 'customer-sheet', 'form.json'), path.join(userForm('customer-sheet'), 'form.json'));
    await writeFile(
      path.join(userForm('customer-sheet'), 'template.html'),
      `<p id="p">{{customer.name}} 原文</p>
<script>document.getElementById('p').textContent = 'SCRIPT RAN';</script>
<img src="http://127.0.0.1:9/track.png" alt="">
<p style="background:url(http://127.0.0.1:9/bg.png)">样式</p>`,
    );
    const preview = await fx.engine.preview('customer-sheet', sheet(), 'zh-CN');
    const text = await pdfText((await fx.engine.previewPdf(preview.previewId)) ?? '');
    expect(text).toContain('原文');
    expect(text).not.toContain('SCRIPT RAN');
    const filled = await fx.engine.fill('customer-sheet', sheet(), 'zh-CN');
    expect(filled.html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"`);
  });

  it('offers PNG or JPEG assets (a logo) as data URLs and ignores anything else', async () => {
    await mkdir(path.join(fx.registry.userRoot, '_shared', 'assets'), { recursive: true });
    await writeFile(path.join(fx.registry.userRoot, '_shared', 'assets', 'logo.png'), PNG_1PX);
    await writeFile(path.join(fx.registry.userRoot, '_shared', 'assets', 'badge.png'), '<svg onload="alert(1)"/>');
    const form = await fx.registry.load('customer-sheet');
    expect(form.assets['logo']).toBe(`data:image/png;base64,${PNG_1PX.toString('base64')}`);
    expect(form.assets['badge']).toBeUndefined();
    const filled = await fx.engine.fill('customer-sheet', sheet(), 'zh-CN');
    expect(filled.html).toContain(`<img class="form-head__logo" src="data:image/png;base64,`);
  });

  it('keeps settings text inside its CSS string in the page header', async () => {
    fx.setSettings({ ...PRINT_SETTINGS, companyName: '"; } body { display: none } @page { x: "' });
    const preview = await fx.engine.preview('customer-sheet', sheet(), 'zh-CN');
    const text = await pdfText((await fx.engine.previewPdf(preview.previewId)) ?? '');
    expect(text).toContain('"; } body { display: none } @page { x: "');
    expect(text).toContain('杭州青禾家居有限公司');
  });
});
