import type { AttachmentDoc, VisitDoc } from '../../../../../shared/schema';
import { isDone, periodRange } from '../../../../../shared/visits';
import type {
  PrintVisitReport,
  VisitMonthPrintData,
  VisitReportPrintData,
} from '../../../../../shared/visits/print-data';
import type { DanganDatabase } from '../../../db/database';
import { runListQuery } from '../../../db/list-query';
import { invoke } from '../../../platform/dangan';
import { attachmentsOfRecord, requestsOfCustomer, visitsOfOwnerBetween } from '../visits.queries';

/**
 * Gathers what a printed visit form shows. The renderer owns the database, so it reads the
 * report, its customer, plan, gifts and files here; images go as small data: URLs (main checks
 * their bytes again before printing).
 */

const MAX_PHOTOS = 12;
const MAX_SIGNATURE_BYTES = 400_000;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function thumbnailDataUrl(sha256: string): Promise<string | null> {
  const thumb = await invoke('attachments:thumbnail', { sha256 });
  if (!thumb.ok || !thumb.value) return null;
  const mime =
    thumb.value.mime === 'image/png'
      ? 'image/png'
      : thumb.value.mime === 'image/jpeg'
        ? 'image/jpeg'
        : null;
  return mime ? `data:${mime};base64,${toBase64(thumb.value.bytes)}` : null;
}

async function signatureDataUrl(file: AttachmentDoc): Promise<string | null> {
  if (file.mime === 'image/png' && file.size <= MAX_SIGNATURE_BYTES) {
    const read = await invoke('attachments:read', { sha256: file.sha256 });
    if (read.ok) return `data:image/png;base64,${toBase64(read.value.bytes)}`;
  }
  return thumbnailDataUrl(file.sha256);
}

export async function printableReport(
  db: DanganDatabase,
  visit: VisitDoc,
): Promise<PrintVisitReport> {
  const [customer, plan, files, requests] = await Promise.all([
    visit.customerId ? db.collections.customers.findOne(visit.customerId).exec() : null,
    visit.planId ? db.collections.plans.findOne(visit.planId).exec() : null,
    runListQuery(db, attachmentsOfRecord, { recordId: visit.id }).exec(),
    visit.customerId
      ? runListQuery(db, requestsOfCustomer, { customerId: visit.customerId }).exec()
      : [],
  ]);
  const attached = files
    .map((f) => f.toMutableJSON())
    .filter((f) => visit.attachmentIds.includes(f.id));
  const photos: { name: string; src: string }[] = [];
  const others: { name: string }[] = [];
  for (const file of attached) {
    const src =
      photos.length < MAX_PHOTOS && file.mime.startsWith('image/')
        ? await thumbnailDataUrl(file.sha256)
        : null;
    if (src) photos.push({ name: file.name, src });
    else others.push({ name: file.name });
  }
  const signatureFile = files.find((f) => f.id === visit.signatureAttachmentId)?.toMutableJSON();
  const signature = signatureFile ? await signatureDataUrl(signatureFile) : null;
  return {
    visit: {
      id: visit.id,
      status: visit.status,
      ownerId: visit.ownerId,
      contactName: visit.contactName,
      visitors: visit.visitors,
      startAt: visit.startAt,
      endAt: visit.endAt,
      place: visit.place,
      purposes: visit.purposes,
      purposeNote: visit.purposeNote,
      outcomes: visit.outcomes,
      feedback: visit.feedback,
      suggestions: visit.suggestions,
      marketNotes: visit.marketNotes,
      nextSteps: visit.nextSteps.map((s) => ({ text: s.text, dueAt: s.dueAt })),
      submittedAt: visit.submittedAt,
      review: visit.review
        ? {
            by: visit.review.by,
            at: visit.review.at,
            decision: visit.review.decision,
            comment: visit.review.comment,
          }
        : undefined,
      amendments: visit.amendments.map((a) => ({
        at: a.at,
        by: a.by,
        field: a.field,
        before: a.before,
        after: a.after,
        reason: a.reason,
      })),
    },
    customer: customer
      ? { id: customer.id, code: customer.code, name: customer.name, type: customer.type }
      : undefined,
    planTitle: plan?.title,
    photos,
    files: others,
    signature: signature ?? undefined,
    gifts: requests
      .map((r) => r.toMutableJSON())
      .filter((r) => r.kind === 'gift' && r.sourceId === visit.id)
      .map((r) => ({
        item: r.item ?? '',
        value: r.value ?? 0,
        reason: r.reason,
        status: r.status,
        decidedAt: r.decidedAt,
        decisionNote: r.decisionNote,
      })),
  };
}

export async function visitReportPrintData(
  db: DanganDatabase,
  visit: VisitDoc,
  names: Record<string, string>,
): Promise<VisitReportPrintData> {
  return { model: 'visit-report', ...(await printableReport(db, visit)), names };
}

/** The handed-in reports of one owner in one month; null when there are none. */
export async function visitMonthPrintData(
  db: DanganDatabase,
  ownerId: string,
  year: number,
  month: number,
  names: Record<string, string>,
): Promise<VisitMonthPrintData | null> {
  const range = periodRange(year, month);
  const docs = await runListQuery(db, visitsOfOwnerBetween, {
    ownerId,
    start: range.start,
    end: range.end,
  }).exec();
  const visits = docs.map((d) => d.toMutableJSON()).filter((v) => isDone(v.status));
  if (!visits.length) return null;
  const reports: PrintVisitReport[] = [];
  for (const visit of visits) reports.push(await printableReport(db, visit));
  return { model: 'visit-month', year, month, ownerId, reports, names };
}
