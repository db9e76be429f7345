import { afterEach, describe, expect, it } from 'vitest';
import type { DanganDatabase } from '../../../src/renderer/src/db/database';
import { allocateCustomerCodes } from '../../../src/renderer/src/features/customers/codes';
import { changeArchiveStatus, createCustomer, updateCustomer } from '../../../src/renderer/src/features/customers/mutations';
import { deleteDraft, loadDraft, saveDraft } from '../../../src/renderer/src/features/customers/form/draft';
import { emptyCustomerForm, parseCustomerCode, type CustomerFormValues } from '../../../src/shared/customers';
import type { SessionUser } from '../../../src/shared/users';
import { openMemoryDatabase } from '../db/memory-db';

const user: SessionUser = { id: 'clerk1', username: 'clerk1', displayName: '孙燕', role: 'clerk', teamId: 'office' };
let dbs: DanganDatabase[] = [];
afterEach(async () => {
  await Promise.all(dbs.map((d) => d.close()));
  dbs = [];
});
async function open() {
  const db = await openMemoryDatabase(user.id);
  dbs.push(db);
  return db;
}

function form(): CustomerFormValues {
  const f = emptyCustomerForm(user.id, 'c1');
  return {
    ...f,
    name: '北京华通科技有限公司',
    creditCode: '91350100M000100Y43',
    companyName: '',
    note: '老客户',
    sourceChannel: '展会',
    contacts: [
      { ...f.contacts[0]!, name: '张三', mobile: '13812345678' },
      { ...f.contacts[0]!, id: 'c2', name: '李四', phone: '010-62345678', isPrimary: false, isEmergency: true },
    ],
  };
}

describe('creating, editing, retiring and reinstating a customer', () => {
  it('creates a customer with a fresh code, stamped by the write layer', async () => {
    const db = await open();
    const a = await createCustomer(db, user, form(), () => 'office');
    const b = await createCustomer(db, user, form(), () => 'office');
    expect(a.code).not.toBe(b.code);
    expect(parseCustomerCode(b.code)!.sequence).toBe(parseCustomerCode(a.code)!.sequence + 1);
    expect(a).toMatchObject({ archiveStatus: 'active', createdBy: user.id, updatedBy: user.id, teamId: 'office', namePinyin: 'beijinghuatongkejiyouxiangongsi' });
    expect(a.createdAt).toBeGreaterThan(0);
    expect(a.contacts).toHaveLength(2);
  });

  it('clears optional fields the edit emptied and keeps everything else', async () => {
    const db = await open();
    const created = await createCustomer(db, user, form(), () => 'office');
    const edited = await updateCustomer(db, created.id, { ...form(), note: '', sourceChannel: '', name: '北京华通科技发展有限公司' }, () => 'office');
    expect(edited.name).toBe('北京华通科技发展有限公司');
    expect('note' in edited || 'sourceChannel' in edited).toBe(false);
    expect(edited.code).toBe(created.code);
    expect(edited.statusHistory).toEqual([]);
  });

  it('retires with reason and date, keeps the archive whole, and reinstates with history kept', async () => {
    const db = await open();
    const created = await createCustomer(db, user, form(), () => 'office');
    const retired = await changeArchiveStatus(db, created.id, 'retired', { reason: '客户注销', at: 1_700_000_000_000, by: user.id });
    expect(retired).toMatchObject({ archiveStatus: 'retired', retiredAt: 1_700_000_000_000, retiredReason: '客户注销' });
    expect(retired.contacts).toEqual(created.contacts);
    await expect(changeArchiveStatus(db, created.id, 'retired', { reason: 'again', at: 1, by: user.id })).rejects.toThrow(/already/);
    await expect(changeArchiveStatus(db, created.id, 'active', { reason: '  ', at: 1, by: user.id })).rejects.toThrow(/reason/);
    const back = await changeArchiveStatus(db, created.id, 'active', { reason: '误操作，恢复', at: 1_700_000_100_000, by: user.id });
    expect(back.archiveStatus).toBe('active');
    expect('retiredAt' in back).toBe(false);
    expect(back.statusHistory.map((h) => [h.from, h.to, h.reason])).toEqual([
      ['active', 'retired', '客户注销'],
      ['retired', 'active', '误操作，恢复'],
    ]);
  });
});

describe('customer codes across laptops', () => {
  it('two laptops offline on the same day never hand out the same code', async () => {
    // One laptop's database at a time: the open core allows 13 collections per process.
    const now = Date.now();
    const laptopA = await open();
    const fromA = await allocateCustomerCodes(laptopA, user.id, 30, now);
    const more = await allocateCustomerCodes(laptopA, user.id, 1, now);
    expect(parseCustomerCode(more[0]!)!.sequence).toBe(31);
    await laptopA.close();
    dbs = [];
    const laptopB = await open();
    const fromB = await allocateCustomerCodes(laptopB, user.id, 30, now);
    expect(new Set([...fromA, ...more, ...fromB]).size).toBe(61);
    expect(parseCustomerCode(fromA[0]!)!.device).not.toBe(parseCustomerCode(fromB[0]!)!.device);
  });
});

describe('form drafts', () => {
  it('keeps a draft per user and form until it is deleted', async () => {
    const db = await open();
    const values = { ...form(), name: '草稿客户' };
    await saveDraft(db, user.id, 'customer:new', values);
    expect((await loadDraft(db, user.id, 'customer:new'))?.values.name).toBe('草稿客户');
    expect(await loadDraft(db, 'someone-else', 'customer:new')).toBeNull();
    await deleteDraft(db, user.id, 'customer:new');
    expect(await loadDraft(db, user.id, 'customer:new')).toBeNull();
  });

  it('deletes a draft that another write changed after it was read (the autosave racing the save)', async () => {
    const db = await open();
    await saveDraft(db, user.id, 'customer:new', { ...form(), name: '草稿一' });
    // An autosave lands between deleteDraft's read and its removal: a plain remove() of the
    // revision it read is refused with RxDB's CONFLICT, which the form showed as 保存失败.
    const local = db.collections.local;
    const findOne = local.findOne.bind(local);
    local.findOne = ((...args: Parameters<typeof findOne>) => {
      const query = findOne(...args);
      const exec = query.exec.bind(query);
      query.exec = (async () => {
        const doc = await exec();
        await saveDraft(db, user.id, 'customer:new', { ...form(), name: '草稿二' });
        return doc;
      }) as typeof query.exec;
      return query;
    }) as typeof local.findOne;
    await deleteDraft(db, user.id, 'customer:new');
    local.findOne = findOne;
    expect(await loadDraft(db, user.id, 'customer:new')).toBeNull();
  });
});
