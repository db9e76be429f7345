import { atDescOf } from '../../../src/shared/schema';
import { newId } from '../../../src/shared/ids';
import type { Doc } from './harness';

const NOW = Date.UTC(2026, 10, 1, 9, 0, 0);

function audit(by: string, at = NOW) {
  return { createdAt: at, createdBy: by, updatedAt: at, updatedBy: by };
}

let counter = 0;

/** A customer valid under the shared schema. */
export function customerDoc(ownerId: string, teamId: string, overrides: Partial<Doc> = {}): Doc {
  counter += 1;
  return {
    id: newId(),
    code: `C${String(counter).padStart(6, '0')}`,
    type: 'individual',
    name: `客户${counter}`,
    namePinyin: `kehu${counter}`,
    nameInitials: 'kh',
    contacts: [
      { id: newId(), name: '张三', mobile: '13800000000', isPrimary: true, isEmergency: false },
    ],
    addresses: [{ id: newId(), kind: 'home', city: '杭州', detail: '西湖区 1 号' }],
    lifecycle: 'active',
    activityLevel: 'medium',
    industry: 'retail',
    region: 'east',
    tags: [],
    ownerId,
    teamId,
    membershipTier: 'none',
    points: 0,
    archiveStatus: 'active',
    statusHistory: [],
    location: { cabinet: 'A', shelf: '1', box: '01' },
    lastVisitAt: 0,
    nextTaskAt: 0,
    ...audit(ownerId),
    ...overrides,
  };
}

export function visitDoc(
  customerId: string,
  ownerId: string,
  teamId: string,
  overrides: Partial<Doc> = {},
): Doc {
  return {
    id: newId(),
    customerId,
    ownerId,
    teamId,
    status: 'draft',
    visitors: [],
    purposes: ['relationship'],
    nextSteps: [],
    attachmentIds: [],
    amendments: [],
    at: NOW,
    atDesc: atDescOf(NOW),
    ...audit(ownerId),
    ...overrides,
  };
}

export function transactionDoc(customerId: string, by: string, overrides: Partial<Doc> = {}): Doc {
  return {
    id: newId(),
    customerId,
    kind: 'purchase',
    amount: 1999,
    at: NOW,
    atDesc: atDescOf(NOW),
    ...audit(by),
    ...overrides,
  };
}

export function creditDoc(customerId: string, by: string, overrides: Partial<Doc> = {}): Doc {
  return {
    id: newId(),
    customerId,
    rating: 'A',
    limit: 50000,
    receivables: 0,
    overdue: 0,
    overdueNotes: [],
    ...audit(by),
    ...overrides,
  };
}

export function attachmentDoc(
  customerId: string,
  sha256: string,
  by: string,
  overrides: Partial<Doc> = {},
): Doc {
  return {
    id: newId(),
    sha256,
    name: 'photo.jpg',
    mime: 'image/jpeg',
    size: 3,
    kind: 'photo',
    customerId,
    recordCollection: 'customers',
    recordId: customerId,
    at: NOW,
    atDesc: atDescOf(NOW),
    ...audit(by),
    ...overrides,
  };
}

export function referenceDoc(by: string, overrides: Partial<Doc> = {}): Doc {
  return {
    id: newId(),
    kind: 'team',
    key: `t${++counter}`,
    label: 'Team',
    data: {},
    ...audit(by),
    ...overrides,
  };
}

export function requestDoc(
  customerId: string,
  requesterId: string,
  overrides: Partial<Doc> = {},
): Doc {
  return {
    id: newId(),
    kind: 'gift',
    status: 'pending',
    customerId,
    requesterId,
    reason: '节日礼品',
    at: NOW,
    atDesc: atDescOf(NOW),
    ...audit(requesterId),
    ...overrides,
  };
}
