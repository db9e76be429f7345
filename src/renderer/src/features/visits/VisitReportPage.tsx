import { App, Button, Card, Col, Popconfirm, Result, Row, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { VisitDoc } from '../../../../shared/schema';
import {
  allowedActions,
  VisitRuleError,
  type FieldProblem,
  type ReportFields,
} from '../../../../shared/visits';
import { useDatabase } from '../../db/provider';
import { useSession } from '../../session/session';
import { clearCorrectionBuffer, saveCorrectionBuffer } from './data/correction-buffer';
import { setSignature } from './data/files';
import { actorOf, correctVisit, discardDraft, saveDraft, submitVisit } from './data/visit-store';
import { useCustomers, useVisit } from './hooks';
import { PrintVisitButton } from './print/PrintVisitButton';
import { useAutosave } from './useAutosave';
import { useInitialFields, type EditMode } from './useInitialFields';
import { FilesPanel, useAskReason, useVisitFiles } from './ui/FilesPanel';
import { GiftsPanel } from './ui/GiftsPanel';
import { HistoryPanel } from './ui/HistoryPanel';
import { ReportForm } from './ui/ReportForm';
import { ReviewPanel } from './ui/ReviewPanel';
import { SignatureBlock } from './ui/SignatureBlock';
import { ReportBanner, SaveIndicator } from './ui/ReportStatus';
import { StatusTag } from './ui/StatusTag';

export function VisitReportPage() {
  const { id } = useParams();
  const visit = useVisit(id);
  const { t } = useTranslation('visits');
  if (visit === undefined) return <Spin />;
  if (visit === null) return <Result status="404" title={t('errors.notFound')} />;
  return <VisitReport visit={visit} />;
}

function VisitReport({ visit }: { visit: VisitDoc }) {
  const { t } = useTranslation('visits');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const db = useDatabase();
  const user = useSession();
  const actor = actorOf(user);
  const actions = allowedActions(visit, actor);
  const [correcting, setCorrecting] = useState(visit.status === 'returned');
  const mayAmend = actions.has('amend');
  // A report sent back while open goes straight into correction for its rep.
  useEffect(() => {
    if (visit.status === 'returned' && mayAmend) setCorrecting(true);
  }, [visit.status, mayAmend]);
  const mode: EditMode = actions.has('edit')
    ? 'draft'
    : correcting && actions.has('amend')
      ? 'correction'
      : 'locked';
  const initial = useInitialFields(visit, mode);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const latest = useRef<ReportFields | null>(null);
  const askReason = useAskReason();
  const customer = useCustomers([visit.customerId]).get(visit.customerId);
  const { signature } = useVisitFiles(visit);

  const persist = useCallback(
    async (fields: ReportFields) => {
      if (mode === 'draft') await saveDraft(db, visit.id, fields, actor);
      else if (mode === 'correction') await saveCorrectionBuffer(db, user.id, visit.id, fields);
    },
    // actor is rebuilt each render from the session; its identity does not matter here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [db, visit.id, mode, user.id],
  );
  const autosave = useAutosave(visit.id, persist, db.name);

  const onChange = useCallback(
    (fields: ReportFields) => {
      latest.current = fields;
      if (mode !== 'locked') autosave.change(fields);
    },
    [mode, autosave],
  );

  const fail = (e: unknown) => {
    if (e instanceof VisitRuleError) {
      setProblems(e.problems);
      void message.error(t(e.key));
    } else
      void message.error(
        t('errors.unexpected', { message: e instanceof Error ? e.message : String(e) }),
      );
  };

  const fieldsNow = () => latest.current ?? initial?.fields ?? null;

  const submit = async () => {
    const fields = fieldsNow();
    if (!fields) return;
    await autosave.flush();
    try {
      await submitVisit(db, visit.id, fields, actor);
      autosave.discard();
      setProblems([]);
      void message.success(t('submitted'));
    } catch (e) {
      fail(e);
    }
  };

  const saveCorrection = async () => {
    const fields = fieldsNow();
    if (!fields) return;
    const reason = await askReason(t('reason'));
    if (reason === null) return;
    await autosave.flush();
    try {
      await correctVisit(db, visit.id, fields, reason, actor);
      autosave.discard();
      await clearCorrectionBuffer(db, visit.id);
      setProblems([]);
      setCorrecting(false);
      void message.success(t('corrected'));
    } catch (e) {
      fail(e);
    }
  };

  const cancelCorrection = async () => {
    autosave.discard();
    await clearCorrectionBuffer(db, visit.id);
    setProblems([]);
    setCorrecting(false);
  };

  const saveSignature = async (png: Blob) => {
    const reason = actions.has('edit') ? '' : await askReason(t('reason'));
    if (reason === null) return;
    try {
      await setSignature(db, visit.id, png, actor, reason);
      void message.success(t('signatureSaved'));
    } catch (e) {
      fail(e);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="visit-report">
      <Card size="small">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('reportTitle')}
            </Typography.Title>
            <StatusTag status={visit.status} />
            <Typography.Text data-testid="visit-customer-name">
              {customer ? `${customer.name}（${customer.code}）` : t('noCustomer')}
            </Typography.Text>
            <SaveIndicator state={autosave.saveState} mode={mode} />
          </Space>
          <Space wrap>
            {mode === 'draft' && (
              <Button type="primary" onClick={() => void submit()} data-testid="visit-submit">
                {t('actions.submit')}
              </Button>
            )}
            {mode === 'correction' && (
              <>
                <Button
                  type="primary"
                  onClick={() => void saveCorrection()}
                  data-testid="visit-save-correction"
                >
                  {t(visit.status === 'returned' ? 'actions.resubmit' : 'actions.saveCorrection')}
                </Button>
                {visit.status !== 'returned' && (
                  <Button onClick={() => void cancelCorrection()}>
                    {t('actions.cancelCorrection')}
                  </Button>
                )}
              </>
            )}
            {mode === 'locked' && actions.has('amend') && (
              <Button onClick={() => setCorrecting(true)} data-testid="visit-correct">
                {t('actions.correct')}
              </Button>
            )}
            {visit.status !== 'draft' && <PrintVisitButton visit={visit} />}
            {actions.has('discard') && (
              <Popconfirm
                title={t('actions.discardConfirm')}
                onConfirm={() =>
                  void discardDraft(db, visit.id, actor).then(() => {
                    autosave.discard();
                    return navigate('/visits');
                  })
                }
              >
                <Button danger>{t('actions.discard')}</Button>
              </Popconfirm>
            )}
          </Space>
        </Space>
      </Card>
      <ReportBanner visit={visit} mode={mode} />
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card>
            {initial ? (
              <ReportForm
                key={`${visit.id}:${mode}:${initial.key}`}
                initial={initial.fields}
                restored={initial.restored}
                disabled={mode === 'locked'}
                problems={problems}
                onChange={onChange}
              />
            ) : (
              <Spin />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title={t('fields.attachments')}>
              <FilesPanel visit={visit} editable={mode !== 'locked'} />
            </Card>
            <Card size="small" title={t('fields.signature')}>
              <SignatureBlock
                visit={visit}
                signature={signature}
                canSign={mode !== 'locked'}
                onSave={saveSignature}
              />
            </Card>
            <Card size="small" title={t('fields.gifts')}>
              <GiftsPanel visit={visit} />
            </Card>
            <Card size="small" title={t('fields.review')}>
              <ReviewPanel visit={visit} />
            </Card>
            <Card size="small" title={t('fields.history')}>
              <HistoryPanel visit={visit} />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
