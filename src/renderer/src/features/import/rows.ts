import { customerFormSchema, emptyContact, type CustomerFormValues } from '../../../../shared/customers';
import type { ActivityLevel, CustomerType, Lifecycle, MembershipTier } from '../../../../shared/schema';
import type { ColumnMapping, ImportField } from './mapping';

export interface RowError {
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: number;
  /** The source column's header, or '' when that field has no column. */
  column: string;
  /** The field the problem is about, when known. */
  field?: ImportField;
  /** An i18n key (namespaces `customers` or `import`). */
  message: string;
  value: string;
}

export interface ImportContext {
  headers: readonly string[];
  /** Owner display name or id → owner id. */
  owners: ReadonlyMap<string, string>;
  defaultOwnerId: string;
  newId(): string;
}

const TYPES: Record<string, CustomerType> = { 个人: 'individual', 自然人: 'individual', individual: 'individual', 企业: 'enterprise', 公司: 'enterprise', 单位: 'enterprise', enterprise: 'enterprise', company: 'enterprise' };
const LIFECYCLES: Record<string, Lifecycle> = { 潜在: 'prospect', 潜在客户: 'prospect', prospect: 'prospect', 新: 'new', 新客户: 'new', new: 'new', 活跃: 'active', 活跃客户: 'active', active: 'active', 休眠: 'dormant', 休眠客户: 'dormant', dormant: 'dormant' };
const ACTIVITY: Record<string, ActivityLevel> = { 高: 'high', high: 'high', 中: 'medium', medium: 'medium', 低: 'low', low: 'low' };
const TIERS: Record<string, MembershipTier> = { 无: 'none', none: 'none', 银卡: 'silver', 银: 'silver', silver: 'silver', 金卡: 'gold', 金: 'gold', gold: 'gold', 白金卡: 'platinum', 白金: 'platinum', platinum: 'platinum' };

/** Which source field a form path came from, to report the error at the user's column. */
const PATH_FIELD: [RegExp, ImportField][] = [
  [/^name$/, 'name'],
  [/^creditCode$/, 'creditCode'],
  [/^idNumber$/, 'idNumber'],
  [/^birthday$/, 'birthday'],
  [/^companyName$/, 'companyName'],
  [/^contacts\.0\.name$/, 'contactName'],
  [/^contacts\.0\.title$/, 'contactTitle'],
  [/^contacts\.0\.mobile$/, 'mobile'],
  [/^contacts\.0\.phone$/, 'phone'],
  [/^contacts\.0\.email$/, 'email'],
  [/^contacts\.1\.name$/, 'emergencyName'],
  [/^contacts\.1\.mobile$/, 'emergencyMobile'],
  [/^addresses\.0\.detail$/, 'address'],
  [/^addresses\.0\.postalCode$/, 'postalCode'],
  [/^industry$/, 'industry'],
  [/^region$/, 'region'],
  [/^tags/, 'tags'],
  [/^points$/, 'points'],
  [/^note$/, 'note'],
];

/**
 * One spreadsheet row → validated form values, or the reasons it cannot be imported, each
 * pinned to the row and column the user sees.
 */
export function rowToCustomer(cells: readonly string[], rowNumber: number, mapping: ColumnMapping, ctx: ImportContext): { values?: CustomerFormValues; errors: RowError[] } {
  const errors: RowError[] = [];
  const get = (field: ImportField) => {
    const index = mapping[field];
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const header = (field: ImportField) => {
    const index = mapping[field];
    return index === undefined ? '' : (ctx.headers[index] ?? `#${index + 1}`);
  };
  const pick = <T extends string>(field: ImportField, table: Record<string, T>, fallback: T): T => {
    const raw = get(field);
    if (raw === '') return fallback;
    const value = table[raw.toLowerCase()] ?? table[raw];
    if (!value) errors.push({ row: rowNumber, column: header(field), field, message: 'import:errors.unknownValue', value: raw });
    return value ?? fallback;
  };
  const creditCode = get('creditCode');
  const name = get('name');
  const inferred: CustomerType = creditCode !== '' || /公司|集团|厂|店|中心|研究所|事务所/.test(name) ? 'enterprise' : 'individual';
  const type = pick('type', TYPES, inferred);
  const ownerRaw = get('owner');
  const ownerId = ownerRaw === '' ? ctx.defaultOwnerId : ctx.owners.get(ownerRaw);
  if (ownerId === undefined) errors.push({ row: rowNumber, column: header('owner'), field: 'owner', message: 'import:errors.unknownOwner', value: ownerRaw });
  const contact = emptyContact(ctx.newId(), true);
  contact.name = get('contactName') || (type === 'individual' ? name : '');
  contact.title = get('contactTitle');
  contact.mobile = get('mobile');
  contact.phone = get('phone');
  contact.email = get('email');
  if (type === 'individual' && contact.name === name) contact.relation = '本人';
  const contacts = [contact];
  if (get('emergencyName') !== '' || get('emergencyMobile') !== '') {
    const emergency = emptyContact(ctx.newId(), false);
    emergency.name = get('emergencyName');
    emergency.mobile = get('emergencyMobile');
    emergency.isEmergency = true;
    contacts.push(emergency);
  }
  const detail = get('address');
  const points = get('points');
  const values: CustomerFormValues = {
    type,
    name,
    companyName: type === 'individual' ? get('companyName') : '',
    creditCode: type === 'enterprise' ? creditCode : '',
    idNumber: type === 'individual' ? get('idNumber') : '',
    birthday: type === 'individual' ? get('birthday') : '',
    contacts,
    addresses:
      detail === '' ? [] : [{ id: ctx.newId(), kind: type === 'enterprise' ? 'office' : 'home', province: get('province'), city: get('city'), district: get('district'), detail, postalCode: get('postalCode') }],
    lifecycle: pick('lifecycle', LIFECYCLES, 'prospect'),
    activityLevel: pick('activityLevel', ACTIVITY, 'medium'),
    industry: get('industry'),
    region: get('region'),
    sourceChannel: get('sourceChannel'),
    tags: get('tags').split(/[,，;；、\s]+/).filter((tag) => tag !== ''),
    ownerId: ownerId ?? ctx.defaultOwnerId,
    membershipTier: pick('membershipTier', TIERS, 'none'),
    points: points === '' ? 0 : Number(points),
    location: { cabinet: get('cabinet'), shelf: get('shelf'), box: get('box') },
    note: get('note'),
  };
  const parsed = customerFormSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      const field = PATH_FIELD.find(([pattern]) => pattern.test(path))?.[1];
      errors.push({ row: rowNumber, column: field ? header(field) : '', ...(field ? { field } : {}), message: issue.message, value: field ? get(field) : '' });
    }
  }
  return errors.length > 0 ? { errors } : { values, errors };
}
