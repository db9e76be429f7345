import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../db/provider';
import { formatNumber } from '../../i18n/format';
import { useSession } from '../../session/session';
import { useProfile } from '../settings/profile';
import { useOptionalSync } from '../sync';

const COUNTED = ['customers', 'visits', 'cases', 'tasks', 'attachments'] as const;

export function HomePage() {
  const { t } = useTranslation();
  const db = useDatabase();
  const user = useSession();
  const profile = useProfile();
  const session = useOptionalSync()?.session;
  const [counts, setCounts] = useState<Partial<Record<(typeof COUNTED)[number], number>>>({});

  useEffect(() => {
    // Whole-collection counts are answered by IndexedDB's count() on the primary index.
    const subs = COUNTED.map((name) =>
      db.collections[name].count().$.subscribe((n) => setCounts((c) => ({ ...c, [name]: n }))),
    );
    return () => subs.forEach((s) => s.unsubscribe());
  }, [db]);

  return (
    <div>
      <Typography.Title level={3} data-testid="home-welcome">
        {t('home.welcome', { name: profile?.displayName ?? user.displayName })}
      </Typography.Title>
      <Typography.Paragraph type="secondary" data-testid="home-session">
        {session?.mode === 'server' ? t('home.signedIn', { server: session.serverUrl }) : t('home.localProfile')}
      </Typography.Paragraph>
      <Card title={t('home.counts')}>
        <Row gutter={16}>
          {COUNTED.map((name) => (
            <Col span={4} key={name}>
              <Statistic
                title={t(`home.collection.${name}`)}
                value={counts[name] ?? 0}
                formatter={(v) => formatNumber(Number(v))}
              />
            </Col>
          ))}
        </Row>
      </Card>
    </div>
  );
}
