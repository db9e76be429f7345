import type { Locale } from '../../../shared/ipc/app';
import { PRINT_IMAGE_RE } from '../../../shared/visits/print-data';
import { VISIT_PURPOSES } from '../../../shared/schema/visits';
import type { PrintDataParsed } from '../../../shared/ipc/print';
import { formatDate, formatDateTime, formatMoney } from '../format';
import { enumLabel } from '../labels';
import { qrSvg, recordUri } from '../qr';
import { nameOf } from './types';

/** The part of the visit forms' data that describes one report (filled form and month run alike). */
export type PrintedReport = Omit<
  Extract<PrintDataParsed, { model: 'visit-report' }>,
  'model' | 'names'
>;

/** Printed names of report fields, for the amendment history. */
const FIELD_WORDS: Record<string, Record<Locale, string>> = {
  customerId: { 'zh-CN': '走访对象', en: 'Customer' },
  contactName: { 'zh-CN': '接待人', en: 'Met' },
  visitors: { 'zh-CN': '走访人员', en: 'Visitors' },
  startAt: { 'zh-CN': '开始时间', en: 'Start' },
  endAt: { 'zh-CN': '结束时间', en: 'End' },
  place: { 'zh-CN': '地点', en: 'Place' },
  purposes: { 'zh-CN': '走访目的', en: 'Purposes' },
  purposeNote: { 'zh-CN': '目的说明', en: 'Purpose note' },
  outcomes: { 'zh-CN': '主要收获', en: 'Main outcomes' },
  feedback: { 'zh-CN': '客户反映意见', en: 'Customer feedback' },
  suggestions: { 'zh-CN': '改进建议', en: 'Suggestions' },
  marketNotes: { 'zh-CN': '竞争与市场信息', en: 'Market notes' },
  nextSteps: { 'zh-CN': '后续跟进', en: 'Next steps' },
  attachments: { 'zh-CN': '照片与文件', en: 'Photos and files' },
  signature: { 'zh-CN': '客户签名', en: 'Signature' },
};

/**
 * A data: URL is printed only when its bytes really are a PNG or a JPEG (the renderer made
 * it; main does not take its word for it).
 */
export function checkedImage(src: string | undefined): string {
  if (!src || !PRINT_IMAGE_RE.test(src)) return '';
  const head = Buffer.from(src.slice(src.indexOf(',') + 1, src.indexOf(',') + 17), 'base64');
  const png = head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47;
  const jpeg = head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
  return png || jpeg ? src : '';
}

export function purposeBoxes(checked: readonly string[], locale: Locale) {
  return VISIT_PURPOSES.map((p) => ({
    label: enumLabel('visitPurpose', p, locale),
    checked: checked.includes(p),
  }));
}

function minutes(start: number | undefined, end: number | undefined, locale: Locale): string {
  if (!start || !end || end < start) return '';
  const total = Math.round((end - start) / 60_000);
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (locale === 'zh-CN') return h ? `${h} 小时 ${m} 分钟` : `${m} 分钟`;
  return h ? `${h} h ${m} min` : `${m} min`;
}

function amendedValue(field: string, value: string, locale: Locale): string {
  if (field !== 'purposes' || !value) return value;
  return value
    .split(',')
    .map((p) => enumLabel('visitPurpose', p, locale))
    .join(locale === 'zh-CN' ? '、' : ', ');
}

export async function reportView(
  report: PrintedReport,
  names: Record<string, string>,
  locale: Locale,
) {
  const v = report.visit;
  const sep = locale === 'zh-CN' ? '、' : ', ';
  const photos = report.photos
    .map((p) => ({ name: p.name, src: checkedImage(p.src) }))
    .filter((p) => p.src);
  return {
    qr: await qrSvg(recordUri('visits', v.id)),
    customer: { name: report.customer?.name ?? '', code: report.customer?.code ?? '' },
    planTitle: report.planTitle ?? '',
    visit: {
      status: enumLabel('visitStatus', v.status, locale),
      owner: nameOf(names, v.ownerId),
      contact: v.contactName ?? '',
      visitors: v.visitors.join(sep),
      date: formatDate(v.startAt),
      startAt: formatDateTime(v.startAt),
      endAt: formatDateTime(v.endAt),
      duration: minutes(v.startAt, v.endAt, locale),
      place: v.place ?? '',
      purposes: v.purposes.map((p) => enumLabel('visitPurpose', p, locale)).join(sep),
      purposeNote: v.purposeNote ?? '',
      outcomes: v.outcomes ?? '',
      feedback: v.feedback ?? '',
      suggestions: v.suggestions ?? '',
      marketNotes: v.marketNotes ?? '',
      submittedAt: formatDateTime(v.submittedAt),
    },
    purposeBoxes: purposeBoxes(v.purposes, locale),
    nextSteps: v.nextSteps.map((s) => ({ text: s.text, due: formatDate(s.dueAt) })),
    photos,
    files: report.files.map((f) => ({ name: f.name })),
    signature: checkedImage(report.signature),
    gifts: report.gifts.map((g) => ({
      item: g.item,
      value: formatMoney(g.value, locale),
      reason: g.reason,
      status: enumLabel('requestStatus', g.status, locale),
      decided: [formatDate(g.decidedAt), g.decisionNote ?? ''].filter(Boolean).join(' '),
    })),
    review: {
      has: v.review !== undefined,
      decision: v.review ? enumLabel('visitStatus', v.review.decision, locale) : '',
      by: nameOf(names, v.review?.by),
      at: formatDateTime(v.review?.at),
      comment: v.review?.comment ?? '',
    },
    amendments: v.amendments.map((a) => ({
      at: formatDateTime(a.at),
      by: nameOf(names, a.by),
      field: FIELD_WORDS[a.field]?.[locale] ?? a.field,
      before: amendedValue(a.field, a.before, locale),
      after: amendedValue(a.field, a.after, locale),
      reason: a.reason,
    })),
  };
}
