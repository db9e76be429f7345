/**
 * "Very similar name" for the duplicate check. Company names differ in ways that do not make
 * them different companies: legal-form suffixes (有限公司, 股份有限公司…), a bracketed
 * branch or city, spacing, full-width letters. Those are removed before comparing.
 */

const LEGAL_SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '有限公司',
  '分公司',
  '总公司',
  '公司',
  '集团',
  '工作室',
  '经营部',
  '商行',
  '门市部',
] as const;

/** Full-width ASCII (ＡＢＣ１２３) to half-width. */
function toHalfWidth(value: string): string {
  return value.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

export function normalizeNameForCompare(name: string): string {
  let value = toHalfWidth(name).toLowerCase();
  value = value.replace(/\([^)]*\)|（[^）]*）|【[^】]*】|\[[^\]]*\]/g, '');
  value = value.replace(/[\s\p{P}\p{S}]/gu, '');
  let stripped = true;
  while (stripped) {
    stripped = false;
    for (const suffix of LEGAL_SUFFIXES) {
      if (value.length > suffix.length + 1 && value.endsWith(suffix)) {
        value = value.slice(0, -suffix.length);
        stripped = true;
      }
    }
  }
  return value;
}

export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[y.length]!;
}

/** 1 for the same name, 0.9 when one contains the other (4+ characters), else edit ratio. */
export function nameSimilarity(a: string, b: string): number {
  const x = normalizeNameForCompare(a);
  const y = normalizeNameForCompare(b);
  if (x === '' || y === '') return 0;
  if (x === y) return 1;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  if ([...short].length >= 4 && long.includes(short)) return 0.9;
  const length = Math.max([...x].length, [...y].length);
  return 1 - editDistance(x, y) / length;
}

/** Short names (people) must match exactly; longer ones may differ by about one in five. */
export const SIMILAR_NAME_THRESHOLD = 0.8;

export function isSimilarName(a: string, b: string): boolean {
  const x = normalizeNameForCompare(a);
  if ([...x].length < 4) return x !== '' && x === normalizeNameForCompare(b);
  return nameSimilarity(a, b) >= SIMILAR_NAME_THRESHOLD;
}
