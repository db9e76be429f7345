import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  birthDateOfIdNumber,
  CREDIT_CODE_ALPHABET,
  creditCodeCheckChar,
  idNumberCheckChar,
  isLandline,
  isMainlandMobile,
  isValidCreditCode,
  isValidIdNumber,
  normalizeLandline,
  normalizeMobile,
} from '../../../src/shared/customers';

describe('mainland mobile numbers', () => {
  it('accepts the forms people type and stores the 11 digits', () => {
    for (const typed of ['13812345678', '138 1234 5678', '138-1234-5678', '+86 138 1234 5678', '0086 13812345678', '8613812345678']) {
      expect(normalizeMobile(typed), typed).toBe('13812345678');
    }
  });

  it('refuses numbers that are not mainland mobiles', () => {
    for (const typed of ['12812345678', '1381234567', '138123456789', '010-62345678', 'abc13812345678', '']) {
      expect(isMainlandMobile(typed), typed).toBe(false);
    }
  });

  it('accepts every 1[3-9]xxxxxxxxx number and nothing of another length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/), (second, rest) => {
        expect(isMainlandMobile(`1${second}${rest}`)).toBe(true);
        expect(isMainlandMobile(`1${second}${rest}0`)).toBe(false);
      }),
    );
  });
});

describe('landlines with area codes', () => {
  const cases: [string, string][] = [
    ['010-62345678', '010-62345678'],
    ['(010)62345678', '010-62345678'],
    ['01062345678', '010-62345678'],
    ['0755 82345678', '0755-82345678'],
    ['075582345678', '0755-82345678'],
    ['0731-6089660', '0731-6089660'],
    ['021-6688 9900', '021-66889900'],
    ['010-62345678-123', '010-62345678-123'],
    ['010-62345678转123', '010-62345678-123'],
    ['+86 10 62345678', '010-62345678'],
    ['400-123-4567', '400-123-4567'],
  ];
  it.each(cases)('%s is stored as %s', (typed, stored) => {
    expect(normalizeLandline(typed)).toBe(stored);
  });

  it('refuses numbers without an area code, local numbers starting with 0 or 1, and mobiles', () => {
    for (const typed of ['62345678', '010-12345678', '0755-0234567', '010-623456', '13812345678', '010-6234567x']) {
      expect(isLandline(typed), typed).toBe(false);
    }
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts published codes and lower case or spaced input', () => {
    for (const code of ['91350100M000100Y43', '91110000710935732K', '91440300708461136T', '91350100m000100y43', ' 91350100M000100Y43 ']) {
      expect(isValidCreditCode(code), code).toBe(true);
    }
  });

  it('refuses wrong length, letters outside the alphabet, and a wrong check character', () => {
    for (const code of ['91350100M000100Y4', '91350100M000100Y44', '91350100M000100Y4O', '9135010OM000100Y43', '']) {
      expect(isValidCreditCode(code), code).toBe(false);
    }
  });

  it('detects any single changed character (the mod-31 weights are all non-zero)', () => {
    const alphabet = [...CREDIT_CODE_ALPHABET];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 17, maxLength: 17 }), fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 30 }), (chars, at, shift) => {
        const body = chars.join('');
        const code = body + creditCodeCheckChar(body)!;
        expect(isValidCreditCode(code)).toBe(true);
        const changed = [...code];
        changed[at] = alphabet[(alphabet.indexOf(changed[at]!) + shift) % 31]!;
        expect(isValidCreditCode(changed.join(''))).toBe(false);
      }),
    );
  });
});

describe('resident ID number (GB 11643)', () => {
  it('accepts the standard example and computes X as a check character', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(birthDateOfIdNumber('11010519491231002X')).toBe('1949-12-31');
  });

  it('refuses a wrong check digit, an impossible date, a future date and a wrong length', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    const feb30 = '11010519900230123';
    expect(isValidIdNumber(feb30 + idNumberCheckChar(feb30)!)).toBe(false);
    const future = '11010530000101123';
    expect(isValidIdNumber(future + idNumberCheckChar(future)!)).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
  });

  it('detects any single changed digit', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1930-01-01'), max: new Date('2005-12-31'), noInvalidDate: true }), fc.stringMatching(/^\d{3}$/), fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (born, seq, at, shift) => {
        const body = `110105${born.toISOString().slice(0, 10).replace(/-/g, '')}${seq}`;
        const id = body + idNumberCheckChar(body)!;
        expect(isValidIdNumber(id)).toBe(true);
        const changed = [...id];
        changed[at] = String((Number(changed[at]) + shift) % 10);
        const mutated = changed.join('');
        // A changed digit either breaks the check or (in the date part) the date itself.
        expect(idNumberCheckChar(mutated.slice(0, 17)) === mutated[17] && birthDateOfIdNumber(mutated) !== null && mutated[0] !== '0').toBe(false);
      }),
    );
  });
});
