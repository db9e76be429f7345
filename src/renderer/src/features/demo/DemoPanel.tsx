import { Alert, App, Button, InputNumber, Progress, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../db/provider';
import { formatNumber } from '../../i18n/format';
import { useSession } from '../../session/session';
import { DEMO_MAX, fillWithDemoData } from './run-demo';

interface Props {
  /** Start at once with this count (the `/demo?count=N&start=1` command). */
  autoStartCount?: number;
  /**
   * Hand the run to someone else instead (the empty status list opens the demo page, which
   * stays mounted while it writes; the list itself re-renders as customers arrive).
   */
  onStart?: (count: number) => void;
}

/** Fills the local database with demo customers, with a progress bar and a stop button. */
export function DemoPanel({ autoStartCount, onStart }: Props) {
  const { t } = useTranslation('demo');
  const { message } = App.useApp();
  const db = useDatabase();
  const user = useSession();
  const [count, setCount] = useState<number>(autoStartCount ?? 1000);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const started = useRef(false);

  const run = async (n: number) => {
    setError(null);
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ done: 0, total: n });
    try {
      const written = await fillWithDemoData(db, user, {
        count: n,
        signal: controller.signal,
        onProgress: (done, total) => setProgress({ done, total }),
      });
      void message.success(t('done', { count: formatNumber(written) }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  useEffect(() => {
    if (autoStartCount && !started.current) {
      started.current = true;
      void run(autoStartCount);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [autoStartCount]);

  useEffect(() => () => abort.current?.abort(), []);

  return (
    <div data-testid="demo-panel">
      <Typography.Paragraph>{t('explain')}</Typography.Paragraph>
      <Space wrap>
        <InputNumber<number>
          data-testid="demo-count"
          min={1}
          max={DEMO_MAX}
          step={1000}
          value={count}
          onChange={(v) => setCount(v ?? 1000)}
          disabled={!!progress}
          addonAfter={t('customers')}
        />
        {[1000, 10_000, 100_000].map((n) => (
          <Button key={n} size="small" disabled={!!progress} onClick={() => setCount(n)}>
            {formatNumber(n)}
          </Button>
        ))}
        {progress ? (
          <Button danger onClick={() => abort.current?.abort()}>
            {t('stop')}
          </Button>
        ) : (
          <Button type="primary" data-testid="demo-generate" onClick={() => (onStart ? onStart(count) : void run(count))}>
            {t('generate')}
          </Button>
        )}
      </Space>
      {progress && (
        <div style={{ marginTop: 12 }}>
          <Progress data-testid="demo-progress" percent={Math.floor((100 * progress.done) / Math.max(1, progress.total))} />
          <Typography.Text type="secondary">
            {t('progress', { done: formatNumber(progress.done), total: formatNumber(progress.total) })}
          </Typography.Text>
        </div>
      )}
      {error && <Alert type="error" showIcon style={{ marginTop: 12 }} message={t('failed', { message: error })} />}
    </div>
  );
}
