import type { Locale } from '../../shared/ipc/app';

type Table = Record<string, { 'zh-CN': string; en: string }>;

/** Printed names of the schema's enum values (the UI has its own i18n; paper needs these). */
export const ENUM_LABELS = {
  customerType: {
    individual: { 'zh-CN': '个人', en: 'Individual' },
    enterprise: { 'zh-CN': '企业', en: 'Enterprise' },
  },
  lifecycle: {
    prospect: { 'zh-CN': '潜在', en: 'Prospect' },
    new: { 'zh-CN': '新客户', en: 'New' },
    active: { 'zh-CN': '活跃', en: 'Active' },
    dormant: { 'zh-CN': '沉睡', en: 'Dormant' },
  },
  activityLevel: {
    high: { 'zh-CN': '高', en: 'High' },
    medium: { 'zh-CN': '中', en: 'Medium' },
    low: { 'zh-CN': '低', en: 'Low' },
  },
  membershipTier: {
    none: { 'zh-CN': '非会员', en: 'None' },
    silver: { 'zh-CN': '银卡', en: 'Silver' },
    gold: { 'zh-CN': '金卡', en: 'Gold' },
    platinum: { 'zh-CN': '白金卡', en: 'Platinum' },
  },
  archiveStatus: {
    active: { 'zh-CN': '在档', en: 'Active' },
    retired: { 'zh-CN': '已退档', en: 'Retired' },
  },
  addressKind: {
    registered: { 'zh-CN': '注册地址', en: 'Registered' },
    office: { 'zh-CN': '办公地址', en: 'Office' },
    home: { 'zh-CN': '住址', en: 'Home' },
    delivery: { 'zh-CN': '收货地址', en: 'Delivery' },
    other: { 'zh-CN': '其他', en: 'Other' },
  },
  transactionKind: {
    purchase: { 'zh-CN': '购买', en: 'Purchase' },
    deposit: { 'zh-CN': '押金', en: 'Deposit' },
    payment: { 'zh-CN': '付款', en: 'Payment' },
    refund: { 'zh-CN': '退款', en: 'Refund' },
    warranty: { 'zh-CN': '保修', en: 'Warranty' },
  },
  visitStatus: {
    planned: { 'zh-CN': '计划', en: 'Planned' },
    draft: { 'zh-CN': '草稿', en: 'Draft' },
    submitted: { 'zh-CN': '已提交', en: 'Submitted' },
    returned: { 'zh-CN': '已退回', en: 'Returned' },
    accepted: { 'zh-CN': '已审核', en: 'Accepted' },
  },
  visitPurpose: {
    demonstration: { 'zh-CN': '产品演示', en: 'Demonstration' },
    collection: { 'zh-CN': '收款', en: 'Collection' },
    closing: { 'zh-CN': '促成交易', en: 'Closing' },
    problemSolving: { 'zh-CN': '解决问题', en: 'Problem solving' },
    complaint: { 'zh-CN': '处理投诉', en: 'Complaint' },
    relationship: { 'zh-CN': '联络感情', en: 'Relationship' },
    opinion: { 'zh-CN': '征求意见', en: 'Opinion' },
    dealerStock: { 'zh-CN': '经销商库存', en: 'Dealer stock' },
    marketIntel: { 'zh-CN': '市场调研', en: 'Market intel' },
    other: { 'zh-CN': '其他', en: 'Other' },
  },
  caseKind: {
    service: { 'zh-CN': '服务', en: 'Service' },
    complaint: { 'zh-CN': '投诉', en: 'Complaint' },
  },
  complaintType: {
    quality: { 'zh-CN': '质量', en: 'Quality' },
    nonQuality: { 'zh-CN': '非质量', en: 'Non-quality' },
  },
  caseStatus: {
    open: { 'zh-CN': '待处理', en: 'Open' },
    assigned: { 'zh-CN': '已指派', en: 'Assigned' },
    inProgress: { 'zh-CN': '处理中', en: 'In progress' },
    resolved: { 'zh-CN': '已解决', en: 'Resolved' },
    closed: { 'zh-CN': '已关闭', en: 'Closed' },
    cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
  },
  requestKind: {
    access: { 'zh-CN': '查阅', en: 'Access' },
    change: { 'zh-CN': '变更', en: 'Change' },
    gift: { 'zh-CN': '赠品', en: 'Gift' },
    loan: { 'zh-CN': '借阅', en: 'Loan' },
  },
  requestStatus: {
    pending: { 'zh-CN': '待审批', en: 'Pending' },
    approved: { 'zh-CN': '已批准', en: 'Approved' },
    rejected: { 'zh-CN': '已驳回', en: 'Rejected' },
    lent: { 'zh-CN': '已借出', en: 'Lent' },
    returned: { 'zh-CN': '已归还', en: 'Returned' },
    cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
  },
  attachmentKind: {
    contract: { 'zh-CN': '合同', en: 'Contract' },
    idCopy: { 'zh-CN': '证件复印件', en: 'ID copy' },
    drawing: { 'zh-CN': '装修图纸', en: 'Drawings' },
    correspondence: { 'zh-CN': '往来函件', en: 'Correspondence' },
    photo: { 'zh-CN': '照片', en: 'Photo' },
    signature: { 'zh-CN': '签名', en: 'Signature' },
    invoice: { 'zh-CN': '发票', en: 'Invoice' },
    other: { 'zh-CN': '其他', en: 'Other' },
  },
  creditRating: {
    A: { 'zh-CN': 'A 级', en: 'A' },
    B: { 'zh-CN': 'B 级', en: 'B' },
    C: { 'zh-CN': 'C 级', en: 'C' },
    D: { 'zh-CN': 'D 级', en: 'D' },
    unrated: { 'zh-CN': '未评级', en: 'Unrated' },
  },
} satisfies Record<string, Table>;

export type EnumGroup = keyof typeof ENUM_LABELS;

/** The printed label of an enum value; an unknown value prints as itself. */
export function enumLabel(group: EnumGroup, value: string | undefined, locale: Locale): string {
  if (value === undefined) return '';
  const table: Table = ENUM_LABELS[group];
  return table[value]?.[locale] ?? value;
}

/** Words the page furniture (header and footer) prints. */
export const FURNITURE_WORDS = {
  'zh-CN': { page: '第 {n} 页 / 共 {total} 页', hotline: '服务热线：', printedAt: '打印时间：' },
  en: { page: 'Page {n} of {total}', hotline: 'Hotline: ', printedAt: 'Printed: ' },
} satisfies Record<Locale, Record<string, string>>;
