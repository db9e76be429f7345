import { describe, expect, it } from 'vitest';
import {
  ACCESS_POLICY,
  fieldRuleProblem,
  inScope,
  jsonEqual,
  mayChangeField,
  readableCollections,
  VISIBILITY_SOURCE,
  writableCollections,
} from '../../../src/shared/access';
import { REPLICATED_COLLECTIONS, schemas } from '../../../src/shared/schema';
import { ROLES } from '../../../src/shared/users';

describe('the access policy table', () => {
  it('has a rule for every role and every replicated collection, and none for local', () => {
    for (const role of ROLES) {
      expect(Object.keys(ACCESS_POLICY[role]).sort()).toEqual([...REPLICATED_COLLECTIONS].sort());
    }
    expect(Object.keys(VISIBILITY_SOURCE).sort()).toEqual([...REPLICATED_COLLECTIONS].sort());
  });

  it('gives credit to managers and clerks only', () => {
    const readers = ROLES.filter((role) => ACCESS_POLICY[role].credit.read !== 'none');
    expect(readers.sort()).toEqual(['clerk', 'manager']);
    expect(readableCollections('rep')).not.toContain('credit');
  });

  it('lets everyone read reference data and only admins write it', () => {
    for (const role of ROLES) expect(ACCESS_POLICY[role].reference.read).toBe('all');
    expect(ROLES.filter((role) => writableCollections(role).includes('reference'))).toEqual([
      'admin',
    ]);
  });

  it("limits reps to their own and their team's documents", () => {
    for (const collection of REPLICATED_COLLECTIONS) {
      const rule = ACCESS_POLICY.rep[collection];
      if (collection === 'reference') continue;
      expect(['own', 'none']).toContain(rule.read);
      expect(['own', 'none']).toContain(rule.write);
    }
  });

  it('names only fields the schemas have, and reserved values the schemas allow', () => {
    for (const role of ROLES) {
      for (const collection of REPLICATED_COLLECTIONS) {
        const { controlled, reserved } = ACCESS_POLICY[role][collection];
        const properties = schemas[collection].properties as Record<string, { enum?: unknown[] }>;
        for (const field of controlled)
          expect(properties, `${role} ${collection}.${field}`).toHaveProperty(field);
        for (const [field, values] of Object.entries(reserved)) {
          expect(properties[field]?.enum, `${role} ${collection}.${field}`).toEqual(
            expect.arrayContaining([...values]),
          );
        }
      }
    }
  });

  it('lets the UI know which fields a role may edit', () => {
    expect(mayChangeField('rep', 'customers', 'name')).toBe(true);
    expect(mayChangeField('rep', 'customers', 'ownerId')).toBe(false);
    expect(mayChangeField('clerk', 'customers', 'ownerId')).toBe(true);
    expect(mayChangeField('service', 'customers', 'name')).toBe(false);
  });
});

describe('scopes and field rules', () => {
  const rep = { userId: 'u1', role: 'rep' as const, teamId: 'north' };
  const loner = { userId: 'u2', role: 'rep' as const, teamId: '' };

  it('matches owner or team, and an empty team matches nothing', () => {
    expect(inScope('own', rep, { ownerId: 'u1', teamId: 'south' })).toBe(true);
    expect(inScope('own', rep, { ownerId: 'x', teamId: 'north' })).toBe(true);
    expect(inScope('own', rep, { ownerId: 'x', teamId: 'south' })).toBe(false);
    expect(inScope('own', loner, { ownerId: 'x', teamId: '' })).toBe(false);
    expect(inScope('own', rep, { ownerId: null, teamId: null })).toBe(false);
    expect(inScope('all', rep, { ownerId: null, teamId: null })).toBe(true);
    expect(inScope('none', rep, { ownerId: 'u1', teamId: 'north' })).toBe(false);
  });

  it('refuses deletes, controlled changes and reserved values, naming the field', () => {
    const master = {
      doc: { id: 'c', ownerId: 'u1', archiveStatus: 'active', name: 'a' },
      deleted: false,
    };
    expect(
      fieldRuleProblem('rep', 'customers', {
        master,
        next: { ...master.doc, name: 'b' },
        deleted: false,
      }),
    ).toBeNull();
    expect(
      fieldRuleProblem('rep', 'customers', { master, next: master.doc, deleted: true }),
    ).toMatchObject({ kind: 'delete' });
    expect(
      fieldRuleProblem('rep', 'customers', {
        master,
        next: { ...master.doc, ownerId: 'u9' },
        deleted: false,
      }),
    ).toMatchObject({
      kind: 'controlled',
      field: 'ownerId',
    });
    expect(
      fieldRuleProblem('rep', 'customers', {
        master,
        next: { ...master.doc, archiveStatus: 'retired' },
        deleted: false,
      }),
    ).toMatchObject({ kind: 'reserved', field: 'archiveStatus' });
    // A value already stored is not newly set: a rep may still edit a retired customer's name.
    const retired = { doc: { ...master.doc, archiveStatus: 'retired' }, deleted: false };
    expect(
      fieldRuleProblem('rep', 'customers', {
        master: retired,
        next: { ...retired.doc, name: 'c' },
        deleted: false,
      }),
    ).toBeNull();
    expect(
      fieldRuleProblem('rep', 'requests', { next: { status: 'approved' }, deleted: false }),
    ).toMatchObject({ field: 'status' });
    expect(
      fieldRuleProblem('manager', 'requests', { next: { status: 'approved' }, deleted: false }),
    ).toBeNull();
  });
});

describe('JSON equality', () => {
  it('ignores key order and absent keys, not values or array order', () => {
    expect(jsonEqual({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(jsonEqual({ a: null }, { a: undefined })).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual('1', 1)).toBe(false);
  });
});
