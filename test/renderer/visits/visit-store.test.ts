import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DanganDatabase } from '../../../src/renderer/src/db/database';
import { runListQuery } from '../../../src/renderer/src/db/list-query';
import {
  clearCorrectionBuffer,
  loadCorrectionBuffer,
  saveCorrectionBuffer,
} from '../../../src/renderer/src/features/visits/data/correction-buffer';
import {
  cancelGift,
  decideGift,
  requestGift,
} from '../../../src/renderer/src/features/visits/data/gifts';
import {
  actorOf,
  correctVisit,
  discardDraft,
  reviewVisit,
  saveDraft,
  startVisit,
  submitVisit,
} from '../../../src/renderer/src/features/visits/data/visit-store';
import {
  requestsOfCustomer,
  visitsOfCustomer,
} from '../../../src/renderer/src/features/visits/visits.queries';
import { reportFieldsOf, VisitRuleError, type ReportFields } from '../../../src/shared/visits';
import { openMemoryDatabase } from '../db/memory-db';
import { customer, manager, rep } from './fixtures';

const day = (d: number, h = 9) => new Date(2026, 2, d, h).getTime();

async function visitOf(db: DanganDatabase, id: string) {
  const doc = await db.collections.visits.findOne(id).exec();
  if (!doc) throw new Error('no visit');
  return doc.toMutableJSON();
}

function filled(fields: ReportFields): ReportFields {
  return {
    ...fields,
    startAt: day(10, 9),
    endAt: day(10, 11),
    purposes: ['demonstration'],
    outcomes: '客户同意试用两套',
    feedback: '安装等待太久',
    suggestions: '增加周末安装',
    nextSteps: [
      { id: 's1', text: '寄送报价单', dueAt: day(15, 0) },
      { id: 's2', text: '保持联系' },
    ],
  };
}

describe('writing a visit report', () => {
  let db: DanganDatabase;
  beforeEach(async () => {
    db = await openMemoryDatabase(rep.id);
    await db.collections.customers.insert(customer());
  });
  afterEach(async () => {
    await db.close();
  });

  it('starts from the archive with the primary contact, the office address and the rep as visitor', async () => {
    const id = await startVisit(db, rep, { customerId: 'c-1' }, day(10, 9));
    const v = await visitOf(db, id);
    expect(v).toMatchObject({
      status: 'draft',
      customerId: 'c-1',
      contactName: '李采购',
      contactId: 'p1',
      visitors: ['张伟'],
      ownerId: 'rep-1',
      teamId: 'team-a',
    });
    expect(v.place).toBe('浙江省杭州市西湖区文三路478号');
    expect(v.startAt).toBe(day(10, 9));
  });

  it('starts from a plan with its purposes, or ad hoc with no customer yet', async () => {
    const fromPlan = await visitOf(
      db,
      await startVisit(db, rep, {
        customerId: 'c-1',
        planId: 'p-9',
        purposes: ['collection'],
        purposeNote: '催收三月货款',
      }),
    );
    expect(fromPlan).toMatchObject({
      planId: 'p-9',
      purposes: ['collection'],
      purposeNote: '催收三月货款',
    });
    const adHoc = await visitOf(db, await startVisit(db, rep, {}));
    expect(adHoc.customerId).toBe('');
  });

  it('autosaves a draft, and clears what the rep emptied', async () => {
    const id = await startVisit(db, rep, { customerId: 'c-1' });
    const base = reportFieldsOf(await visitOf(db, id));
    await saveDraft(db, id, { ...base, outcomes: '初稿' }, actorOf(rep));
    expect((await visitOf(db, id)).outcomes).toBe('初稿');
    await saveDraft(db, id, { ...base, outcomes: '', place: '' }, actorOf(rep));
    const v = await visitOf(db, id);
    expect('outcomes' in v).toBe(false);
    expect('place' in v).toBe(false);
    expect(v.updatedBy).toBe('rep-1');
  });

  it('submits: locks it, creates the follow-up task, and updates the customer for the status list', async () => {
    const id = await startVisit(db, rep, { customerId: 'c-1' });
    const fields = filled(reportFieldsOf(await visitOf(db, id)));
    await submitVisit(db, id, fields, actorOf(rep));
    const v = await visitOf(db, id);
    expect(v.status).toBe('submitted');
    const taskId = v.nextSteps[0]?.taskId;
    expect(taskId).toBeTruthy();
    expect(v.nextSteps[1]?.taskId).toBeUndefined();
    const task = (await db.collections.tasks.findOne(taskId!).exec())?.toMutableJSON();
    expect(task).toMatchObject({
      kind: 'followUp',
      status: 'open',
      title: '寄送报价单',
      assigneeId: 'rep-1',
      sourceId: id,
      customerId: 'c-1',
      at: day(15, 0),
    });
    const c = (await db.collections.customers.findOne('c-1').exec())?.toMutableJSON();
    expect(c?.lastVisitAt).toBe(day(10, 9));
    expect(c?.nextTaskAt).toBe(day(15, 0));
    await expect(saveDraft(db, id, fields, actorOf(rep))).rejects.toThrow(VisitRuleError);
  });

  it('refuses an incomplete report and writes nothing', async () => {
    const id = await startVisit(db, rep, { customerId: 'c-1' });
    const before = await visitOf(db, id);
    await expect(submitVisit(db, id, reportFieldsOf(before), actorOf(rep))).rejects.toMatchObject({
      key: 'errors.incomplete',
    });
    expect((await visitOf(db, id)).status).toBe('draft');
    expect(await db.collections.tasks.count().exec()).toBe(0);
  });

  it('a manager sends it back, the rep corrects it with a reason, the manager accepts', async () => {
    const id = await startVisit(db, rep, { customerId: 'c-1' });
    await submitVisit(db, id, filled(reportFieldsOf(await visitOf(db, id))), actorOf(rep));
    await expect(reviewVisit(db, id, 'accepted', '', actorOf(rep))).rejects.toMatchObject({
      key: 'errors.notAllowed.review',
    });
    await reviewVisit(db, id, 'returned', '报价日期不对', actorOf(manager));
    const returned = await visitOf(db, id);
    const taskId = returned.nextSteps[0]?.taskId;
    const fields = {
      ...reportFieldsOf(returned),
      nextSteps: [{ ...returned.nextSteps[0]!, dueAt: day(18, 0) }],
    };
    await correctVisit(db, id, fields, '报价改到18日', actorOf(rep));
    const corrected = await visitOf(db, id);
    expect(corrected.status).toBe('submitted');
    expect(corrected.amendments.map((a) => a.field)).toEqual(['nextSteps']);
    expect(corrected.amendments[0]).toMatchObject({
      before: '寄送报价单（2026-03-15）\n保持联系',
      after: '寄送报价单（2026-03-18）',
      reason: '报价改到18日',
    });
    const task = (await db.collections.tasks.findOne(taskId!).exec())?.toMutableJSON();
    expect(task?.at).toBe(day(18, 0));
    await reviewVisit(db, id, 'accepted', '可以', actorOf(manager));
    const accepted = await visitOf(db, id);
    expect(accepted.status).toBe('accepted');
    expect(accepted.reviews?.map((r) => r.decision)).toEqual(['returned', 'accepted']);
  });

  it("the archive lists a customer's visits newest first", async () => {
    for (const d of [3, 20, 11]) {
      const id = await startVisit(db, rep, { customerId: 'c-1' }, day(d));
      await submitVisit(
        db,
        id,
        {
          ...filled(reportFieldsOf(await visitOf(db, id))),
          startAt: day(d),
          endAt: day(d, 10),
          nextSteps: [],
        },
        actorOf(rep),
      );
    }
    const docs = await runListQuery(db, visitsOfCustomer, { customerId: 'c-1', limit: 50 }).exec();
    expect(docs.map((d) => new Date(d.startAt!).getDate())).toEqual([20, 11, 3]);
  });

  it('discards a draft; a submitted report cannot be discarded', async () => {
    const id = await startVisit(db, rep, { customerId: 'c-1' });
    await discardDraft(db, id, actorOf(rep));
    expect(await db.collections.visits.findOne(id).exec()).toBeNull();
    const kept = await startVisit(db, rep, { customerId: 'c-1' });
    await submitVisit(db, kept, filled(reportFieldsOf(await visitOf(db, kept))), actorOf(rep));
    await expect(discardDraft(db, kept, actorOf(rep))).rejects.toMatchObject({
      key: 'errors.notAllowed.discard',
    });
  });

  it('keeps a correction in progress on this laptop until it is saved', async () => {
    const fields = reportFieldsOf({
      ...(await visitOf(db, await startVisit(db, rep, { customerId: 'c-1' }))),
      outcomes: '改了一半',
    });
    await saveCorrectionBuffer(db, rep.id, 'v-x', fields);
    expect((await loadCorrectionBuffer(db, 'v-x'))?.fields.outcomes).toBe('改了一半');
    await clearCorrectionBuffer(db, 'v-x');
    expect(await loadCorrectionBuffer(db, 'v-x')).toBeNull();
  });
});

describe('gift requests from a visit', () => {
  let db: DanganDatabase;
  beforeEach(async () => {
    db = await openMemoryDatabase(rep.id);
    await db.collections.customers.insert(customer());
  });
  afterEach(async () => {
    await db.close();
  });

  it('waits for a manager, who approves it; the report shows its state', async () => {
    const visitId = await startVisit(db, rep, { customerId: 'c-1' });
    const visit = await visitOf(db, visitId);
    const id = await requestGift(
      db,
      visit,
      { item: '月饼礼盒', value: 298, reason: '中秋关怀' },
      actorOf(rep),
    );
    const [pending] = await runListQuery(db, requestsOfCustomer, { customerId: 'c-1' }).exec();
    expect(pending?.toMutableJSON()).toMatchObject({
      id,
      kind: 'gift',
      status: 'pending',
      sourceId: visitId,
      requesterId: 'rep-1',
    });
    await expect(decideGift(db, id, 'approved', '', actorOf(rep))).rejects.toMatchObject({
      key: 'errors.notAllowed.decideGift',
    });
    await decideGift(db, id, 'approved', '同意', actorOf(manager));
    const decided = (await db.collections.requests.findOne(id).exec())?.toMutableJSON();
    expect(decided).toMatchObject({
      status: 'approved',
      approverId: 'mgr-1',
      decisionNote: '同意',
    });
    await expect(cancelGift(db, id, actorOf(rep))).rejects.toMatchObject({
      key: 'errors.giftAlreadyDecided',
    });
  });

  it('refuses a gift on a visit without a customer', async () => {
    const visit = await visitOf(db, await startVisit(db, rep, {}));
    await expect(
      requestGift(db, visit, { item: '茶叶', value: 100, reason: '拜访' }, actorOf(rep)),
    ).rejects.toMatchObject({ key: 'errors.customerRequired' });
  });
});
