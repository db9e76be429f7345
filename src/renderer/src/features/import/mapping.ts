/** The fields an import can fill, and the column headers people use for them. */
export const IMPORT_FIELDS = [
  'type',
  'name',
  'creditCode',
  'idNumber',
  'birthday',
  'companyName',
  'contactName',
  'contactTitle',
  'mobile',
  'phone',
  'email',
  'emergencyName',
  'emergencyMobile',
  'province',
  'city',
  'district',
  'address',
  'postalCode',
  'lifecycle',
  'activityLevel',
  'industry',
  'region',
  'sourceChannel',
  'tags',
  'owner',
  'membershipTier',
  'points',
  'cabinet',
  'shelf',
  'box',
  'note',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Field → source column index (absent: not imported). */
export type ColumnMapping = Partial<Record<ImportField, number>>;

const SYNONYMS: Record<ImportField, string[]> = {
  type: ['客户类型', '类型', '类别', 'type', 'customer type'],
  name: ['客户名称', '名称', '客户', '企业名称', '公司名称', '单位名称', '姓名', 'name', 'customer', 'company'],
  creditCode: ['统一社会信用代码', '信用代码', '社会信用代码', '税号', 'credit code', 'uscc'],
  idNumber: ['身份证号', '身份证', '身份证号码', 'id number', 'id'],
  birthday: ['出生日期', '生日', 'birthday', 'date of birth'],
  companyName: ['工作单位', '所在单位', 'employer'],
  contactName: ['联系人', '联系人姓名', '主联系人', 'contact', 'contact name'],
  contactTitle: ['职务', '联系人职务', 'title', 'position'],
  mobile: ['手机', '手机号', '手机号码', '移动电话', 'mobile', 'cell'],
  phone: ['电话', '座机', '固定电话', '办公电话', 'phone', 'landline', 'tel'],
  email: ['邮箱', '电子邮箱', 'email', 'e-mail'],
  emergencyName: ['紧急联系人', 'emergency contact'],
  emergencyMobile: ['紧急联系人电话', '紧急联系电话', 'emergency phone'],
  province: ['省', '省份', 'province'],
  city: ['市', '城市', 'city'],
  district: ['区', '区县', '县区', 'district'],
  address: ['地址', '详细地址', '通讯地址', '联系地址', 'address'],
  postalCode: ['邮编', '邮政编码', 'postal code', 'zip'],
  lifecycle: ['生命周期', '客户阶段', '状态', 'lifecycle', 'stage'],
  activityLevel: ['活跃度', 'activity'],
  industry: ['行业', '所属行业', 'industry'],
  region: ['区域', '地区', '片区', 'region'],
  sourceChannel: ['来源', '来源渠道', '客户来源', 'source'],
  tags: ['标签', 'tags'],
  owner: ['负责人', '业务员', '客户经理', 'owner', 'sales rep'],
  membershipTier: ['会员等级', '会员', 'membership', 'tier'],
  points: ['积分', 'points'],
  cabinet: ['柜', '档案柜', 'cabinet'],
  shelf: ['架', '档案架', 'shelf'],
  box: ['盒', '档案盒', 'box'],
  note: ['备注', '说明', 'note', 'remarks'],
};

function normalizeHeader(header: string): string {
  return header.trim().toLowerCase().replace(/[\s:：*（）()]/g, '');
}

/** A mapping guessed from the header row; each column is used at most once. */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  const normalized = headers.map(normalizeHeader);
  // Exact matches first, so "紧急联系人电话" is not taken by "电话".
  for (const exact of [true, false]) {
    for (const field of IMPORT_FIELDS) {
      if (mapping[field] !== undefined) continue;
      const names = SYNONYMS[field].map(normalizeHeader);
      const index = normalized.findIndex((h, i) => !used.has(i) && h !== '' && (exact ? names.includes(h) : names.some((n) => n.length > 1 && h.includes(n))));
      if (index >= 0) {
        mapping[field] = index;
        used.add(index);
      }
    }
  }
  return mapping;
}
