import { newId } from '../../../../../shared/ids';
import { atDescOf, type CustomerDoc, type VisitDoc, type VisitPurpose } from '../../../../../shared/schema';
import type { SessionUser } from '../../../../../shared/users';
import {
  allowedActions,
  applyVisitPatch,
  correctionPatch,
  draftPatch,
  followUpChanges,
  reviewPatch,
  submitPatch,
  VisitRuleError,
  type Actor,
  type ReportFields,
  type VisitPatch,
} from '../../../../../shared/visits';
import type { RxDocument } from 'rxdb';
import type { DanganDatabase } from '../../../db/database';

/**
 * Every write to a visit report goes through here: the shared rules decide (who may, what
 * must be filled in), this file writes. Writes compute their patch inside RxDB's
 * `incrementalModify`, so a report changed meanwhile (by sync, by another window) is judged
 * on its current state, never on a stale copy.
 */

export function actorOf(user: SessionUser): Actor {
  return { id: user.id, role: user.role, teamId: user.teamId };
}

export interface VisitOrigin {
  customerId?: string;
  planId?: string;
  purposes?: VisitPurpose[];
  purposeNote?: string;
}

function primaryContact(customer: Readonly<Pick<CustomerDoc, 'contacts'>> | null) {
  if (!customer) return undefined;
  return customer.contacts.find((c) => c.isPrimary) ?? customer.contacts[0];
}

function placeOf(customer: Readonly<Pick<CustomerDoc, 'addresses'>> | null): string | undefined {
  const address = customer?.addresses.find((a) => a.kind === 'office') ?? customer?.addresses[0];
  if (!address) return undefined;
  return [address.province, address.city, address.district, address.detail].filter(Boolean).join('').slice(0, 300);
}

/** A new draft report: from a plan, from a customer's archive, or ad hoc (no customer yet). */
export async function startVisit(db: DanganDatabase, user: SessionUser, origin: VisitOrigin, now = Date.now()): Promise<string> {
  const customer = origin.customerId ? await db.collections.customers.findOne(origin.customerId).exec() : null;
  const contact = primaryContact(customer?.toMutableJSON() ?? null);
  const place = placeOf(customer?.toMutableJSON() ?? null);
  const startAt = Math.floor(now / 60_000) * 60_000;
  const id = newId(now);
  await db.collections.visits.insert({
    id,
    customerId: origin.customerId ?? '',
    ...(origin.planId ? { planId: origin.planId } : {}),
    ownerId: user.id,
    teamId: user.teamId,
    status: 'draft',
    ...(contact ? { contactId: contact.id, contactName: contact.name } : {}),
    visitors: [user.displayName],
    startAt,
    ...(place ? { place } : {}),
    purposes: origin.purposes ?? [],
    ...(origin.purposeNote ? { purposeNote: origin.purposeNote.slice(0, 500) } : {}),
    nextSteps: [],
    attachmentIds: [],
    amendments: [],
    at: startAt,
    atDesc: 0,
    createdAt: now,
    createdBy: user.id,
    updatedAt: now,
    updatedBy: user.id,
  });
  return id;
}

async function visitDoc(db: DanganDatabase, id: string) {
  const doc = await db.collections.visits.findOne(id).exec();
  if (!doc) throw new VisitRuleError('errors.notFound');
  return doc;
}

type Modifier = (current: VisitDoc) => VisitPatch;

async function modify(db: DanganDatabase, id: string, modifier: Modifier): Promise<VisitDoc> {
  const doc = await visitDoc(db, id);
  const saved = await doc.incrementalModify((data: VisitDoc) => applyVisitPatch(data, modifier(data)));
  return saved.toMutableJSON() as VisitDoc;
}

/**
 * The reports being autosaved, kept between saves: RxDB's incremental writes apply to the
 * latest revision by themselves, so the lookup is paid once per report, not per keystroke.
 */
const autosaved = new WeakMap<DanganDatabase, Map<string, RxDocument<VisitDoc>>>();
const AUTOSAVED_KEPT = 16;

async function draftDoc(db: DanganDatabase, id: string): Promise<RxDocument<VisitDoc>> {
  let docs = autosaved.get(db);
  if (!docs) autosaved.set(db, (docs = new Map()));
  const known = docs.get(id);
  if (known && !known.deleted) return known;
  const doc = await visitDoc(db, id);
  docs.set(id, doc);
  if (docs.size > AUTOSAVED_KEPT) docs.delete(docs.keys().next().value ?? id);
  return doc;
}

/** Autosave of a draft (on every change, debounced): one write, nothing read back. */
export async function saveDraft(db: DanganDatabase, id: string, fields: ReportFields, actor: Actor): Promise<void> {
  const doc = await draftDoc(db, id);
  await doc.incrementalModify((data: VisitDoc) => applyVisitPatch(data, draftPatch(data, fields, actor)));
}

/** Brings follow-up tasks in line with the report's next steps, and the steps' task ids. */
async function syncFollowUps(db: DanganDatabase, before: VisitDoc, after: VisitDoc, actor: Actor): Promise<VisitDoc> {
  const ids = [...before.nextSteps, ...after.nextSteps].flatMap((s) => (s.taskId ? [s.taskId] : []));
  const found = ids.length ? await db.collections.tasks.findByIds(ids).exec() : new Map();
  const tasks = new Map([...found.values()].map((t) => [t.id, t.toJSON()]));
  const changes = followUpChanges(after, before.nextSteps, tasks, () => newId());
  // The report first: if the task writes fail, the next correction finds the tasks missing
  // and creates them, so nothing is left half-linked for good.
  const saved = await modify(db, after.id, () => ({ nextSteps: changes.nextSteps }));
  if (changes.create.length) {
    const now = Date.now();
    const stamps = { createdAt: now, createdBy: actor.id, updatedAt: now, updatedBy: actor.id };
    const result = await db.collections.tasks.bulkInsert(changes.create.map((t) => ({ ...t, atDesc: atDescOf(t.at), ...stamps })));
    if (result.error.length) throw new Error(`follow-up tasks not written: ${result.error.length}`);
  }
  for (const update of changes.update) await found.get(update.id)?.incrementalPatch({ title: update.title, at: update.at });
  for (const id of changes.cancel) await found.get(id)?.incrementalPatch({ status: 'cancelled' });
  await touchCustomer(db, saved, changes.create.map((t) => t.at));
  return saved;
}

/** Keeps the status list's denormalised "last visit" and "next task" current. */
async function touchCustomer(db: DanganDatabase, visit: VisitDoc, newTaskTimes: number[]): Promise<void> {
  if (!visit.customerId) return;
  const customer = await db.collections.customers.findOne(visit.customerId).exec();
  if (!customer) return;
  const visitedAt = visit.startAt ?? visit.at;
  const earliestTask = newTaskTimes.length ? Math.min(...newTaskTimes) : 0;
  await customer.incrementalModify((data: CustomerDoc) => {
    const next = { ...data };
    if (visitedAt > data.lastVisitAt) next.lastVisitAt = visitedAt;
    if (earliestTask && (data.nextTaskAt === 0 || earliestTask < data.nextTaskAt)) next.nextTaskAt = earliestTask;
    return next;
  });
}

export async function submitVisit(db: DanganDatabase, id: string, fields: ReportFields, actor: Actor): Promise<VisitDoc> {
  const before = (await visitDoc(db, id)).toMutableJSON();
  const after = await modify(db, id, (current) => submitPatch(current, fields, actor, Date.now()));
  return syncFollowUps(db, before, after, actor);
}

export async function correctVisit(
  db: DanganDatabase,
  id: string,
  fields: ReportFields,
  reason: string,
  actor: Actor,
): Promise<VisitDoc> {
  const before = (await visitDoc(db, id)).toMutableJSON();
  const after = await modify(db, id, (current) => correctionPatch(current, fields, reason, actor, Date.now()));
  return syncFollowUps(db, before, after, actor);
}

export function reviewVisit(
  db: DanganDatabase,
  id: string,
  decision: 'accepted' | 'returned',
  comment: string,
  actor: Actor,
): Promise<VisitDoc> {
  return modify(db, id, (current) => reviewPatch(current, actor, decision, comment, Date.now()));
}

/** Throws away a draft and its files' records (soft deletes: sync carries them). */
export async function discardDraft(db: DanganDatabase, id: string, actor: Actor): Promise<void> {
  const doc = await visitDoc(db, id);
  if (!allowedActions(doc, actor).has('discard')) throw new VisitRuleError('errors.notAllowed.discard');
  const files = [...doc.attachmentIds, ...(doc.signatureAttachmentId ? [doc.signatureAttachmentId] : [])];
  if (files.length) await db.collections.attachments.bulkRemove(files);
  await doc.incrementalRemove();
}
