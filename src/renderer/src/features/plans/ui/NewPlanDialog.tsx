import { App, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { PlanPeriod } from '../../../../../shared/schema';
import { VisitRuleError } from '../../../../../shared/visits';
import { useDatabase } from '../../../db/provider';
import { useSession } from '../../../session/session';
import { createPlan } from '../data/plan-store';

interface Values {
  period: PlanPeriod;
  year: number;
  month: number;
  title: string;
}

export function NewPlanDialog({
  open,
  year,
  onClose,
}: {
  open: boolean;
  year: number;
  onClose: () => void;
}) {
  const { t } = useTranslation('visits');
  const { message } = App.useApp();
  const db = useDatabase();
  const user = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const period = Form.useWatch('period', form);
  const month = Form.useWatch('month', form);
  const chosenYear = Form.useWatch('year', form);

  useEffect(() => {
    if (open) form.setFieldsValue({ period: 'month', year, month: new Date().getMonth() + 1 });
  }, [open, year, form]);

  const defaultTitle = (v: Partial<Values>) =>
    v.period === 'year'
      ? t('plans.defaultTitleYear', { year: v.year })
      : t('plans.defaultTitleMonth', { year: v.year, month: v.month });

  useEffect(() => {
    if (chosenYear) form.setFieldValue('title', defaultTitle({ period, year: chosenYear, month }));
    // defaultTitle only reads its argument and t.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [period, month, chosenYear, form, t]);

  const create = async () => {
    // Read at click time: a quick click may come before the defaults above have rendered.
    const f: Partial<Values> = form.getFieldsValue();
    const v = {
      period: f.period ?? 'month',
      year: f.year ?? year,
      month: f.month ?? new Date().getMonth() + 1,
      title: f.title,
    };
    try {
      const id = await createPlan(db, user, {
        period: v.period,
        year: v.year,
        month: v.period === 'year' ? 0 : v.month,
        title: v.title?.trim() || defaultTitle(v),
        status: 'active',
        targets: [],
      });
      onClose();
      void navigate(`/visits/plans/${id}`);
    } catch (e) {
      if (e instanceof VisitRuleError)
        void message.error([t(e.key), ...e.problems.map((p) => t(p.message))].join('：'));
      else void message.error(String(e));
    }
  };

  return (
    <Modal
      open={open}
      title={t('plans.newPlan')}
      onCancel={onClose}
      onOk={() => void create()}
      okText={t('plans.newPlan')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="new-plan-form">
        <Form.Item name="period" label={t('plans.period')}>
          <Radio.Group
            options={[
              { value: 'month', label: t('plans.monthly') },
              { value: 'year', label: t('plans.annual') },
            ]}
            data-testid="new-plan-period"
          />
        </Form.Item>
        <Form.Item name="year" label={t('plans.year')}>
          <InputNumber min={2000} max={2200} data-testid="new-plan-year" />
        </Form.Item>
        {period !== 'year' && (
          <Form.Item name="month" label={t('month')}>
            <Select
              options={Array.from({ length: 12 }, (_, i) => ({
                value: i + 1,
                label: t('plans.monthName', { month: i + 1 }),
              }))}
              data-testid="new-plan-month"
              style={{ width: 120 }}
            />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('plans.planTitle')}>
          <Input maxLength={200} data-testid="new-plan-title" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
