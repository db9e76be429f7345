import type { VisitDoc } from '../../../src/shared/schema';
import type { Actor } from '../../../src/shared/visits';

export const rep: Actor = { id: 'rep-1', role: 'rep', teamId: 'team-a' };
export const otherRep: Actor = { id: 'rep-2', role: 'rep', teamId: 'team-a' };
export const manager: Actor = { id: 'mgr-1', role: 'manager', teamId: 'team-a' };
export const otherManager: Actor = { id: 'mgr-9', role: 'manager', teamId: 'team-z' };
/** The local profile before sign-in: owner and manager at once. */
export const local: Actor = { id: 'local', role: 'manager', teamId: 'local' };

export const at = (y: number, m: number, d: number, h = 9, min = 0) =>
  new Date(y, m - 1, d, h, min).getTime();

export function visit(overrides: Partial<VisitDoc> = {}): VisitDoc {
  const start = at(2026, 3, 10, 9, 30);
  return {
    id: 'v-1',
    customerId: 'c-1',
    ownerId: rep.id,
    teamId: rep.teamId,
    status: 'draft',
    visitors: ['张伟'],
    purposes: [],
    nextSteps: [],
    attachmentIds: [],
    amendments: [],
    at: start,
    atDesc: 0,
    createdAt: start,
    createdBy: rep.id,
    updatedAt: start,
    updatedBy: rep.id,
    ...overrides,
  };
}

/** A report with everything submission asks for. */
export function complete(overrides: Partial<VisitDoc> = {}): VisitDoc {
  return visit({
    contactName: '李经理',
    startAt: at(2026, 3, 10, 9, 30),
    endAt: at(2026, 3, 10, 11, 0),
    place: '杭州市西湖区文三路 90 号',
    purposes: ['demonstration', 'opinion'],
    outcomes: '客户同意试用新款空调两台',
    feedback: '对售后响应速度满意',
    suggestions: '希望增加夜间服务热线',
    ...overrides,
  });
}
