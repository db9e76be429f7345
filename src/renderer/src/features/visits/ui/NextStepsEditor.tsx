import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { newId } from '../../../../../shared/ids';
import type { NextStep } from '../../../../../shared/schema';

interface Props {
  value: NextStep[];
  onChange: (steps: NextStep[]) => void;
  disabled: boolean;
  errorOf: (path: string) => string | undefined;
}

/** Next steps; one with a follow-up date becomes a follow-up task when the report is handed in. */
export function NextStepsEditor({ value, onChange, disabled, errorOf }: Props) {
  const { t } = useTranslation('visits');
  const update = (index: number, patch: Partial<NextStep>) =>
    onChange(
      value.map((step, i) => {
        if (i !== index) return step;
        const next: NextStep = { ...step, ...patch };
        if (patch.dueAt === undefined && 'dueAt' in patch) delete next.dueAt;
        return next;
      }),
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="report-nextSteps">
      {value.map((step, index) => (
        <Space key={step.id} align="start" style={{ width: '100%' }} wrap>
          <Form.Item
            validateStatus={errorOf(`nextSteps.${index}.text`) ? 'error' : undefined}
            help={errorOf(`nextSteps.${index}.text`)}
            style={{ marginBottom: 0 }}
          >
            <Input
              value={step.text}
              onChange={(e) => update(index, { text: e.target.value })}
              placeholder={t('fields.stepText')}
              maxLength={1000}
              style={{ width: 420 }}
              data-testid={`step-text-${index}`}
            />
          </Form.Item>
          <Form.Item
            validateStatus={errorOf(`nextSteps.${index}.dueAt`) ? 'error' : undefined}
            help={errorOf(`nextSteps.${index}.dueAt`)}
            style={{ marginBottom: 0 }}
          >
            <DatePicker
              value={step.dueAt ? dayjs(step.dueAt) : null}
              onChange={(d) => update(index, { dueAt: d ? d.startOf('day').valueOf() : undefined })}
              placeholder={t('fields.stepDue')}
              data-testid={`step-due-${index}`}
            />
          </Form.Item>
          {step.taskId && <Tag color="blue">{t('stepTask')}</Tag>}
          {!disabled && (
            <Button
              icon={<DeleteOutlined />}
              onClick={() => onChange(value.filter((_, i) => i !== index))}
              aria-label={t('actions.removeStep')}
            />
          )}
        </Space>
      ))}
      {!disabled && value.length < 50 && (
        <Button
          icon={<PlusOutlined />}
          onClick={() => onChange([...value, { id: newId(), text: '' }])}
          data-testid="step-add"
        >
          {t('actions.addStep')}
        </Button>
      )}
    </Space>
  );
}
