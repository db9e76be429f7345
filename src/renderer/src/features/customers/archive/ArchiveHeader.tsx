import { ArrowLeftOutlined, EditOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomerDoc } from '../../../../../shared/schema';

const TIER_COLORS = { none: 'default', silver: 'default', gold: 'gold', platinum: 'purple' } as const;

interface Props {
  customer: CustomerDoc;
  ownerName: string;
  onBack(): void;
  onEdit(): void;
  onRetire(): void;
  onReinstate(): void;
}

export function ArchiveHeader({ customer: c, ownerName, onBack, onEdit, onRetire, onReinstate }: Props) {
  const { t } = useTranslation('customers');
  const location = c.location.cabinet || c.location.shelf || c.location.box ? t('archive.locationValue', { ...c.location }) : t('archive.noLocation');
  return (
    <Card data-testid="archive-header" style={{ marginBottom: 16 }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
        <div>
          <Space align="center" wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="archive-name">
              {c.name}
            </Typography.Title>
            <Tag color={c.type === 'enterprise' ? 'blue' : 'cyan'}>{t(`type.${c.type}`)}</Tag>
            <Tag color={c.archiveStatus === 'retired' ? 'red' : 'green'} data-testid="archive-status">
              {t(`status.${c.archiveStatus}`)}
            </Tag>
            {c.membershipTier !== 'none' && <Tag color={TIER_COLORS[c.membershipTier]}>{t(`tier.${c.membershipTier}`)}</Tag>}
            <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }} data-testid="archive-code">
              {c.code}
            </Typography.Text>
          </Space>
        </div>
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
            {t('actions.back')}
          </Button>
          <Button icon={<EditOutlined />} type="primary" data-testid="archive-edit" onClick={onEdit}>
            {t('actions.edit')}
          </Button>
          {c.archiveStatus === 'active' ? (
            <Button danger icon={<StopOutlined />} data-testid="archive-retire" onClick={onRetire}>
              {t('actions.retire')}
            </Button>
          ) : (
            <Button icon={<RollbackOutlined />} data-testid="archive-reinstate" onClick={onReinstate}>
              {t('actions.reinstate')}
            </Button>
          )}
        </Space>
      </Space>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} style={{ marginTop: 12 }}>
        <Descriptions.Item label={t('columns.owner')}>{ownerName}</Descriptions.Item>
        <Descriptions.Item label={t('archive.tier')}>{t(`tier.${c.membershipTier}`)}</Descriptions.Item>
        <Descriptions.Item label={t('columns.tags')}>
          {c.tags.length ? (
            <Space size={4} wrap>
              {c.tags.map((tag) => (
                <Tag key={tag} style={{ marginInlineEnd: 0 }}>
                  {tag}
                </Tag>
              ))}
            </Space>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('archive.location')}>
          <span data-testid="archive-location">{location}</span>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
