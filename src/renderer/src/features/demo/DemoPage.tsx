import { Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { DemoPanel } from './DemoPanel';
import { DEMO_MAX } from './run-demo';

/**
 * The demo-data command: `#/demo` shows the panel; `#/demo?count=N&start=1` starts generating
 * N customers at once (what a menu item or a script opening the app can ask for).
 */
export function DemoPage() {
  const { t } = useTranslation('demo');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const requested = Number(params.get('count'));
  const autoStart = params.get('start') === '1' && Number.isInteger(requested) && requested > 0 ? Math.min(requested, DEMO_MAX) : undefined;
  return (
    <Card
      title={t('title')}
      style={{ maxWidth: 720 }}
      extra={<Button onClick={() => void navigate('/customers')}>{t('toList')}</Button>}
    >
      <DemoPanel {...(autoStart ? { autoStartCount: autoStart } : {})} />
    </Card>
  );
}
