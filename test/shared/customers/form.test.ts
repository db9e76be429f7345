import { describe, expect, it } from 'vitest';
import {
  customerFieldsFromForm,
  customerFormSchema,
  emptyCustomerForm,
  formFromCustomer,
  newCustomerDoc,
  VALIDATION,
  type CustomerFormValues,
} from '../../../src/shared/customers';

function enterprise(overrides: Partial<CustomerFormValues> = {}): CustomerFormValues {
  const form = emptyCustomerForm('u1', 'c1');
  return {
    ...form,
    name: '北京华通科技有限公司',
    creditCode: '91350100M000100Y43',
    contacts: [{ ...form.contacts[0]!, name: '张三', mobile: '138 1234 5678' }],
    ...overrides,
  };
}

function issues(values: CustomerFormValues) {
  const result = customerFormSchema.safeParse(values);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('the customer form schema', () => {
  it('accepts a complete enterprise and an individual without an ID number', () => {
    expect(issues(enterprise())).toEqual([]);
    expect(issues(enterprise({ type: 'individual', name: '张三', creditCode: '' }))).toEqual([]);
  });

  it('puts each problem on its field with an i18n key', () => {
    const form = enterprise({
      creditCode: '91350100M000100Y44',
      contacts: [{ ...enterprise().contacts[0]!, mobile: '12812345678', phone: '62345678', email: 'not-an-email' }],
    });
    expect(issues(form)).toEqual(
      expect.arrayContaining([
        { path: 'creditCode', message: VALIDATION.creditCode },
        { path: 'contacts.0.mobile', message: VALIDATION.mobile },
        { path: 'contacts.0.phone', message: VALIDATION.landline },
        { path: 'contacts.0.email', message: VALIDATION.email },
      ]),
    );
  });

  it('requires a credit code for enterprises, a reachable contact, and exactly one primary', () => {
    expect(issues(enterprise({ creditCode: '' }))).toContainEqual({ path: 'creditCode', message: VALIDATION.creditCodeRequired });
    const contact = enterprise().contacts[0]!;
    expect(issues(enterprise({ contacts: [{ ...contact, mobile: '' }] }))).toContainEqual({ path: 'contacts.0.mobile', message: VALIDATION.contactReachable });
    expect(issues(enterprise({ contacts: [{ ...contact, isPrimary: false }] }))).toContainEqual({ path: 'contacts', message: VALIDATION.onePrimary });
    expect(issues(enterprise({ contacts: [contact, { ...contact, id: 'c2' }] }))).toContainEqual({ path: 'contacts', message: VALIDATION.onePrimary });
  });

  it('checks an individual ID number and its agreement with the birthday', () => {
    const person = enterprise({ type: 'individual', name: '张三', creditCode: '' });
    expect(issues({ ...person, idNumber: '110105194912310021' })).toContainEqual({ path: 'idNumber', message: VALIDATION.idNumber });
    expect(issues({ ...person, idNumber: '11010519491231002X', birthday: '1950-01-01' })).toContainEqual({ path: 'birthday', message: VALIDATION.birthdayMismatch });
    expect(issues({ ...person, idNumber: '11010519491231002X', birthday: '1949-12-31' })).toEqual([]);
  });
});

describe('form values and documents', () => {
  it('stores canonical phones and codes, pinyin keys, and no empty optional fields', () => {
    const fields = customerFieldsFromForm(
      enterprise({ creditCode: '91350100m000100y43', contacts: [{ ...enterprise().contacts[0]!, phone: '(010)62345678' }] }),
    );
    expect(fields.creditCode).toBe('91350100M000100Y43');
    expect(fields.contacts[0]).toMatchObject({ mobile: '13812345678', phone: '010-62345678' });
    expect(fields.namePinyin).toBe('beijinghuatongkejiyouxiangongsi');
    expect(fields.nameInitials).toBe('bjhtkjyxgs');
    expect('companyName' in fields || 'note' in fields || 'idNumber' in fields).toBe(false);
    expect('email' in fields.contacts[0]!).toBe(false);
  });

  it('round-trips a document through the form', () => {
    const doc = newCustomerDoc(customerFieldsFromForm(enterprise()), { id: 'x', code: 'KH240612-AB12C-00001', teamId: 't', userId: 'u1' });
    expect(customerFieldsFromForm(formFromCustomer(doc))).toEqual(customerFieldsFromForm(enterprise()));
  });
});
