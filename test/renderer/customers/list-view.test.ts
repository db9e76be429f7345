import { describe, expect, it } from 'vitest';
import { applyView, DEFAULT_VIEW, indexedFirstPage, parseView, type ListView } from '../../../src/renderer/src/features/customers/list/view';
import type { CustomerRow } from '../../../src/renderer/src/features/customers/row';

function row(code: string, overrides: Partial<CustomerRow> = {}): CustomerRow {
  return {
    id: code,
    code,
    type: 'enterprise',
    name: code,
    namePinyin: code.toLowerCase(),
    ownerId: 'u1',
    teamId: 't1',
    lifecycle: 'active',
    activityLevel: 'medium',
    industry: '制造业',
    region: '华东',
    tags: [],
    archiveStatus: 'active',
    membershipTier: 'none',
    lastVisitAt: 0,
    nextTaskAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}

const rows = [
  row('K3', { namePinyin: 'an', ownerId: 'u2', lifecycle: 'dormant', tags: ['VIP'], lastVisitAt: 30, industry: '信息技术' }),
  row('K1', { namePinyin: 'zhang', archiveStatus: 'retired', lastVisitAt: 10 }),
  row('K2', { namePinyin: 'bai', region: '华南', activityLevel: 'high', lastVisitAt: 20, tags: ['重点客户', 'VIP'] }),
  row('K4', { namePinyin: 'bai', ownerId: 'u2', industry: '信息技术' }),
];
const names: Record<string, string> = { u1: '王强', u2: '李娜' };
const view = (patch: Partial<ListView['filters']>, sort: ListView['sort'] = { key: 'code', dir: 'asc' }): ListView => ({
  filters: { ...DEFAULT_VIEW.filters, ...patch },
  sort,
});
const codes = (v: ListView) => applyView(rows, v, (id) => names[id] ?? id).map((r) => r.code);

describe('the status list view', () => {
  it('shows active archives by default, retired ones on request', () => {
    expect(codes(view({}))).toEqual(['K2', 'K3', 'K4']);
    expect(codes(view({ archiveStatus: 'retired' }))).toEqual(['K1']);
    expect(codes(view({ archiveStatus: 'all' }))).toEqual(['K1', 'K2', 'K3', 'K4']);
  });

  it('combines filters on owner, lifecycle, activity, industry, region and tags', () => {
    expect(codes(view({ ownerIds: ['u2'] }))).toEqual(['K3', 'K4']);
    expect(codes(view({ ownerIds: ['u2'], lifecycles: ['dormant'] }))).toEqual(['K3']);
    expect(codes(view({ activityLevels: ['high'] }))).toEqual(['K2']);
    expect(codes(view({ industries: ['信息技术'], regions: ['华东'] }))).toEqual(['K3', 'K4']);
    expect(codes(view({ tags: ['VIP'] }))).toEqual(['K2', 'K3']);
  });

  it('sorts on any column both ways, ties broken by code', () => {
    expect(codes(view({}, { key: 'name', dir: 'asc' }))).toEqual(['K3', 'K2', 'K4']);
    expect(codes(view({}, { key: 'lastVisitAt', dir: 'desc' }))).toEqual(['K3', 'K2', 'K4']);
    expect(codes(view({}, { key: 'owner', dir: 'asc' }))).toEqual(['K3', 'K4', 'K2']);
    expect(codes(view({}, { key: 'code', dir: 'desc' }))).toEqual(['K4', 'K3', 'K2']);
    expect(codes(view({}, { key: 'lifecycle', dir: 'asc' }))).toEqual(['K2', 'K4', 'K3']);
  });

  it('uses an index for the first page only when an index can answer the view', () => {
    expect(indexedFirstPage(view({}), 50)).toEqual({ archiveStatus: 'active', sort: 'code', limit: 50 });
    expect(indexedFirstPage(view({ ownerIds: ['u1'] }), 50)).toEqual({ archiveStatus: 'active', sort: 'code', ownerId: 'u1', limit: 50 });
    expect(indexedFirstPage(view({}, { key: 'name', dir: 'asc' }), 50)).toMatchObject({ sort: 'namePinyin' });
    expect(indexedFirstPage(view({}, { key: 'name', dir: 'desc' }), 50)).toBeNull();
    expect(indexedFirstPage(view({ tags: ['VIP'] }), 50)).toBeNull();
    expect(indexedFirstPage(view({ ownerIds: ['u1', 'u2'] }), 50)).toBeNull();
  });

  it('reads back a stored preference, falling back to defaults for anything unreadable', () => {
    const stored = view({ ownerIds: ['u2'] }, { key: 'region', dir: 'desc' });
    expect(parseView(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
    expect(parseView({ filters: { archiveStatus: 'gone' }, sort: {} })).toEqual(DEFAULT_VIEW);
    expect(parseView(null)).toEqual(DEFAULT_VIEW);
  });
});
