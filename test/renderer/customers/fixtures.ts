import { newId } from '../../../src/shared/ids';
import type { CustomerDoc } from '../../../src/shared/schema';

let sequence = 0;

/** A valid customer document; `overrides` replace any field. */
export function sampleCustomer(overrides: Partial<CustomerDoc>): CustomerDoc {
  sequence += 1;
  const seq = String(sequence).padStart(5, '0');
  return {
    id: newId(),
    code: `KH240612-7QX3M-${seq}`,
    type: 'enterprise',
    name: '北京华通科技有限公司',
    namePinyin: 'beijinghuatongkejiyouxiangongsi',
    nameInitials: 'bjhtkjyxgs',
    creditCode: '91350100M000100Y43',
    contacts: [
      { id: newId(), name: '张三', mobile: '13800138000', phone: '010-62345678', isPrimary: true, isEmergency: false },
      { id: newId(), name: '李四', mobile: '13912345678', isPrimary: false, isEmergency: true, relation: '配偶' },
    ],
    addresses: [{ id: newId(), kind: 'office', province: '北京市', city: '北京市', district: '朝阳区', detail: '建国路88号' }],
    lifecycle: 'active',
    activityLevel: 'medium',
    industry: '信息技术',
    region: '华北',
    tags: ['重点客户'],
    ownerId: 'u1',
    teamId: 't1',
    membershipTier: 'gold',
    points: 100,
    archiveStatus: 'active',
    statusHistory: [],
    location: { cabinet: 'A1', shelf: '2', box: '003' },
    lastVisitAt: 0,
    nextTaskAt: 0,
    createdAt: 1_700_000_000_000,
    createdBy: 'u1',
    updatedAt: 1_700_000_000_000,
    updatedBy: 'u1',
    ...overrides,
  };
}
