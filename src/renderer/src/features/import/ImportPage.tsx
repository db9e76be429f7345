import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Progress, Result, Steps, Typography, Upload } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDatabase } from '../../db/provider';
import { formatNumber } from '../../i18n/format';
import { useSession } from '../../session/session';
import { useCatalog, useStaff } from '../customers';
import { downloadBlob, stampForFile } from '../customers/list/export';
import { CheckStep } from './CheckStep';
import { commitImport, errorsCsv, flagExisting, type ExistingMatch } from './commit';
import type { ColumnMapping } from './mapping';
import { MappingStep } from './MappingStep';
import type { RowError } from './rows';
import { ImportSession, type Parsed, type Validated } from './session';

type Stage =
  | { step: 'file' }
  | { step: 'mapping'; parsed: Parsed }
  | { step: 'checking'; parsed: Parsed; done: number; total: number }
  | { step: 'check'; parsed: Parsed; validated: Validated; existing: Map<number, ExistingMatch> }
  | { step: 'writing'; done: number; total: number }
  | { step: 'done'; written: number };

const STEP_INDEX = { file: 0, mapping: 1, checking: 2, check: 2, writing: 3, done: 3 } as const;

/** Excel/CSV import: choose a file, map columns, check every row, then (only then) write. */
export function ImportPage() {
  const { t } = useTranslation('import');
  const { t: tAll } = useTranslation();
  const { message } = App.useApp();
  const db = useDatabase();
  const user = useSession();
  const staff = useStaff();
  const navigate = useNavigate();
  const { catalog } = useCatalog();
  const session = useRef<ImportSession | null>(null);
  const [stage, setStage] = useState<Stage>({ step: 'file' });
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [skipDuplicates, setSkipDuplicates] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');

  useEffect(() => () => session.current?.close(), []);

  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));
  const rowMessage = (e: RowError) => tAll(e.message, { value: e.value });

  const onFile = async (file: File) => {
    setError(null);
    setFileName(file.name);
    session.current?.close();
    session.current = new ImportSession();
    try {
      const parsed = await session.current.parse(file);
      if (parsed.total === 0) throw new Error(t('emptyFile'));
      setMapping(parsed.mapping);
      setStage({ step: 'mapping', parsed });
    } catch (e) {
      fail(e);
    }
  };

  const onCheck = async (parsed: Parsed) => {
    setError(null);
    setStage({ step: 'checking', parsed, done: 0, total: parsed.total });
    try {
      const owners: [string, string][] = [...staff.names].flatMap(([id, name]) => [[name, id], [id, id]] as [string, string][]);
      const validated = await session.current!.validate(mapping, owners, user.id, (done, total) => setStage({ step: 'checking', parsed, done, total }));
      const existing = await flagExisting(catalog, validated.rows, () => undefined);
      setStage({ step: 'check', parsed, validated, existing });
    } catch (e) {
      fail(e);
      setStage({ step: 'mapping', parsed });
    }
  };

  const toImport = useMemo(
    () => (stage.step === 'check' ? stage.validated.rows.filter((r) => !skipDuplicates || (r.sameAsRow === undefined && !stage.existing.has(r.row))) : []),
    [stage, skipDuplicates],
  );

  const onConfirm = async () => {
    setError(null);
    const rows = toImport;
    setStage({ step: 'writing', done: 0, total: rows.length });
    try {
      const written = await commitImport(db, user, rows, staff.teamOf, (done, total) => setStage({ step: 'writing', done, total }));
      setStage({ step: 'done', written });
      void message.success(t('written', { count: formatNumber(written) }));
    } catch (e) {
      fail(e);
      setStage({ step: 'done', written: 0 });
    }
  };

  const downloadErrors = (errors: RowError[]) => {
    const headers = [t('errorColumns.row'), t('errorColumns.column'), t('errorColumns.why'), t('errorColumns.value')] as [string, string, string, string];
    downloadBlob(errorsCsv(errors, headers, rowMessage), `${t('errorsFile')}-${fileName.replace(/\.[^.]+$/, '')}-${stampForFile()}.csv`);
  };

  return (
    <Card title={t('title')} style={{ maxWidth: 1100 }} data-testid="import-page">
      <Steps current={STEP_INDEX[stage.step]} style={{ marginBottom: 24 }} items={['file', 'mapping', 'check', 'write'].map((s) => ({ title: t(`steps.${s}`) }))} />
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={t('failed', { message: error })} data-testid="import-error" />}
      {stage.step === 'file' && (
        <Upload.Dragger
          accept=".xlsx,.csv,.txt"
          multiple={false}
          showUploadList={false}
          beforeUpload={(file) => {
            void onFile(file);
            return false;
          }}
          data-testid="import-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{t('drop')}</p>
          <Typography.Text type="secondary">{t('formats')}</Typography.Text>
        </Upload.Dragger>
      )}
      {stage.step === 'mapping' && (
        <MappingStep parsed={stage.parsed} mapping={mapping} onChange={setMapping} onBack={() => setStage({ step: 'file' })} onNext={() => void onCheck(stage.parsed)} />
      )}
      {stage.step === 'checking' && (
        <div data-testid="import-checking">
          <Progress percent={Math.floor((100 * stage.done) / Math.max(1, stage.total))} />
          <Typography.Text type="secondary">{t('checking', { done: formatNumber(stage.done), total: formatNumber(stage.total) })}</Typography.Text>
        </div>
      )}
      {stage.step === 'check' && (
        <CheckStep
          validated={stage.validated}
          existing={stage.existing}
          skipDuplicates={skipDuplicates}
          onSkipDuplicates={setSkipDuplicates}
          toImport={toImport.length}
          message={rowMessage}
          onDownloadErrors={() => downloadErrors(stage.validated.errors)}
          onBack={() => setStage({ step: 'mapping', parsed: stage.parsed })}
          onConfirm={() => void onConfirm()}
        />
      )}
      {stage.step === 'writing' && (
        <div data-testid="import-writing">
          <Progress percent={Math.floor((100 * stage.done) / Math.max(1, stage.total))} />
          <Typography.Text type="secondary">{t('writing', { done: formatNumber(stage.done), total: formatNumber(stage.total) })}</Typography.Text>
        </div>
      )}
      {stage.step === 'done' && (
        <Result
          status={stage.written > 0 ? 'success' : 'warning'}
          title={<span data-testid="import-done">{t('written', { count: formatNumber(stage.written) })}</span>}
          extra={[
            <Button type="primary" key="list" onClick={() => void navigate('/customers')}>
              {t('toList')}
            </Button>,
            <Button key="again" onClick={() => setStage({ step: 'file' })}>
              {t('another')}
            </Button>,
          ]}
        />
      )}
    </Card>
  );
}
