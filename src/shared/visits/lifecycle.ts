import { newId } from '../ids';
import type { VisitAmendment, VisitDoc, VisitReview, VisitStatus } from '../schema/visits';
import type { Role } from '../users';
import { diffReport } from './amend';
import {
  normalizeFields,
  reportFieldsOf,
  submissionProblems,
  type FieldProblem,
  type ReportFields,
} from './report';

/**
 * The report's life: draft → submitted → (returned → submitted)* → accepted, decided by role.
 *
 * - The rep who owns the report edits it freely while it is a draft, then submits it.
 * - A submitted report is locked for the rep; a manager (or admin) reviews it: a comment, and
 *   accept or send back (a send-back must say why).
 * - A report that was sent back, or one already accepted, changes only through corrections that
 *   are recorded as amendments with a reason. A correction by the rep to an accepted report goes
 *   back to review; a reviewer's own correction keeps it accepted.
 *
 * Until sign-in exists the local profile is both owner and manager, so it can walk the whole path.
 */

export interface Actor {
  id: string;
  role: Role;
  teamId: string;
}

export const VISIT_ACTIONS = [
  'edit',
  'submit',
  'review',
  'amend',
  'discard',
  'requestGift',
  'decideGift',
] as const;
export type VisitAction = (typeof VISIT_ACTIONS)[number];

const REVIEWER_ROLES: readonly Role[] = ['manager', 'admin'];

export function isReviewer(actor: Actor): boolean {
  return REVIEWER_ROLES.includes(actor.role);
}

export function isOwner(visit: Pick<VisitDoc, 'ownerId'>, actor: Actor): boolean {
  return visit.ownerId === actor.id;
}

function reviewsTeam(visit: Pick<VisitDoc, 'teamId'>, actor: Actor): boolean {
  return actor.role === 'admin' || (actor.role === 'manager' && visit.teamId === actor.teamId);
}

/** Statuses in which a visit counts as done (its report was handed in). */
export const DONE_STATUSES: readonly VisitStatus[] = ['submitted', 'returned', 'accepted'];

export function isDone(status: VisitStatus): boolean {
  return DONE_STATUSES.includes(status);
}

export function allowedActions(
  visit: Pick<VisitDoc, 'ownerId' | 'teamId' | 'status'>,
  actor: Actor,
): Set<VisitAction> {
  const actions = new Set<VisitAction>();
  const owner = isOwner(visit, actor);
  const reviewer = reviewsTeam(visit, actor);
  switch (visit.status) {
    case 'planned':
    case 'draft':
      if (owner) actions.add('edit').add('submit').add('discard');
      break;
    case 'submitted':
      if (reviewer) actions.add('review');
      break;
    case 'returned':
      // Resubmission is a correction: it goes through `correctionPatch`.
      if (owner) actions.add('amend');
      break;
    case 'accepted':
      if (owner || reviewer) actions.add('amend');
      break;
  }
  if (owner && visit.status !== 'planned') actions.add('requestGift');
  if (reviewer) actions.add('decideGift');
  return actions;
}

/** A rule said no. `key` is an i18n key in the `visits` namespace. */
export class VisitRuleError extends Error {
  constructor(
    readonly key: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(
      problems.length ? `${key}: ${problems.map((p) => `${p.path} ${p.message}`).join(', ')}` : key,
    );
    this.name = 'VisitRuleError';
  }
}

function ensureAllowed(
  visit: Pick<VisitDoc, 'ownerId' | 'teamId' | 'status'>,
  actor: Actor,
  action: VisitAction,
): void {
  if (!allowedActions(visit, actor).has(action))
    throw new VisitRuleError(`errors.notAllowed.${action}`);
}

/** Fields to set; a key present with `undefined` is removed from the document. */
export type VisitPatch = Partial<VisitDoc>;

/** Applies a patch the way every writer must: cleared fields disappear instead of lingering. */
export function applyVisitPatch(visit: VisitDoc, patch: VisitPatch): VisitDoc {
  const next: Record<string, unknown> = { ...visit };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return next as unknown as VisitDoc;
}

/** The visit's time for ordering: when it started, or when the report was begun. */
export function visitTime(fields: Pick<ReportFields, 'startAt'>, fallback: number): number {
  return fields.startAt ?? fallback;
}

/** Autosave of a draft: only the owner, only while it is a draft. */
export function draftPatch(visit: VisitDoc, fields: ReportFields, actor: Actor): VisitPatch {
  ensureAllowed(visit, actor, 'edit');
  const clean = normalizeFields(fields);
  return { ...clean, status: 'draft', at: visitTime(clean, visit.at) };
}

/** Submits a draft. Corrections of a sent-back report go through `correctionPatch`. */
export function submitPatch(
  visit: VisitDoc,
  fields: ReportFields,
  actor: Actor,
  now: number,
): VisitPatch {
  ensureAllowed(visit, actor, 'submit');
  const clean = normalizeFields(fields);
  const problems = submissionProblems(clean);
  if (problems.length) throw new VisitRuleError('errors.incomplete', problems);
  return { ...clean, status: 'submitted', submittedAt: now, at: visitTime(clean, visit.at) };
}

export function reviewPatch(
  visit: VisitDoc,
  actor: Actor,
  decision: VisitReview['decision'],
  comment: string,
  now: number,
): VisitPatch {
  ensureAllowed(visit, actor, 'review');
  const text = comment.trim();
  if (decision === 'returned' && !text) throw new VisitRuleError('errors.returnNeedsComment');
  if (text.length > 2000) throw new VisitRuleError('errors.tooLong');
  const review: VisitReview = { id: newId(now), by: actor.id, at: now, decision, comment: text };
  return { status: decision, review, reviews: [...(visit.reviews ?? []), review] };
}

/**
 * A correction after submission: the changed fields, each recorded as an amendment with the
 * reason. A sent-back report is resubmitted by its correction.
 */
export function correctionPatch(
  visit: VisitDoc,
  fields: ReportFields,
  reason: string,
  actor: Actor,
  now: number,
): VisitPatch {
  ensureAllowed(visit, actor, 'amend');
  const why = reason.trim();
  if (!why) throw new VisitRuleError('errors.reasonRequired');
  if (why.length > 500) throw new VisitRuleError('errors.tooLong');
  const clean = normalizeFields(fields);
  const changes = diffReport(reportFieldsOf(visit), clean);
  if (!changes.length) throw new VisitRuleError('errors.noChanges');
  const problems = submissionProblems(clean);
  if (problems.length) throw new VisitRuleError('errors.incomplete', problems);
  const amendments: VisitAmendment[] = changes.map((c, i) => ({
    id: newId(now + i),
    at: now,
    by: actor.id,
    field: c.field,
    before: c.before,
    after: c.after,
    reason: why,
  }));
  const backToReview = visit.status === 'returned' || !reviewsTeam(visit, actor);
  return {
    ...clean,
    amendments: [...visit.amendments, ...amendments],
    at: visitTime(clean, visit.at),
    ...(backToReview ? { status: 'submitted' as const, submittedAt: now } : {}),
  };
}
