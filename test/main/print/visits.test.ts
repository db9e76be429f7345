import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { deflateSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printDataSchema, type PrintData } from '../../../src/shared/ipc/print';
import type {
  PrintVisitReport,
  VisitMonthPrintData,
  VisitReportPrintData,
} from '../../../src/shared/visits/print-data';
import { embeddedCjkFonts, launchChromium, pdfInfo, pdfText } from './chromium';
import { HOSTILE } from './fixtures';
import { printFixture } from './helpers';

const run = promisify(execFile);
const squash = (text: string) => text.replace(/\s+/g, '');

function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** A real PNG of one colour, made here so the test needs no image file. */
function pngDataUrl(width: number, height: number, rgb: [number, number, number]): string {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(Array.from({ length: width }, () => rgb).flat()),
  ]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

const at = (d: number, h: number, m = 0) => new Date(2026, 2, d, h, m).getTime();

function report(
  over: Partial<PrintVisitReport['visit']> = {},
  extra: Partial<PrintVisitReport> = {},
): PrintVisitReport {
  return {
    visit: {
      id: '0195f3c2-7a10-7000-8000-000000000001',
      status: 'accepted',
      ownerId: 'rep-1',
      contactName: '李采购',
      visitors: ['张伟', '王经理'],
      startAt: at(10, 9, 30),
      endAt: at(10, 11, 0),
      place: '杭州市西湖区文三路478号华星时代广场',
      purposes: ['demonstration', 'marketIntel'],
      purposeNote: '新品发布后首访',
      outcomes: '客户同意试用QH-S800两套，下周确认订单',
      feedback: '希望缩短安装等待时间',
      suggestions: '增加周末安装服务',
      marketNotes: '竞品欧派报价低百分之五',
      nextSteps: [{ text: '寄送正式报价单', dueAt: at(15, 0) }],
      submittedAt: at(10, 12),
      review: { by: 'mgr-1', at: at(11, 9), decision: 'accepted', comment: '情况清楚，同意跟进' },
      amendments: [
        {
          at: at(10, 18),
          by: 'rep-1',
          field: 'endAt',
          before: '2026-03-10 10:30',
          after: '2026-03-10 11:00',
          reason: '结束时间记错',
        },
      ],
      ...over,
    },
    customer: { id: 'c-1', code: 'KH-2026-0101', name: '杭州青禾家居有限公司' },
    planTitle: '2026年3月客户巡访计划',
    photos: [{ name: '展厅照片.png', src: pngDataUrl(64, 48, [30, 120, 200]) }],
    files: [{ name: '报价单草稿.pdf' }],
    signature: pngDataUrl(120, 40, [10, 10, 10]),
    gifts: [
      {
        item: '中秋月饼礼盒',
        value: 298,
        reason: '老客户节日关怀',
        status: 'approved',
        decidedAt: at(11, 10),
        decisionNote: '同意',
      },
    ],
    ...extra,
  };
}

const names = { 'rep-1': '张伟', 'mgr-1': '王经理' };

describe('printed visit forms (Chromium print pipeline)', () => {
  let browser: Browser;
  let fx: Awaited<ReturnType<typeof printFixture>>;
  beforeAll(async () => {
    browser = await launchChromium();
    fx = await printFixture({ browser });
  });
  afterAll(async () => {
    await fx.cleanup();
    await browser.close();
  });

  async function render(form: string, data: PrintData) {
    const preview = await fx.engine.preview(form, printDataSchema.parse(data), 'zh-CN');
    const file = await fx.engine.previewPdf(preview.previewId);
    if (!file) throw new Error('no preview file');
    const [text, info, bytes, images] = await Promise.all([
      pdfText(file),
      pdfInfo(file),
      readFile(file),
      run('pdfimages', ['-list', file]).then(
        (r) =>
          r.stdout
            .split('\n')
            .slice(2)
            .filter((l) => l.trim()).length,
      ),
    ]);
    return { file, text, squashed: squash(text), info, bytes, images };
  }

  it('prints a filled report with every field, the photo thumbnail and the signature', async () => {
    const data: VisitReportPrintData = { model: 'visit-report', ...report(), names };
    const { squashed, info, file, bytes, images } = await render('visit-report', data);
    expect(info.width).toBeCloseTo(595, 0);
    for (const value of [
      '走访客户报告',
      'KH-2026-0101',
      '杭州青禾家居有限公司',
      '李采购',
      '张伟、王经理',
      '2026-03-1009:30',
      '2026-03-1011:00',
      '1小时30分钟',
      '杭州市西湖区文三路478号华星时代广场',
      '2026年3月客户巡访计划',
      '产品演示',
      '市场调研',
      '新品发布后首访',
      '客户同意试用QH-S800两套，下周确认订单',
      '希望缩短安装等待时间',
      '增加周末安装服务',
      '竞品欧派报价低百分之五',
      '寄送正式报价单',
      '2026-03-15',
      '中秋月饼礼盒',
      '¥298.00',
      '老客户节日关怀',
      '已批准',
      '情况清楚，同意跟进',
      '结束时间记错',
      '2026-03-1010:30',
      '展厅照片.png',
      '报价单草稿.pdf',
      '已审核',
    ]) {
      expect(squashed, value).toContain(value);
    }
    expect(images).toBeGreaterThanOrEqual(2);
    expect(await embeddedCjkFonts(file, bytes)).not.toEqual([]);
  });

  it('prints hostile text as text and leaves out an image whose bytes are not an image', async () => {
    const fake = `data:image/png;base64,${Buffer.from('<svg onload=alert(1)>').toString('base64')}`;
    const data: VisitReportPrintData = {
      model: 'visit-report',
      ...report(
        { outcomes: `收获${HOSTILE}` },
        { photos: [{ name: 'fake.png', src: fake }], signature: undefined },
      ),
      names,
    };
    const { squashed, images } = await render('visit-report', data);
    expect(squashed).toContain(squash(`收获${HOSTILE}`));
    expect(images).toBe(0);
  });

  it('prints the blank form with every purpose to tick and lines to write on', async () => {
    const { squashed } = await render('visit-report-blank', {
      model: 'visit-report-blank',
      customer: { id: 'c-1', code: 'KH-2026-0101', name: '杭州青禾家居有限公司' },
      ownerId: 'rep-1',
      names,
    });
    for (const value of [
      '走访客户报告',
      '杭州青禾家居有限公司',
      'KH-2026-0101',
      '张伟',
      '主要收获',
      '客户反映意见',
      '改进建议',
      '产品演示',
      '收款',
      '经销商库存',
      '客户签名',
    ]) {
      expect(squashed, value).toContain(value);
    }
  });

  it("prints a rep's month in one run, oldest first, each report on its own page", async () => {
    const reports = [
      report({
        id: '0195f3c2-7a10-7000-8000-000000000003',
        startAt: at(20, 14),
        endAt: at(20, 15),
        outcomes: '第三次走访收获',
      }),
      report({
        id: '0195f3c2-7a10-7000-8000-000000000002',
        startAt: at(5, 9),
        endAt: at(5, 10),
        outcomes: '第一次走访收获',
      }),
      report({
        id: '0195f3c2-7a10-7000-8000-000000000004',
        startAt: at(12, 9),
        endAt: at(12, 10),
        outcomes: '第二次走访收获',
      }),
    ];
    const data: VisitMonthPrintData = {
      model: 'visit-month',
      year: 2026,
      month: 3,
      ownerId: 'rep-1',
      reports,
      names,
    };
    const { squashed, info } = await render('visit-month', data);
    expect(squashed).toContain('张伟2026年3月走访客户报告');
    const order = ['第一次走访收获', '第二次走访收获', '第三次走访收获'].map((s) =>
      squashed.indexOf(s),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(info.pages).toBeGreaterThanOrEqual(4);
  });

  it('refuses month data with no report and an image that is not a data: URL', () => {
    expect(
      printDataSchema.safeParse({
        model: 'visit-month',
        year: 2026,
        month: 3,
        ownerId: 'rep-1',
        reports: [],
      }).success,
    ).toBe(false);
    const bad = {
      model: 'visit-report',
      ...report({}, { signature: 'https://example.com/x.png' }),
    };
    expect(printDataSchema.safeParse(bad).success).toBe(false);
  });
});
