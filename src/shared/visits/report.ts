import { z } from 'zod';
import { VISIT_PURPOSES, type VisitDoc } from '../schema/visits';
import { startOfLocalDay } from './dates';

/**
 * The report as the rep edits it. A draft accepts anything within the storage limits (the
 * rep types on site and must never be blocked from saving); submission requires what the
 * company's rule says every visit report states: who was visited, when, why, the main
 * outcomes, what the customer said, and suggestions for improvement.
 *
 * Error messages are i18n keys in the `visits` namespace.
 */

const nextStepSchema = z.object({
  id: z.string().min(1).max(40),
  text: z.string().max(1000, 'errors.tooLong'),
  dueAt: z.number().int().nonnegative().optional(),
  taskId: z.string().max(40).optional(),
});

const draftShape = {
  customerId: z.string().max(40),
  contactId: z.string().max(40).optional(),
  contactName: z.string().max(100, 'errors.tooLong').optional(),
  visitors: z
    .array(z.string().trim().min(1).max(40, 'errors.visitorTooLong'))
    .max(10, 'errors.tooManyVisitors'),
  startAt: z.number().int().nonnegative().optional(),
  endAt: z.number().int().nonnegative().optional(),
  place: z.string().max(300, 'errors.tooLong').optional(),
  purposes: z.array(z.enum(VISIT_PURPOSES)).max(10),
  purposeNote: z.string().max(500, 'errors.tooLong').optional(),
  outcomes: z.string().max(20_000, 'errors.tooLong').optional(),
  feedback: z.string().max(20_000, 'errors.tooLong').optional(),
  suggestions: z.string().max(20_000, 'errors.tooLong').optional(),
  marketNotes: z.string().max(20_000, 'errors.tooLong').optional(),
  nextSteps: z.array(nextStepSchema).max(50, 'errors.tooManySteps'),
};

export const reportDraftSchema = z.object(draftShape);
export type ReportFields = z.infer<typeof reportDraftSchema>;

const filled = (key: string) => z.string({ error: key }).trim().min(1, key);

export const reportSubmitSchema = z
  .object({
    ...draftShape,
    customerId: z.string().min(1, 'errors.customerRequired').max(40),
    visitors: draftShape.visitors.min(1, 'errors.visitorsRequired'),
    startAt: z.number({ error: 'errors.startRequired' }).int().nonnegative(),
    endAt: z.number({ error: 'errors.endRequired' }).int().nonnegative(),
    purposes: draftShape.purposes.min(1, 'errors.purposeRequired'),
    outcomes: filled('errors.outcomesRequired').max(20_000, 'errors.tooLong'),
    feedback: filled('errors.feedbackRequired').max(20_000, 'errors.tooLong'),
    suggestions: filled('errors.suggestionsRequired').max(20_000, 'errors.tooLong'),
  })
  .superRefine((report, ctx) => {
    if (report.endAt < report.startAt) {
      ctx.addIssue({ code: 'custom', path: ['endAt'], message: 'errors.endBeforeStart' });
    }
    if (report.purposes.includes('other') && !report.purposeNote?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['purposeNote'], message: 'errors.otherPurposeNote' });
    }
    report.nextSteps.forEach((step, index) => {
      if (!step.text.trim()) {
        ctx.addIssue({
          code: 'custom',
          path: ['nextSteps', index, 'text'],
          message: 'errors.stepTextRequired',
        });
      }
      if (step.dueAt !== undefined && step.dueAt < startOfLocalDay(report.startAt)) {
        ctx.addIssue({
          code: 'custom',
          path: ['nextSteps', index, 'dueAt'],
          message: 'errors.stepDueBeforeVisit',
        });
      }
    });
  });

export interface FieldProblem {
  /** Dotted path, e.g. `nextSteps.0.text`. */
  path: string;
  /** i18n key in the `visits` namespace. */
  message: string;
}

/** What still stops a report from being submitted; empty when it may go. */
export function submissionProblems(fields: ReportFields): FieldProblem[] {
  const parsed = reportSubmitSchema.safeParse(fields);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** The editable part of a visit document. */
export function reportFieldsOf(visit: VisitDoc): ReportFields {
  return {
    customerId: visit.customerId,
    contactId: visit.contactId,
    contactName: visit.contactName,
    visitors: [...visit.visitors],
    startAt: visit.startAt,
    endAt: visit.endAt,
    place: visit.place,
    purposes: [...visit.purposes],
    purposeNote: visit.purposeNote,
    outcomes: visit.outcomes,
    feedback: visit.feedback,
    suggestions: visit.suggestions,
    marketNotes: visit.marketNotes,
    nextSteps: visit.nextSteps.map((s) => ({ ...s })),
  };
}

const OPTIONAL_TEXT = [
  'contactId',
  'contactName',
  'place',
  'purposeNote',
  'outcomes',
  'feedback',
  'suggestions',
  'marketNotes',
] as const;

/**
 * Every report key present, empty optional texts as `undefined`, so that applying the result
 * to a document clears a field the rep emptied instead of storing "".
 */
export function normalizeFields(fields: ReportFields): ReportFields {
  const out: ReportFields = {
    ...fields,
    visitors: fields.visitors.map((v) => v.trim()).filter(Boolean),
    startAt: fields.startAt,
    endAt: fields.endAt,
    nextSteps: fields.nextSteps.map((s) => ({ ...s, text: s.text.trim() })),
  };
  for (const key of OPTIONAL_TEXT) {
    const value = fields[key];
    out[key] = value === undefined || value.trim() === '' ? undefined : value;
  }
  return out;
}
