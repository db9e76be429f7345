import { z } from 'zod';
import type { RequestDoc } from '../schema/requests';
import { isReviewer, VisitRuleError, type Actor } from './lifecycle';

/**
 * A gift for a customer, asked from a visit (the company's rule: ask first, the company
 * approves). It waits as a `requests` document of kind `gift` until a manager decides.
 */

export const GIFT_VALUE_MAX = 1_000_000;

export const giftRequestSchema = z.object({
  item: z.string().trim().min(1, 'errors.giftItemRequired').max(200, 'errors.tooLong'),
  value: z
    .number({ error: 'errors.giftValueRequired' })
    .finite('errors.giftValueRequired')
    .min(0, 'errors.giftValueNegative')
    .max(GIFT_VALUE_MAX, 'errors.giftValueTooHigh')
    .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'errors.giftValueCents'),
  reason: z.string().trim().min(1, 'errors.giftReasonRequired').max(2000, 'errors.tooLong'),
});
export type GiftRequestInput = z.infer<typeof giftRequestSchema>;

export const GIFT_DECISIONS = ['approved', 'rejected'] as const;
export type GiftDecision = (typeof GIFT_DECISIONS)[number];

type GiftShape = Pick<RequestDoc, 'kind' | 'status' | 'requesterId'>;

/** The new request's fields; the caller adds id, time and audit stamps. */
export function giftRequestDoc(
  input: GiftRequestInput,
  visit: { id: string; customerId: string },
  actor: Actor,
): Pick<
  RequestDoc,
  'kind' | 'status' | 'customerId' | 'requesterId' | 'sourceId' | 'reason' | 'item' | 'value'
> {
  const parsed = giftRequestSchema.safeParse(input);
  if (!parsed.success) {
    throw new VisitRuleError(
      'errors.giftInvalid',
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  }
  return {
    kind: 'gift',
    status: 'pending',
    customerId: visit.customerId,
    requesterId: actor.id,
    sourceId: visit.id,
    item: parsed.data.item,
    value: Math.round(parsed.data.value * 100) / 100,
    reason: parsed.data.reason,
  };
}

export function giftDecisionPatch(
  request: GiftShape,
  actor: Actor,
  decision: GiftDecision,
  note: string,
  now: number,
): Pick<RequestDoc, 'status' | 'approverId' | 'decidedAt' | 'decisionNote'> {
  if (request.kind !== 'gift') throw new VisitRuleError('errors.notAGift');
  if (!isReviewer(actor)) throw new VisitRuleError('errors.notAllowed.decideGift');
  if (request.status !== 'pending') throw new VisitRuleError('errors.giftAlreadyDecided');
  const text = note.trim();
  if (decision === 'rejected' && !text) throw new VisitRuleError('errors.giftRejectNeedsNote');
  if (text.length > 2000) throw new VisitRuleError('errors.tooLong');
  return { status: decision, approverId: actor.id, decidedAt: now, decisionNote: text };
}

/** The requester may withdraw a request nobody has decided yet. */
export function giftCancelPatch(request: GiftShape, actor: Actor): Pick<RequestDoc, 'status'> {
  if (request.kind !== 'gift') throw new VisitRuleError('errors.notAGift');
  if (request.requesterId !== actor.id) throw new VisitRuleError('errors.notAllowed.cancelGift');
  if (request.status !== 'pending') throw new VisitRuleError('errors.giftAlreadyDecided');
  return { status: 'cancelled' };
}
