import { Button, List, Modal, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DuplicateCandidate } from '../duplicates';

interface Props {
  candidates: DuplicateCandidate[];
  onOpen(id: string): void;
  onSaveAnyway(): void;
  onBack(): void;
  saving: boolean;
}

export function DuplicateDialog({ candidates, onOpen, onSaveAnyway, onBack, saving }: Props) {
  const { t } = useTranslation('customers');
  return (
    <Modal
      open={candidates.length > 0}
      title={t('duplicates.title')}
      onCancel={onBack}
      width={640}
      footer={
        <Space>
          <Button onClick={onBack}>{t('duplicates.back')}</Button>
          <Button type="primary" danger loading={saving} data-testid="duplicate-save-anyway" onClick={onSaveAnyway}>
            {t('duplicates.saveAnyway')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('duplicates.intro')}</Typography.Paragraph>
      <List
        data-testid="duplicate-list"
        dataSource={candidates}
        renderItem={(c) => (
          <List.Item
            data-testid="duplicate-candidate"
            actions={[
              <Button key="open" type="link" data-testid="duplicate-open" onClick={() => onOpen(c.id)}>
                {t('duplicates.open')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <strong>{c.name}</strong>
                  <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
                    {c.code}
                  </Typography.Text>
                  {c.archiveStatus === 'retired' && <Tag color="red">{t('status.retired')}</Tag>}
                </Space>
              }
              description={
                <Space wrap>
                  {c.reasons.includes('credit') && <Tag color="red">{t('duplicates.sameCredit')}</Tag>}
                  {c.reasons.includes('phone') && <Tag color="orange">{t('duplicates.samePhone', { phone: c.phone ?? '' })}</Tag>}
                  {c.reasons.includes('name') && <Tag color="gold">{t('duplicates.similarName')}</Tag>}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Modal>
  );
}
