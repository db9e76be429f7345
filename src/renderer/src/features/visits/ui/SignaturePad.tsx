import { Button, Space, Typography } from 'antd';
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  onSave: (png: Blob) => Promise<void>;
  disabled?: boolean;
}

const WIDTH = 480;
const HEIGHT = 180;

/** The customer signs with a finger, pen or mouse; the drawing is saved as a PNG file. */
export function SignaturePad({ onSave, disabled }: Props) {
  const { t } = useTranslation('visits');
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const drawing = useRef(false);
  const [empty, setEmpty] = useState(true);
  const [saving, setSaving] = useState(false);

  const context = () => {
    const ctx = canvas.current?.getContext('2d');
    if (ctx) {
      ctx.lineWidth = 2.5;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.strokeStyle = '#111';
    }
    return ctx ?? null;
  };

  const clear = () => {
    const ctx = context();
    if (!ctx || !canvas.current) return;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.current.width, canvas.current.height);
    setEmpty(true);
  };
  useEffect(clear, []);

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return {
      x: ((e.clientX - rect.left) * WIDTH) / rect.width,
      y: ((e.clientY - rect.top) * HEIGHT) / rect.height,
    };
  };
  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    if (disabled) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const ctx = context();
    const p = point(e);
    drawing.current = true;
    ctx?.beginPath();
    ctx?.moveTo(p.x, p.y);
    ctx?.lineTo(p.x + 0.1, p.y + 0.1);
    ctx?.stroke();
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const ctx = context();
    const p = point(e);
    ctx?.lineTo(p.x, p.y);
    ctx?.stroke();
    setEmpty(false);
  };
  const up = () => {
    drawing.current = false;
  };

  const save = async () => {
    const blob = await new Promise<Blob | null>((resolve) => {
      if (canvas.current) canvas.current.toBlob(resolve, 'image/png');
      else resolve(null);
    });
    if (!blob) return;
    setSaving(true);
    try {
      await onSave(blob);
      clear();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('signatureHint')}</Typography.Text>
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        data-testid="signature-canvas"
        style={{
          width: '100%',
          maxWidth: WIDTH,
          aspectRatio: `${WIDTH} / ${HEIGHT}`,
          border: '1px dashed #bbb',
          borderRadius: 4,
          touchAction: 'none',
          cursor: disabled ? 'not-allowed' : 'crosshair',
          background: '#fff',
        }}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerLeave={up}
      />
      <Space>
        <Button onClick={clear} disabled={disabled || empty}>
          {t('actions.clearSignature')}
        </Button>
        <Button
          type="primary"
          onClick={() => void save()}
          disabled={disabled || empty}
          loading={saving}
          data-testid="signature-save"
        >
          {t('actions.saveSignature')}
        </Button>
      </Space>
    </Space>
  );
}
