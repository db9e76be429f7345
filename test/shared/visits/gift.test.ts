import { describe, expect, it } from 'vitest';
import {
  giftCancelPatch,
  giftDecisionPatch,
  giftRequestDoc,
  VisitRuleError,
} from '../../../src/shared/visits';
import { manager, rep } from './fixtures';

const v = { id: 'v-1', customerId: 'c-1' };

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof VisitRuleError)
      return e.problems.length ? e.problems.map((p) => p.message) : [e.key];
    throw e;
  }
  return [];
}

describe('gift requests from a visit', () => {
  it('waits for approval with what, value and why', () => {
    expect(
      giftRequestDoc({ item: ' 中秋月饼礼盒 ', value: 298.5, reason: '老客户节日关怀' }, v, rep),
    ).toEqual({
      kind: 'gift',
      status: 'pending',
      customerId: 'c-1',
      requesterId: 'rep-1',
      sourceId: 'v-1',
      item: '中秋月饼礼盒',
      value: 298.5,
      reason: '老客户节日关怀',
    });
  });

  it('refuses a gift with no item, a negative or fractional-cent value, or no reason', () => {
    expect(problems(() => giftRequestDoc({ item: '', value: -1, reason: ' ' }, v, rep))).toEqual([
      'errors.giftItemRequired',
      'errors.giftValueNegative',
      'errors.giftReasonRequired',
    ]);
    expect(
      problems(() => giftRequestDoc({ item: '茶叶', value: 1.005, reason: '拜访' }, v, rep)),
    ).toEqual(['errors.giftValueCents']);
    expect(
      problems(() => giftRequestDoc({ item: '茶叶', value: Number.NaN, reason: '拜访' }, v, rep)),
    ).toEqual(['errors.giftValueRequired']);
  });

  it('only a manager decides, once, and a refusal says why', () => {
    const pending = { kind: 'gift' as const, status: 'pending' as const, requesterId: rep.id };
    expect(problems(() => giftDecisionPatch(pending, rep, 'approved', '', 1))).toEqual([
      'errors.notAllowed.decideGift',
    ]);
    expect(problems(() => giftDecisionPatch(pending, manager, 'rejected', ' ', 1))).toEqual([
      'errors.giftRejectNeedsNote',
    ]);
    expect(giftDecisionPatch(pending, manager, 'approved', '同意', 7)).toEqual({
      status: 'approved',
      approverId: manager.id,
      decidedAt: 7,
      decisionNote: '同意',
    });
    expect(
      problems(() =>
        giftDecisionPatch({ ...pending, status: 'approved' }, manager, 'rejected', 'x', 1),
      ),
    ).toEqual(['errors.giftAlreadyDecided']);
  });

  it('the requester may withdraw a pending request; nobody else may', () => {
    const pending = { kind: 'gift' as const, status: 'pending' as const, requesterId: rep.id };
    expect(giftCancelPatch(pending, rep)).toEqual({ status: 'cancelled' });
    expect(problems(() => giftCancelPatch(pending, manager))).toEqual([
      'errors.notAllowed.cancelGift',
    ]);
  });
});
