import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  applyVisitPatch,
  correctionPatch,
  draftPatch,
  reportFieldsOf,
  reviewPatch,
  submitPatch,
  VisitRuleError,
} from '../../../src/shared/visits';
import type { VisitDoc } from '../../../src/shared/schema';
import { at, complete, local, manager, otherManager, otherRep, rep, visit } from './fixtures';

const NOW = at(2026, 3, 10, 12, 0);

function submitted(): VisitDoc {
  const draft = complete();
  return applyVisitPatch(draft, submitPatch(draft, reportFieldsOf(draft), rep, NOW));
}

function ruleKey(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof VisitRuleError) return error.key;
    throw error;
  }
  throw new Error('no rule error');
}

describe('who may do what with a visit report', () => {
  it('the owner edits and submits a draft; nobody else edits it', () => {
    expect([...allowedActions(visit(), rep)].sort()).toEqual([
      'discard',
      'edit',
      'requestGift',
      'submit',
    ]);
    expect(allowedActions(visit(), otherRep).has('edit')).toBe(false);
    expect(allowedActions(visit(), manager).has('edit')).toBe(false);
  });

  it('a submitted report is locked for the rep and open to the team manager for review', () => {
    const doc = submitted();
    expect(doc.status).toBe('submitted');
    expect(doc.submittedAt).toBe(NOW);
    for (const action of ['edit', 'submit', 'amend', 'review'] as const)
      expect(allowedActions(doc, rep).has(action)).toBe(false);
    expect(allowedActions(doc, manager).has('review')).toBe(true);
    expect(allowedActions(doc, otherManager).has('review')).toBe(false);
    expect(ruleKey(() => draftPatch(doc, reportFieldsOf(doc), rep))).toBe('errors.notAllowed.edit');
  });

  it('the local profile is owner and manager at once until sign-in', () => {
    const draft = complete({ ownerId: local.id, teamId: local.teamId });
    const doc = applyVisitPatch(draft, submitPatch(draft, reportFieldsOf(draft), local, NOW));
    expect(allowedActions(doc, local).has('review')).toBe(true);
  });
});

describe('submitting', () => {
  it('an incomplete report is refused with every problem named', () => {
    const error = (() => {
      try {
        submitPatch(visit(), reportFieldsOf(visit()), rep, NOW);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(VisitRuleError);
    expect((error as VisitRuleError).key).toBe('errors.incomplete');
    expect((error as VisitRuleError).problems.map((p) => p.path)).toContain('outcomes');
  });

  it('orders the visit by when it started', () => {
    const draft = complete({ at: 1 });
    expect(submitPatch(draft, reportFieldsOf(draft), rep, NOW).at).toBe(draft.startAt);
  });

  it('a draft autosave clears a field the rep emptied', () => {
    const draft = complete();
    const next = applyVisitPatch(
      draft,
      draftPatch(draft, { ...reportFieldsOf(draft), place: '' }, rep),
    );
    expect('place' in next).toBe(false);
    expect(next.status).toBe('draft');
  });
});

describe('review', () => {
  it('sending back needs a comment; accepting does not', () => {
    const doc = submitted();
    expect(ruleKey(() => reviewPatch(doc, manager, 'returned', '  ', NOW))).toBe(
      'errors.returnNeedsComment',
    );
    const accepted = applyVisitPatch(doc, reviewPatch(doc, manager, 'accepted', '', NOW));
    expect(accepted.status).toBe('accepted');
    expect(accepted.review).toMatchObject({ by: manager.id, decision: 'accepted', comment: '' });
  });

  it('keeps every review round: sent back, corrected, accepted', () => {
    const doc = submitted();
    const returned = applyVisitPatch(
      doc,
      reviewPatch(doc, manager, 'returned', '请补充竞品价格', NOW + 1),
    );
    expect(returned.status).toBe('returned');
    expect(allowedActions(returned, rep).has('amend')).toBe(true);
    const corrected = applyVisitPatch(
      returned,
      correctionPatch(
        returned,
        { ...reportFieldsOf(returned), marketNotes: '竞品报价低 5%' },
        '按经理意见补充',
        rep,
        NOW + 2,
      ),
    );
    expect(corrected.status).toBe('submitted');
    const accepted = applyVisitPatch(
      corrected,
      reviewPatch(corrected, manager, 'accepted', '好', NOW + 3),
    );
    expect(accepted.reviews?.map((r) => r.decision)).toEqual(['returned', 'accepted']);
    expect(new Set(accepted.reviews?.map((r) => r.id)).size).toBe(2);
  });
});

describe('corrections after submission', () => {
  it('are recorded field by field with the reason, never a silent overwrite', () => {
    const doc = submitted();
    const returned = applyVisitPatch(doc, reviewPatch(doc, manager, 'returned', '时间有误', NOW));
    const fields = {
      ...reportFieldsOf(returned),
      endAt: at(2026, 3, 10, 11, 30),
      outcomes: '客户同意试用新款空调三台',
    };
    const next = applyVisitPatch(
      returned,
      correctionPatch(returned, fields, '结束时间记错了', rep, NOW + 5),
    );
    expect(next.amendments).toEqual([
      expect.objectContaining({
        field: 'endAt',
        before: '2026-03-10 11:00',
        after: '2026-03-10 11:30',
        reason: '结束时间记错了',
        by: rep.id,
      }),
      expect.objectContaining({
        field: 'outcomes',
        before: '客户同意试用新款空调两台',
        after: '客户同意试用新款空调三台',
      }),
    ]);
    expect(next.outcomes).toBe('客户同意试用新款空调三台');
  });

  it('need a reason and a change, and must still be complete', () => {
    const doc = submitted();
    const returned = applyVisitPatch(doc, reviewPatch(doc, manager, 'returned', '补充', NOW));
    const same = reportFieldsOf(returned);
    expect(
      ruleKey(() => correctionPatch(returned, { ...same, place: '新地址' }, ' ', rep, NOW)),
    ).toBe('errors.reasonRequired');
    expect(ruleKey(() => correctionPatch(returned, same, '无', rep, NOW))).toBe('errors.noChanges');
    expect(
      ruleKey(() => correctionPatch(returned, { ...same, feedback: '' }, '删掉', rep, NOW)),
    ).toBe('errors.incomplete');
  });

  it("the rep's correction of an accepted report goes back to review; the manager's does not", () => {
    const doc = submitted();
    const accepted = applyVisitPatch(doc, reviewPatch(doc, manager, 'accepted', '', NOW));
    const byRep = applyVisitPatch(
      accepted,
      correctionPatch(
        accepted,
        { ...reportFieldsOf(accepted), place: '客户新厂区' },
        '地址更正',
        rep,
        NOW + 1,
      ),
    );
    expect(byRep.status).toBe('submitted');
    const byManager = applyVisitPatch(
      accepted,
      correctionPatch(
        accepted,
        { ...reportFieldsOf(accepted), place: '客户新厂区' },
        '地址更正',
        manager,
        NOW + 1,
      ),
    );
    expect(byManager.status).toBe('accepted');
    expect(byManager.amendments).toHaveLength(1);
  });

  it('a sent-back report cannot be corrected by someone else', () => {
    const doc = submitted();
    const returned = applyVisitPatch(doc, reviewPatch(doc, manager, 'returned', '补充', NOW));
    expect(
      ruleKey(() =>
        correctionPatch(returned, { ...reportFieldsOf(returned), place: 'x' }, 'y', otherRep, NOW),
      ),
    ).toBe('errors.notAllowed.amend');
  });
});
