import type { CustomerDoc } from '../../../src/shared/schema';
import type { SessionUser } from '../../../src/shared/users';

export const rep: SessionUser = {
  id: 'rep-1',
  username: 'zhangwei',
  displayName: '张伟',
  role: 'rep',
  teamId: 'team-a',
};
export const manager: SessionUser = {
  id: 'mgr-1',
  username: 'wangli',
  displayName: '王丽',
  role: 'manager',
  teamId: 'team-a',
};

export function customer(over: Partial<CustomerDoc> = {}): CustomerDoc {
  const now = Date.UTC(2026, 0, 5);
  return {
    id: 'c-1',
    code: 'KH-2026-0001',
    type: 'enterprise',
    name: '杭州青禾家居有限公司',
    namePinyin: 'hangzhouqinghejiajuyouxiangongsi',
    nameInitials: 'hzqhjjyxgs',
    contacts: [
      {
        id: 'p1',
        name: '李采购',
        title: '采购经理',
        mobile: '13900001111',
        isPrimary: true,
        isEmergency: false,
      },
      { id: 'p2', name: '赵会计', isPrimary: false, isEmergency: false },
    ],
    addresses: [
      {
        id: 'a1',
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
    ownerId: rep.id,
    teamId: rep.teamId,
    membershipTier: 'gold',
    points: 0,
    archiveStatus: 'active',
    statusHistory: [],
    location: { cabinet: 'A', shelf: '1', box: '1' },
    lastVisitAt: 0,
    nextTaskAt: 0,
    createdAt: now,
    createdBy: 'clerk',
    updatedAt: now,
    updatedBy: 'clerk',
    ...over,
  };
}
