import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App, Button, Card, Form, Modal, Result, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useForm, type FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { customerFormSchema, emptyCustomerForm, formFromCustomer, type CustomerFormValues } from '../../../../../shared/customers';
import { newId } from '../../../../../shared/ids';
import type { CustomerDoc } from '../../../../../shared/schema';
import { useDatabase } from '../../../db/provider';
import { formatDate } from '../../../i18n/format';
import { useSession } from '../../../session/session';
import { SOURCES } from '../../demo/demo-data';
import { findDuplicates, type DuplicateCandidate } from '../duplicates';
import { useCatalog, useCustomer, useStaff } from '../hooks';
import { createCustomer, updateCustomer } from '../mutations';
import { AddressesFields } from './AddressesFields';
import { BasicFields } from './BasicFields';
import { ArchiveFields, ClassificationFields, type Choices } from './ClassificationFields';
import { ContactsFields } from './ContactsFields';
import { draftKey } from './draft';
import { DuplicateDialog } from './DuplicateDialog';
import { useDraft } from './use-draft';
import { useLeaveGuard } from './use-leave-guard';

function countErrors(errors: FieldErrors): number {
  let n = 0;
  for (const value of Object.values(errors)) {
    if (!value) continue;
    if (typeof value === 'object' && 'message' in value && typeof value.message === 'string') n += 1;
    else if (typeof value === 'object') n += countErrors(value as FieldErrors);
  }
  return n;
}

/** New customer (`/customers/new`) or an edit (`/customers/:id/edit`). */
export function CustomerFormPage() {
  const { id } = useParams();
  const existing = useCustomer(id ?? '');
  if (id && existing.loading) return <Spin style={{ marginTop: 48, width: '100%' }} />;
  if (id && !existing.customer) return <Result status="404" title={<CustomerMissing />} />;
  return <CustomerForm key={id ?? 'new'} customer={id ? existing.customer : null} />;
}

function CustomerMissing() {
  const { t } = useTranslation('customers');
  return <>{t('archive.notFound')}</>;
}

function CustomerForm({ customer }: { customer: CustomerDoc | null }) {
  const { t } = useTranslation('customers');
  const { message } = App.useApp();
  const db = useDatabase();
  const user = useSession();
  const staff = useStaff();
  const navigate = useNavigate();
  const { catalog, state } = useCatalog();
  const [candidates, setCandidates] = useState<DuplicateCandidate[]>([]);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const defaults = useMemo(() => (customer ? formFromCustomer(customer) : emptyCustomerForm(user.id, newId())), [customer, user.id]);
  const form = useForm<CustomerFormValues>({ resolver: zodResolver(customerFormSchema), defaultValues: defaults, mode: 'onTouched' });
  const { control, handleSubmit, formState, setValue, getValues } = form;
  const key = draftKey(customer?.id);
  const draft = useDraft(form, key, !done);
  const blocker = useLeaveGuard(formState.isDirty && !done);

  const choices: Choices = useMemo(() => {
    const industries = new Set<string>();
    const regions = new Set<string>();
    const tags = new Set<string>();
    for (const r of catalog.rows.values()) {
      industries.add(r.industry);
      regions.add(r.region);
      r.tags.forEach((tag) => tags.add(tag));
    }
    const sorted = (s: Set<string>) => [...s].filter(Boolean).sort(new Intl.Collator('zh-CN-u-co-pinyin').compare);
    return { industries: sorted(industries), regions: sorted(regions), tags: sorted(tags), sources: [...SOURCES], owners: staff.options };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalog, state.phase, staff]);

  const save = async (values: CustomerFormValues) => {
    setSaving(true);
    setSaveError(null);
    let saved: CustomerDoc;
    try {
      saved = customer ? await updateCustomer(db, customer.id, values, staff.teamOf) : await createCustomer(db, user, values, staff.teamOf);
    } catch (e) {
      setSaveError(e instanceof Error ? e.message : String(e));
      return;
    } finally {
      setSaving(false);
      setCandidates([]);
    }
    setDone(true);
    // The customer is saved: a draft that could not be removed is offered again on the next
    // new form (where it can be discarded), it never turns a saved record into a failure.
    await draft.clear().catch((e: unknown) => console.warn('the form draft could not be removed', e));
    void message.success(t('form.saved', { code: saved.code }));
    void navigate(`/customers/${saved.id}`, { replace: true });
  };

  const onValid = async (values: CustomerFormValues) => {
    // Contacts (phones) must be indexed before "same phone" can be answered.
    await catalog.whenSearchComplete();
    const phones = values.contacts.flatMap((c) => [c.mobile, c.phone]).filter((p) => p.trim() !== '');
    const found = findDuplicates(catalog, { name: values.name, creditCode: values.type === 'enterprise' ? values.creditCode : '', phones }, customer?.id);
    if (found.length > 0) setCandidates(found);
    else await save(values);
  };

  useEffect(() => {
    if (blocker.state === 'blocked' && (!formState.isDirty || done)) blocker.proceed();
  }, [blocker, formState.isDirty, done]);

  const errorCount = countErrors(formState.errors);
  return (
    <div style={{ maxWidth: 1100 }} data-testid="customer-form">
      <Typography.Title level={3}>{customer ? t('form.editTitle', { code: customer.code }) : t('form.newTitle')}</Typography.Title>
      {!customer && <Typography.Paragraph type="secondary">{t('form.codeAssigned')}</Typography.Paragraph>}
      {draft.found && (
        <Alert
          type="info"
          showIcon
          data-testid="draft-found"
          style={{ marginBottom: 16 }}
          message={t('form.draftFound', { time: formatDate(draft.found.at, true) })}
          action={
            <Space>
              <Button size="small" type="primary" data-testid="draft-restore" onClick={draft.restore}>
                {t('form.draftRestore')}
              </Button>
              <Button size="small" onClick={() => void draft.discard()}>
                {t('form.draftDiscard')}
              </Button>
            </Space>
          }
        />
      )}
      <Form layout="vertical" onFinish={() => void handleSubmit(onValid)()} disabled={saving}>
        <Card title={t('form.sectionBasic')} size="small" style={{ marginBottom: 16 }}>
          <BasicFields control={control} />
        </Card>
        <Card title={t('form.sectionContacts')} size="small" style={{ marginBottom: 16 }}>
          <ContactsFields control={control} setValue={setValue} getContacts={() => getValues('contacts')} />
        </Card>
        <Card title={t('form.sectionAddresses')} size="small" style={{ marginBottom: 16 }}>
          <AddressesFields control={control} />
        </Card>
        <Card title={t('form.sectionClassification')} size="small" style={{ marginBottom: 16 }}>
          <ClassificationFields control={control} choices={choices} />
        </Card>
        <Card title={t('form.sectionArchive')} size="small" style={{ marginBottom: 16 }}>
          <ArchiveFields control={control} />
        </Card>
        {formState.submitCount > 0 && errorCount > 0 && (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="form-errors" message={t('form.fixErrors', { count: errorCount })} />
        )}
        {saveError && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('form.saveFailed', { message: saveError })} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={saving || formState.isSubmitting} data-testid="form-save">
            {t('form.save')}
          </Button>
          <Button onClick={() => void navigate(customer ? `/customers/${customer.id}` : '/customers')}>{t('form.cancel')}</Button>
          {draft.savedAt && (
            <Typography.Text type="secondary" data-testid="draft-saved">
              {t('form.draftSaved', { time: formatDate(draft.savedAt, true) })}
            </Typography.Text>
          )}
        </Space>
      </Form>
      <DuplicateDialog
        candidates={candidates}
        saving={saving}
        onBack={() => setCandidates([])}
        onSaveAnyway={() => void save(getValues())}
        onOpen={(openId) => {
          setCandidates([]);
          void navigate(`/customers/${openId}`);
        }}
      />
      <Modal
        open={blocker.state === 'blocked'}
        title={t('form.leaveTitle')}
        okText={t('form.leave')}
        cancelText={t('form.stay')}
        okButtonProps={{ danger: true, 'data-testid': 'leave-confirm' } as never}
        cancelButtonProps={{ 'data-testid': 'leave-stay' } as never}
        onOk={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      >
        {t('form.leaveBody')}
      </Modal>
    </div>
  );
}
