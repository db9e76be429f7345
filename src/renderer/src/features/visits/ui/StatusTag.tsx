import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VisitStatus } from '../../../../../shared/schema';

const COLORS = {
  planned: 'default',
  draft: 'gold',
  submitted: 'blue',
  returned: 'red',
  accepted: 'green',
} as const satisfies Record<VisitStatus, string>;

export function StatusTag({ status }: { status: VisitStatus }) {
  const { t } = useTranslation('visits');
  return (
    <Tag color={COLORS[status]} data-testid="visit-status">
      {t(`status.${status}`)}
    </Tag>
  );
}

export function PurposeTags({ purposes }: { purposes: readonly string[] }) {
  const { t } = useTranslation('visits');
  return (
    <>
      {purposes.map((p) => (
        <Tag key={p} style={{ marginBottom: 2 }}>
          {t(`purposes.${p}`)}
        </Tag>
      ))}
    </>
  );
}
