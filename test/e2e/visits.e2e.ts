import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENUM_LABELS } from '../../src/main/print/labels';
import { launchApp, type TestApp } from './harness/app';
import { screenshotOnFailure } from './harness/failure-shots';
import { buildTestPage } from './harness/pages';
import { shot, visitField } from './visits-helpers';

const run = promisify(execFile);
const squash = (text: string) => text.replace(/\s+/g, '');
const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** A small real PNG (a blue square), as a phone photo stand-in. */
function bluePng(): Buffer {
  const crc = (bytes: Buffer) => {
    let c = ~0;
    for (const b of bytes) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    }
    return ~c >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(64, 0);
  ihdr.writeUInt32BE(48, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(Array.from({ length: 64 }, () => [30, 110, 200]).flat()),
  ]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: 48 }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const REPORT = {
  contact: '李采购',
  manager: '王经理',
  place: '杭州市西湖区文三路478号华星时代广场',
  purposeNote: '新品发布后首次拜访',
  outcomes: '客户同意试用QH-S800两套，下周确认订单数量',
  feedback: '希望缩短安装等待时间',
  suggestions: '增加周末安装服务',
  marketNotes: '竞品欧派报价低百分之五',
  marketNotesCorrected: '竞品欧派报价低百分之五，且赠送三年保修',
  step: '寄送正式报价单',
  gift: { item: '中秋月饼礼盒', value: '298', reason: '老客户节日关怀' },
  returnComment: '请补充竞品的保修政策',
  correctionReason: '按经理意见补充竞品保修政策',
  acceptComment: '情况清楚，同意跟进',
};

const COPIED_OUTCOMES = '第二次拜访：客户确认订单两套，另要三年保修';

describe('field visits in Chromium: plan, report on site, review, print', () => {
  let app: TestApp | undefined;
  screenshotOnFailure(() => app?.page);
  const today = new Date();
  const todayText = ymd(today);
  const stepDue = ymd(new Date(today.getFullYear(), today.getMonth(), today.getDate() + 5));
  let visitUrl = '';

  beforeAll(async () => {
    const dir = buildTestPage(
      'visits-seed',
      path.resolve(import.meta.dirname, 'pages/visits-seed-page.ts'),
    );
    app = await launchApp({ extraRoots: { '/__test/': dir } });
    await app.page.goto(`${app.baseUrl}/__test/visits-seed.html`);
    await app.page.waitForFunction(() => '__visitsSeed' in globalThis);
    const count = await app.page.evaluate(() =>
      (
        globalThis as unknown as { __visitsSeed: { customers(): Promise<number> } }
      ).__visitsSeed.customers(),
    );
    expect(count).toBeGreaterThanOrEqual(2);
    await app.page.goto(`${app.baseUrl}/index.html#/visits/plans`);
  });
  afterAll(async () => {
    await app?.dispose();
  });

  const page = (): Page => app!.page;

  it('plans this month: a customer with a planned date today, on the calendar', async () => {
    const p = page();
    await p.getByTestId('plans-new').click();
    await p.getByTestId('new-plan-form').waitFor();
    await p
      .getByRole('button', { name: /新建计划/ })
      .last()
      .click();
    await p.getByTestId('plan-page').waitFor();
    await p.getByTestId('plan-views').getByText('清单').click();
    await p.getByTestId('plan-add-customer').click();
    await p.keyboard.type('杭州青禾');
    await p.locator('.ant-select-item-option', { hasText: '杭州青禾家居有限公司' }).click();
    await p.getByTestId('plan-add').click();
    await expect
      .poll(() => p.getByTestId('plan-targets').innerText())
      .toContain('杭州青禾家居有限公司');
    await p.getByTestId('target-dates').first().click();
    await p.locator(`.ant-picker-dropdown:visible .ant-picker-cell[title="${todayText}"]`).click();
    await p.keyboard.press('Escape');
    await p.getByTestId('target-purposes').first().click();
    await p.locator('.ant-select-item-option', { hasText: '产品示范推销' }).click();
    await p.keyboard.press('Escape');
    await expect.poll(() => p.getByTestId('plan-coverage').innerText()).toContain('0 / 1');
    await expect.poll(() => p.getByTestId('target-state').first().innerText()).toBe('即将到期');
    // The plan flags the customer as due for a visit (what the status list shows too).
    await p.goto(`${app!.baseUrl}/index.html#/visits`);
    await p.getByRole('tab', { name: '待走访客户' }).click();
    await expect
      .poll(() => p.getByTestId('due-customers').innerText())
      .toContain('杭州青禾家居有限公司');
    expect(await p.getByTestId('due-customers').innerText()).toContain('近期应访');
    await shot(p, 'visits-due');
    // …and the customer status list flags the same customer, and only that one.
    await p.goto(`${app!.baseUrl}/index.html#/customers`);
    const row = p.locator('[data-testid="customer-row"][data-id="e2e-c1"]');
    await expect.poll(() => row.getByTestId('visit-flag').innerText(), { timeout: 30_000 }).toBe('近期应访');
    expect(await p.getByTestId('visit-flag').count()).toBe(1);
    await shot(p, 'visits-status-list-flag');
    await p.goto(`${app!.baseUrl}/index.html#/visits/plans`);
    await p.getByTestId('plan-row').first().locator('a').first().click();
    await p.getByTestId('plan-views').getByText('日历').click();
    await expect
      .poll(() => p.getByTestId(`cal-${todayText}`).innerText())
      .toContain('杭州青禾家居有限公司');
    await shot(p, 'visits-plan-calendar');
  });

  it('starts the visit from the plan and fills the report with a photo and a signature', async () => {
    const p = page();
    await p.getByTestId(`cal-${todayText}`).getByTestId('cal-planned').click();
    await p.getByTestId('visit-report').waitFor();
    visitUrl = p.url();
    expect(visitUrl).toMatch(/#\/visits\/[0-9a-f-]{36}$/);
    // From the plan and the archive: the customer, its primary contact, the planned purpose.
    await expect
      .poll(() => p.getByTestId('visit-customer-name').innerText())
      .toContain('杭州青禾家居有限公司');
    expect(await visitField(p, 'report-contact').inputValue()).toBe(REPORT.contact);
    expect(await p.getByTestId('report-purposes').locator('input:checked').count()).toBe(1);

    await p.getByTestId('report-visitors').click();
    await p.keyboard.type(REPORT.manager);
    await p.keyboard.press('Enter');
    const end = visitField(p, 'report-end');
    await end.click();
    await end.fill(`${todayText} 23:30`);
    await end.press('Enter');
    await visitField(p, 'report-place').fill(REPORT.place);
    await p.getByTestId('report-purposes').getByText('收集市场与竞争信息').click();
    await visitField(p, 'report-purposeNote').fill(REPORT.purposeNote);
    await visitField(p, 'report-outcomes').fill(REPORT.outcomes);
    await visitField(p, 'report-suggestions').fill(REPORT.suggestions);
    await visitField(p, 'report-marketNotes').fill(REPORT.marketNotes);
    await p.getByTestId('step-add').click();
    await visitField(p, 'step-text-0').fill(REPORT.step);
    const due = visitField(p, 'step-due-0');
    await due.click();
    await due.fill(stepDue);
    await due.press('Enter');

    await p
      .locator('[data-testid="visit-files"] input[type=file]')
      .setInputFiles({ name: '展厅照片.png', mimeType: 'image/png', buffer: bluePng() });
    await expect.poll(() => p.getByTestId('visit-files').innerText()).toContain('展厅照片.png');

    const canvas = p.getByTestId('signature-canvas');
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no signature pad');
    await p.mouse.move(box.x + 30, box.y + box.height * 0.7);
    await p.mouse.down();
    for (let i = 1; i <= 20; i++)
      await p.mouse.move(box.x + 30 + i * 15, box.y + box.height * (0.7 - 0.4 * Math.sin(i / 3)));
    await p.mouse.up();
    await p.getByTestId('signature-save').click();
    await p.getByTestId('signature-image').waitFor();

    await p.getByTestId('gift-request').click();
    await visitField(p, 'gift-item').fill(REPORT.gift.item);
    await visitField(p, 'gift-value').fill(REPORT.gift.value);
    await visitField(p, 'gift-reason').fill(REPORT.gift.reason);
    await p.getByTestId('gift-submit').click();
    await expect.poll(() => p.getByTestId('visit-gifts').innerText()).toContain('待审批');
    await shot(p, 'visits-report-filling', true);
  });

  it('keeps the draft when the page closes mid-way, even the last keystrokes', async () => {
    let p = page();
    // Typed and closed at once: no time for the debounced write, only the journal has it.
    await visitField(p, 'report-feedback').fill(REPORT.feedback);
    await p.close({ runBeforeUnload: true });
    p = await app!.context.newPage();
    app!.page = p;
    await p.goto(visitUrl);
    await p.getByTestId('report-form').waitFor();
    await expect.poll(() => visitField(p, 'report-feedback').inputValue()).toBe(REPORT.feedback);
    expect(await visitField(p, 'report-outcomes').inputValue()).toBe(REPORT.outcomes);
    expect(await visitField(p, 'report-marketNotes').inputValue()).toBe(REPORT.marketNotes);
    expect(await visitField(p, 'report-place').inputValue()).toBe(REPORT.place);
    expect(await visitField(p, 'step-text-0').inputValue()).toBe(REPORT.step);
    expect(await p.getByTestId('report-purposes').locator('input:checked').count()).toBe(2);
    expect(await p.getByTestId('report-visitors').innerText()).toContain(REPORT.manager);
    await p.getByTestId('signature-image').waitFor();
    expect(await p.getByTestId('visit-files').innerText()).toContain('展厅照片.png');
    await shot(p, 'visits-report-reopened', true);
  });

  it('submits; the report is then locked for the rep', async () => {
    const p = page();
    await p.getByTestId('visit-submit').click();
    await expect.poll(() => p.getByTestId('visit-status').first().innerText()).toBe('已提交');
    expect(await visitField(p, 'report-outcomes').isDisabled()).toBe(true);
    expect(await p.getByTestId('visit-submit').count()).toBe(0);
    // The next step with a date became a follow-up task.
    await expect.poll(() => p.getByTestId('report-form').innerText()).toContain('已生成跟进任务');
  });

  it('the manager sends it back, the rep corrects it with a reason, the manager accepts and approves the gift', async () => {
    const p = page();
    await visitField(p, 'review-input').fill(REPORT.returnComment);
    await p.getByTestId('review-return').click();
    await expect.poll(() => p.getByTestId('visit-status').first().innerText()).toBe('已退回');
    await visitField(p, 'report-marketNotes').fill(REPORT.marketNotesCorrected);
    await p.getByTestId('visit-save-correction').click();
    await visitField(p, 'reason-input').fill(REPORT.correctionReason);
    await p.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await expect.poll(() => p.getByTestId('visit-status').first().innerText()).toBe('已提交');
    await expect
      .poll(() => p.getByTestId('visit-history').innerText())
      .toContain(REPORT.correctionReason);
    expect(await p.getByTestId('amendment').first().innerText()).toContain(
      REPORT.marketNotesCorrected,
    );

    await visitField(p, 'review-input').fill(REPORT.acceptComment);
    await p.getByTestId('review-accept').click();
    await expect.poll(() => p.getByTestId('visit-status').first().innerText()).toBe('已通过');

    await p.getByTestId('gift-approve').click();
    await visitField(p, 'gift-note').fill('同意');
    await p.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await expect.poll(() => p.getByTestId('visit-gifts').innerText()).toContain('已批准');
    await p.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
    await p.waitForTimeout(600);
    await shot(p, 'visits-report-accepted', true);
  });

  it('prints the report; the PDF holds every field in Chinese', async () => {
    const p = page();
    await p.getByTestId('visit-print').click();
    const frame = p.getByTestId('print-frame');
    await frame.waitFor({ timeout: 60_000 });
    // The preview's address names its PDF: dangan-file://print/<previewId>.
    const previewId = /print\/([0-9a-f]{32})$/.exec((await frame.getAttribute('src')) ?? '')?.[1];
    expect(previewId).toBeTruthy();
    const pdf = path.join(app!.dataDir, 'tmp', 'print', `${previewId}.pdf`);
    await expect.poll(() => existsSync(pdf)).toBe(true);
    const text = squash((await run('pdftotext', ['-enc', 'UTF-8', pdf, '-'])).stdout);
    const purpose = (key: keyof typeof ENUM_LABELS.visitPurpose) =>
      ENUM_LABELS.visitPurpose[key]['zh-CN'];
    for (const value of [
      '走访客户报告',
      '杭州青禾家居有限公司',
      'KH-E2E-0001',
      REPORT.contact,
      REPORT.manager,
      `${todayText}23:30`,
      REPORT.place,
      purpose('demonstration'),
      purpose('marketIntel'),
      REPORT.purposeNote,
      REPORT.outcomes,
      REPORT.feedback,
      REPORT.suggestions,
      REPORT.marketNotesCorrected,
      REPORT.step,
      stepDue,
      REPORT.gift.item,
      '¥298.00',
      REPORT.gift.reason,
      '已批准',
      REPORT.acceptComment,
      REPORT.correctionReason,
      '展厅照片.png',
      '已审核',
    ]) {
      expect(text, value).toContain(squash(value));
    }
    const images = (await run('pdfimages', ['-list', pdf])).stdout
      .split('\n')
      .slice(2)
      .filter((l) => l.trim()).length;
    expect(images).toBeGreaterThanOrEqual(2);
    await shot(p, 'visits-print-preview');
  });

  it('shows the visit in the plan as done and in the visits list', async () => {
    const p = page();
    await p.keyboard.press('Escape');
    await p.goto(`${app!.baseUrl}/index.html#/visits/plans`);
    await p.getByTestId('plan-row').first().locator('a').first().click();
    await expect.poll(() => p.getByTestId('plan-coverage').innerText()).toContain('1 / 1');
    await p.waitForTimeout(600);
    await shot(p, 'visits-plan-done');
    await p.goto(`${app!.baseUrl}/index.html#/visits`);
    await expect.poll(() => p.getByTestId('visits-page').innerText()).toContain(REPORT.outcomes);
    await p.waitForTimeout(600);
    await shot(p, 'visits-list');
    await p.getByRole('tab', { name: '待走访客户' }).click();
    await expect
      .poll(() => p.getByTestId('due-customers').innerText())
      .not.toContain('杭州青禾家居有限公司');
    await p.getByRole('tab', { name: '我的走访' }).click();
    // Visited: the status list no longer flags the customer.
    await p.goto(`${app!.baseUrl}/index.html#/customers`);
    await p.locator('[data-testid="customer-row"][data-id="e2e-c1"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => p.getByTestId('visit-flag').count()).toBe(0);
  });

  it("lists the visit in the customer's archive, newest first with its outcomes", async () => {
    const p = page();
    await p.goto(`${app!.baseUrl}/index.html#/customers/e2e-c1`);
    const history = p.getByTestId('customer-visit-history');
    await expect.poll(() => history.innerText(), { timeout: 30_000 }).toContain(REPORT.outcomes);
    expect(await history.innerText()).toContain('已通过');
    await history.scrollIntoViewIfNeeded();
    await shot(p, 'visits-archive-history');
  });

  it('a draft started from the archive survives the browser being killed, down to its last draft copy', async () => {
    let p = page();
    await p.getByTestId('customer-start-visit').click();
    await p.getByTestId('visit-report').waitFor();
    const url = p.url();
    await expect
      .poll(() => p.getByTestId('visit-customer-name').innerText())
      .toContain('杭州青禾家居有限公司');
    await visitField(p, 'report-outcomes').fill('第二次拜访：客户确认订单两套');
    await p.getByTestId('save-state').waitFor();
    // The next change reached only the draft copy (relaxed durability) when the browser died.
    const seed = await app!.context.newPage();
    await seed.goto(`${app!.baseUrl}/__test/visits-seed.html`);
    await seed.waitForFunction(() => '__visitsSeed' in globalThis);
    const visitId = /#\/visits\/([0-9a-f-]{36})$/.exec(url)?.[1] ?? '';
    await seed.evaluate(
      ([id, text]) =>
        (
          globalThis as unknown as {
            __visitsSeed: { copyDraft(id: string, text: string): Promise<void> };
          }
        ).__visitsSeed.copyDraft(id!, text!),
      [visitId, COPIED_OUTCOMES] as const,
    );
    const { userDataDir, dataDir } = app!;
    await app!.kill();
    app = await launchApp({ userDataDir, dataDir });
    p = app.page;
    await p.goto(url);
    await expect
      .poll(() => visitField(p, 'report-outcomes').inputValue(), { timeout: 30_000 })
      .toBe(COPIED_OUTCOMES);
    expect(await visitField(p, 'report-contact').inputValue()).toBe(REPORT.contact);
    // Throwing the draft away removes it from the archive's history.
    await p.getByRole('button', { name: '删除草稿' }).click();
    await p.locator('.ant-popconfirm .ant-btn-primary').click();
    await p.getByTestId('visits-page').waitFor();
    await p.goto(`${app.baseUrl}/index.html#/customers/e2e-c1`);
    await expect
      .poll(() => p.getByTestId('customer-visit-history').locator('.ant-list-item').count(), {
        timeout: 30_000,
      })
      .toBe(1);
  });
});
