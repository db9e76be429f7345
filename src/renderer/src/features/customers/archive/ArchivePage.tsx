import { Alert, App, Card, Result, Space, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useDatabase } from '../../../db/provider';
import { formatDate } from '../../../i18n/format';
import { useSession } from '../../../session/session';
import { useCustomer, useStaff } from '../hooks';
import { changeArchiveStatus } from '../mutations';
import { ArchiveHeader } from './ArchiveHeader';
import { Addresses, BasicInfo, Classification, Contacts, DetailsGrid, StatusHistory } from './ArchiveDetails';
import { RetireDialog } from './RetireDialog';
import { SectionBoundary } from './SectionBoundary';
import { archiveSections } from './sections';

/** 一户一档: everything about one customer, newest first wherever there is a history. */
export function ArchivePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('customers');
  const { message } = App.useApp();
  const db = useDatabase();
  const user = useSession();
  const staff = useStaff();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'retire' | 'reinstate' | null>(null);
  const { customer, loading, error } = useCustomer(id);
  const names = useMemo(() => Object.fromEntries(staff.names), [staff]);

  if (loading) return <Spin style={{ marginTop: 48, width: '100%' }} />;
  if (error) return <Alert type="error" showIcon message={error.message} />;
  if (!customer) return <Result status="404" title={t('archive.notFound')} />;

  const confirm = async (input: { reason: string; at: number }) => {
    const to = dialog === 'retire' ? 'retired' : 'active';
    await changeArchiveStatus(db, customer.id, to, { ...input, by: user.id });
    setDialog(null);
    void message.success(t(to === 'retired' ? 'retire.done' : 'retire.reinstated'));
  };

  return (
    <div data-testid="archive-page" style={{ maxWidth: 1280 }}>
      <ArchiveHeader
        customer={customer}
        ownerName={staff.nameOf(customer.ownerId)}
        onBack={() => void navigate('/customers')}
        onEdit={() => void navigate(`/customers/${customer.id}/edit`)}
        onRetire={() => setDialog('retire')}
        onReinstate={() => setDialog('reinstate')}
      />
      {customer.archiveStatus === 'retired' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="archive-retired-banner"
          message={t('archive.retiredBanner', { date: formatDate(customer.retiredAt), reason: customer.retiredReason ?? '' })}
        />
      )}
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <DetailsGrid>
          {[
            <BasicInfo key="basic" customer={customer} />,
            <Classification key="class" customer={customer} ownerName={staff.nameOf(customer.ownerId)} />,
            <Contacts key="contacts" customer={customer} />,
            <Addresses key="addresses" customer={customer} />,
          ]}
        </DetailsGrid>
        <StatusHistory customer={customer} nameOf={staff.nameOf} />
        {[...archiveSections]
          .sort((a, b) => a.order - b.order)
          .map((section) => (
            <Card key={section.key} size="small" title={t(section.titleKey)} data-testid={`archive-section-${section.key}`}>
              {section.Component ? (
                <SectionBoundary message={(m) => t('archive.sectionFailed', { message: m })}>
                  <section.Component customer={customer} names={names} />
                </SectionBoundary>
              ) : (
                <Typography.Text type="secondary">{t('archive.laterSection', { title: t(section.titleKey) })}</Typography.Text>
              )}
            </Card>
          ))}
      </Space>
      <RetireDialog mode={dialog ?? 'retire'} open={dialog !== null} onCancel={() => setDialog(null)} onConfirm={confirm} />
    </div>
  );
}
