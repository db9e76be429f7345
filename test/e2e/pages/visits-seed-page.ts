/**
 * A test page on the app's origin that writes the customers the visits test works with,
 * through the app's own database opening (same name, the key from main as the app gets it),
 * so the app sees them.
 */
import { openAppDatabase } from '../../../src/renderer/src/app/open';
import { invoke } from '../../../src/renderer/src/platform/dangan';
import { writeDraftCopy } from '../../../src/renderer/src/features/visits/data/draft-copy';
import type { CustomerDoc } from '../../../src/shared/schema';
import { reportFieldsOf } from '../../../src/shared/visits';
import { LOCAL_PROFILE } from '../../../src/shared/users';

function customer(
  id: string,
  code: string,
  name: string,
  pinyin: string,
  contact: string,
): CustomerDoc {
  const now = Date.now();
  return {
    id,
    code,
    type: 'enterprise',
    name,
    namePinyin: pinyin,
    nameInitials: pinyin.slice(0, 4),
    contacts: [
      {
        id: `${id}-p1`,
        name: contact,
        title: '采购经理',
        mobile: '13900001111',
        isPrimary: true,
        isEmergency: false,
      },
    ],
    addresses: [
      {
        id: `${id}-a1`,
        kind: 'office',
        province: '浙江省',
        city: '杭州市',
        district: '西湖区',
        detail: '文三路478号',
      },
    ],
    lifecycle: 'active',
    activityLevel: 'high',
    industry: '家居',
    region: '华东',
    tags: [],
    ownerId: LOCAL_PROFILE.id,
    teamId: LOCAL_PROFILE.teamId,
    membershipTier: 'gold',
    points: 0,
    archiveStatus: 'active',
    statusHistory: [],
    location: { cabinet: 'A', shelf: '1', box: '1' },
    lastVisitAt: 0,
    nextTaskAt: 0,
    createdAt: now,
    createdBy: LOCAL_PROFILE.id,
    updatedAt: now,
    updatedBy: LOCAL_PROFILE.id,
  };
}

Object.assign(globalThis, {
  __visitsSeed: {
    async customers(): Promise<number> {
      const key = await invoke('secure:databaseKey', { userId: LOCAL_PROFILE.id });
      if (!key.ok) throw new Error(key.error.message);
      const db = await openAppDatabase(LOCAL_PROFILE, key.value.key);
      await db.collections.customers.bulkUpsert([
        customer(
          'e2e-c1',
          'KH-E2E-0001',
          '杭州青禾家居有限公司',
          'hangzhouqinghejiajuyouxiangongsi',
          '李采购',
        ),
        customer(
          'e2e-c2',
          'KH-E2E-0002',
          '宁波海岳五金商行',
          'ningbohaiyuewujinshanghang',
          '陈老板',
        ),
      ]);
      const count = await db.collections.customers.count().exec();
      await db.close();
      return count;
    },
    /**
     * Saves a draft's outcomes the way the report page does on every change, into the draft
     * copy only (no journal, no checkpoint): what a reopen finds there came from that store.
     */
    async copyDraft(visitId: string, outcomes: string): Promise<void> {
      const key = await invoke('secure:databaseKey', { userId: LOCAL_PROFILE.id });
      if (!key.ok) throw new Error(key.error.message);
      const db = await openAppDatabase(LOCAL_PROFILE, key.value.key);
      const visit = await db.collections.visits.findOne(visitId).exec();
      if (!visit) throw new Error(`no visit ${visitId}`);
      await writeDraftCopy(db.name, visitId, { ...reportFieldsOf(visit.toMutableJSON()), outcomes });
      await db.close();
    },
  },
});
