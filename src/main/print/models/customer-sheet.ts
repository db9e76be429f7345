import { formatBytes, formatDate, formatDateTime, formatLocation, formatMoney, maskIdNumber } from '../format';
import { enumLabel } from '../labels';
import { qrSvg, recordUri } from '../qr';
import { byNewest, nameOf, type ModelBuilder } from './types';

/** 客户档案表: one customer's whole archive, each list newest first (the archive's own order). */
export const customerSheetModel: ModelBuilder<'customer-sheet'> = {
  model: 'customer-sheet',
  async build(data, { locale, settings }) {
    const c = data.customer;
    const names = data.names;
    const separator = locale === 'zh-CN' ? '、' : ', ';
    const yes = locale === 'zh-CN' ? ['主要联系人', '紧急联系人'] : ['Primary', 'Emergency'];
    return {
      view: {
        qr: await qrSvg(recordUri('customers', c.id)),
        customer: {
          name: c.name,
          code: c.code,
          type: enumLabel('customerType', c.type, locale),
          companyName: c.companyName ?? '',
          creditCode: c.creditCode ?? '',
          idNumber: settings.maskIdNumbers ? maskIdNumber(c.idNumber) : (c.idNumber ?? ''),
          birthday: c.birthday ?? '',
          lifecycle: enumLabel('lifecycle', c.lifecycle, locale),
          activityLevel: enumLabel('activityLevel', c.activityLevel, locale),
          industry: c.industry,
          region: c.region,
          sourceChannel: c.sourceChannel ?? '',
          tags: c.tags.join(separator),
          owner: nameOf(names, c.ownerId),
          team: nameOf(names, c.teamId),
          tier: enumLabel('membershipTier', c.membershipTier, locale),
          points: c.points,
          archiveStatus: enumLabel('archiveStatus', c.archiveStatus, locale),
          retired: c.archiveStatus === 'retired',
          retiredAt: formatDate(c.retiredAt),
          retiredReason: c.retiredReason ?? '',
          location: formatLocation(c.location, locale),
          lastVisitAt: formatDate(c.lastVisitAt),
          createdAt: formatDate(c.createdAt),
          createdBy: nameOf(names, c.createdBy),
          updatedAt: formatDateTime(c.updatedAt),
          note: c.note ?? '',
        },
        contacts: c.contacts.map((p) => ({
          name: p.name,
          title: p.title ?? '',
          mobile: p.mobile ?? '',
          phone: p.phone ?? '',
          email: p.email ?? '',
          roles: [p.isPrimary && yes[0], p.isEmergency && yes[1]].filter(Boolean).join(separator),
          relation: p.relation ?? '',
        })),
        addresses: c.addresses.map((a) => ({
          kind: enumLabel('addressKind', a.kind, locale),
          full: [a.province, a.city, a.district, a.detail].filter(Boolean).join(' '),
          postalCode: a.postalCode ?? '',
        })),
        hasCredit: data.credit !== undefined,
        credit: {
          rating: enumLabel('creditRating', data.credit?.rating, locale),
          limit: formatMoney(data.credit?.limit, locale),
          receivables: formatMoney(data.credit?.receivables, locale),
          overdue: formatMoney(data.credit?.overdue, locale),
          reviewedAt: formatDate(data.credit?.reviewedAt),
        },
        transactions: byNewest(data.transactions).map((t) => ({
          date: formatDate(t.at),
          kind: enumLabel('transactionKind', t.kind, locale),
          product: [t.productModel, t.serialNo && `#${t.serialNo}`].filter(Boolean).join(' '),
          quantity: t.quantity ?? '',
          amount: formatMoney(t.amount, locale),
          warrantyUntil: formatDate(t.warrantyUntil),
          note: t.note ?? '',
        })),
        visits: byNewest(data.visits).map((v) => ({
          date: formatDate(v.at),
          status: enumLabel('visitStatus', v.status, locale),
          purposes: v.purposes.map((p) => enumLabel('visitPurpose', p, locale)).join(separator),
          place: v.place ?? '',
          contact: v.contactName ?? '',
          outcomes: v.outcomes ?? '',
          owner: nameOf(names, v.ownerId),
        })),
        cases: byNewest(data.cases).map((k) => ({
          date: formatDate(k.at),
          kind: [enumLabel('caseKind', k.kind, locale), enumLabel('complaintType', k.complaintType, locale)]
            .filter(Boolean)
            .join(' · '),
          status: enumLabel('caseStatus', k.status, locale),
          title: k.title,
          assignee: nameOf(names, k.assigneeId),
          resolvedAt: formatDate(k.resolvedAt),
        })),
        requests: byNewest(data.requests).map((r) => ({
          date: formatDate(r.at),
          kind: enumLabel('requestKind', r.kind, locale),
          status: enumLabel('requestStatus', r.status, locale),
          requester: nameOf(names, r.requesterId),
          reason: r.reason,
          decidedAt: formatDate(r.decidedAt),
        })),
        documents: byNewest(data.attachments).map((a) => ({
          date: formatDate(a.at),
          kind: enumLabel('attachmentKind', a.kind, locale),
          name: a.name,
          size: formatBytes(a.size),
          by: nameOf(names, a.createdBy),
          note: a.note ?? '',
        })),
        history: [...c.statusHistory]
          .sort((a, b) => b.at - a.at)
          .map((h) => ({
            date: formatDate(h.at),
            from: enumLabel('archiveStatus', h.from, locale),
            to: enumLabel('archiveStatus', h.to, locale),
            by: nameOf(names, h.by),
            reason: h.reason,
          })),
      },
    };
  },
};
