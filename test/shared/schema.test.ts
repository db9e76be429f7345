import { describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, ORDERED_COLLECTIONS, schemas } from '../../src/shared/schema';

type Prop = { type?: string; maxLength?: number; minimum?: number; maximum?: number; multipleOf?: number; enum?: unknown[] };

describe('the collection schemas', () => {
  it('stay within twelve collections (RxDB open core: 13 per JS context)', () => {
    expect(COLLECTION_NAMES.length).toBeLessThanOrEqual(12);
  });

  it('follow the Dexie rules for every indexed field', () => {
    for (const name of COLLECTION_NAMES) {
      const schema = schemas[name];
      const required = new Set<string>(schema.required as string[]);
      for (const index of schema.indexes ?? []) {
        for (const field of Array.isArray(index) ? index : [index]) {
          const prop = (schema.properties as Record<string, Prop>)[field];
          expect(prop, `${name}.${field}`).toBeDefined();
          expect(required.has(field), `${name}.${field} must be required`).toBe(true);
          if (prop!.type === 'string') expect(prop!.maxLength, `${name}.${field} maxLength`).toBeGreaterThan(0);
          if (prop!.type === 'number' || prop!.type === 'integer') {
            expect(prop!.minimum, `${name}.${field} minimum`).toBeTypeOf('number');
            expect(prop!.maximum, `${name}.${field} maximum`).toBeTypeOf('number');
            expect(prop!.multipleOf, `${name}.${field} multipleOf`).toBeTypeOf('number');
          }
        }
      }
    }
  });

  it('give every document its audit stamps and a primary key of bounded length', () => {
    for (const name of COLLECTION_NAMES) {
      const schema = schemas[name];
      expect(schema.primaryKey).toBe('id');
      for (const field of ['id', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy']) {
        expect(schema.required, `${name}.${field}`).toContain(field);
      }
      expect((schema.properties as Record<string, Prop>)['id']!.maxLength).toBeLessThanOrEqual(40);
    }
  });

  it('give newest-first lists an ascending key: every ordered collection indexes atDesc or at', () => {
    expect(ORDERED_COLLECTIONS.length).toBeGreaterThan(5);
    // Plans are listed by period (year, month), not by time.
    for (const name of ORDERED_COLLECTIONS.filter((n) => n !== 'plans')) {
      const fields = (schemas[name].indexes ?? []).flat();
      expect(fields.includes('atDesc') || fields.includes('at'), name).toBe(true);
      expect(schemas[name].required).toEqual(expect.arrayContaining(['at', 'atDesc']));
    }
  });
});
