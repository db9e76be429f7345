import { Card, Col, Descriptions, Empty, List, Row, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomerDoc } from '../../../../../shared/schema';
import { formatDate, formatNumber } from '../../../i18n/format';

function maskId(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : id;
}

export function BasicInfo({ customer: c }: { customer: CustomerDoc }) {
  const { t } = useTranslation('customers');
  return (
    <Card title={t('archive.basic')} size="small" data-testid="archive-basic">
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('columns.code')}>{c.code}</Descriptions.Item>
        <Descriptions.Item label={t('columns.type')}>{t(`type.${c.type}`)}</Descriptions.Item>
        {c.type === 'enterprise' ? (
          <Descriptions.Item label={t('archive.creditCode')}>{c.creditCode ?? '—'}</Descriptions.Item>
        ) : (
          <>
            <Descriptions.Item label={t('archive.idNumber')}>{c.idNumber ? maskId(c.idNumber) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('archive.birthday')}>{c.birthday ?? '—'}</Descriptions.Item>
          </>
        )}
        {c.companyName && <Descriptions.Item label={t('archive.companyName')}>{c.companyName}</Descriptions.Item>}
        <Descriptions.Item label={t('archive.sourceChannel')}>{c.sourceChannel ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('archive.createdAt')}>{formatDate(c.createdAt, true)}</Descriptions.Item>
        <Descriptions.Item label={t('archive.updatedAt')}>{formatDate(c.updatedAt, true)}</Descriptions.Item>
        {c.note && (
          <Descriptions.Item label={t('archive.note')} span={2}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.note}</Typography.Paragraph>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

export function Classification({ customer: c, ownerName }: { customer: CustomerDoc; ownerName: string }) {
  const { t } = useTranslation('customers');
  return (
    <Card title={t('archive.classification')} size="small">
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('columns.lifecycle')}>{t(`lifecycle.${c.lifecycle}`)}</Descriptions.Item>
        <Descriptions.Item label={t('columns.activity')}>{t(`activity.${c.activityLevel}`)}</Descriptions.Item>
        <Descriptions.Item label={t('columns.industry')}>{c.industry || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('columns.region')}>{c.region || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('columns.owner')}>{ownerName}</Descriptions.Item>
        <Descriptions.Item label={t('archive.points')}>{formatNumber(c.points)}</Descriptions.Item>
        <Descriptions.Item label={t('columns.lastVisit')}>{formatDate(c.lastVisitAt || undefined)}</Descriptions.Item>
        <Descriptions.Item label={t('columns.nextTask')}>{formatDate(c.nextTaskAt || undefined)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

export function Contacts({ customer: c }: { customer: CustomerDoc }) {
  const { t } = useTranslation('customers');
  // Primary first, then the others, emergency contacts last.
  const contacts = [...c.contacts].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || Number(a.isEmergency) - Number(b.isEmergency));
  return (
    <Card title={t('archive.contacts')} size="small" data-testid="archive-contacts">
      {contacts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('archive.noContacts')} />
      ) : (
        <List
          size="small"
          dataSource={contacts}
          renderItem={(p) => (
            <List.Item data-testid="archive-contact">
              <Space direction="vertical" size={0}>
                <Space wrap>
                  <strong>{p.name}</strong>
                  {p.title && <Typography.Text type="secondary">{p.title}</Typography.Text>}
                  {p.relation && <Typography.Text type="secondary">{p.relation}</Typography.Text>}
                  {p.isPrimary && <Tag color="blue">{t('archive.primary')}</Tag>}
                  {p.isEmergency && <Tag color="volcano">{t('archive.emergency')}</Tag>}
                </Space>
                <Space wrap split="·">
                  {p.mobile && <span>{p.mobile}</span>}
                  {p.phone && <span>{p.phone}</span>}
                  {p.email && <span>{p.email}</span>}
                </Space>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function Addresses({ customer: c }: { customer: CustomerDoc }) {
  const { t } = useTranslation('customers');
  return (
    <Card title={t('archive.addresses')} size="small">
      {c.addresses.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('archive.noAddresses')} />
      ) : (
        <List
          size="small"
          dataSource={c.addresses}
          renderItem={(a) => (
            <List.Item>
              <Space wrap>
                <Tag>{t(`addressKind.${a.kind}`)}</Tag>
                <span>{[a.province, a.city !== a.province ? a.city : '', a.district, a.detail].filter(Boolean).join(' ')}</span>
                {a.postalCode && <Typography.Text type="secondary">{a.postalCode}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function StatusHistory({ customer: c, nameOf }: { customer: CustomerDoc; nameOf(id: string): string }) {
  const { t } = useTranslation('customers');
  // Newest first. Entries are appended as recorded and the sort is stable, so reversing first
  // puts the later of two changes with the same time on top.
  const entries = [...c.statusHistory].reverse().sort((a, b) => b.at - a.at);
  return (
    <Card title={t('archive.history')} size="small" data-testid="archive-history">
      {entries.length === 0 ? (
        <Typography.Text type="secondary">{t('archive.noHistory')}</Typography.Text>
      ) : (
        <Timeline
          items={entries.map((e) => ({
            key: e.id,
            color: e.to === 'retired' ? 'red' : 'green',
            children: (
              <div data-testid="archive-history-entry">
                <strong>{t('archive.historyEntry', { from: t(`status.${e.from}`), to: t(`status.${e.to}`) })}</strong>
                <div>{e.reason}</div>
                <Typography.Text type="secondary">
                  {formatDate(e.at)} · {nameOf(e.by)}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}

export function DetailsGrid({ children }: { children: React.ReactNode[] }) {
  return (
    <Row gutter={[16, 16]}>
      {children.map((child, i) => (
        <Col key={i} xs={24} xl={12}>
          {child}
        </Col>
      ))}
    </Row>
  );
}
