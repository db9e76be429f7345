import { SearchOutlined } from '@ant-design/icons';
import { Input, Tag, Typography, type InputRef } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatNumber } from '../../i18n/format';
import { bridge } from '../../platform/dangan';
import { useCatalog } from '../customers/hooks';
import { Highlight } from './Highlight';
import type { SearchHit } from './search-score';

const LIMIT = 12;

/**
 * The search box in the header, on every screen. Ctrl/Cmd+K or the menu's "Find customer"
 * focuses it; typing searches the in-memory index at each keystroke; arrows and Enter open.
 */
export function GlobalSearch() {
  const { t } = useTranslation('search');
  const navigate = useNavigate();
  const { catalog, state } = useCatalog();
  const input = useRef<InputRef>(null);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  useEffect(() => {
    const focus = () => {
      input.current?.focus({ cursor: 'all' });
      setOpen(true);
    };
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        focus();
      }
    };
    window.addEventListener('keydown', onKey);
    const off = bridge().on('app:command', (payload) => payload.command === 'search' && focus());
    return () => {
      window.removeEventListener('keydown', onKey);
      off();
    };
  }, []);

  // state.version: the index changed (a customer was added or edited), so search again.
  const result = useMemo(
    () => (query.trim() ? catalog.index.search(query, LIMIT) : { hits: [], total: 0 }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [catalog, query, state.version, state.searchComplete],
  );

  const go = (hit: SearchHit | undefined) => {
    if (!hit) return;
    setOpen(false);
    input.current?.blur();
    void navigate(`/customers/${hit.id}`);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, result.hits.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      go(result.hits[active]);
    } else if (e.key === 'Escape') {
      setOpen(false);
      input.current?.blur();
    }
  };

  const show = open && query.trim() !== '';
  return (
    <div style={{ position: 'relative', width: 420 }} data-testid="global-search">
      <Input
        ref={input}
        data-testid="global-search-input"
        prefix={<SearchOutlined />}
        placeholder={t('hint')}
        allowClear
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
        suffix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>Ctrl K</Typography.Text>}
      />
      {show && (
        <div
          role="listbox"
          data-testid="search-results"
          style={{
            position: 'absolute',
            top: 38,
            left: 0,
            width: 520,
            maxHeight: 480,
            overflow: 'auto',
            background: '#fff',
            boxShadow: '0 6px 16px rgba(0,0,0,0.12)',
            borderRadius: 6,
            zIndex: 1000,
            lineHeight: 1.5,
          }}
        >
          {!state.searchComplete && (
            <div style={{ padding: '6px 12px', fontSize: 12, color: '#888' }}>
              {t('indexing', { done: formatNumber(state.contactsIndexed), total: formatNumber(state.loaded) })}
            </div>
          )}
          {result.hits.length === 0 ? (
            <div style={{ padding: 12, color: '#888' }} data-testid="search-empty">
              {t('none')}
            </div>
          ) : (
            result.hits.map((hit, i) => <Hit key={hit.id} hit={hit} active={i === active} onPick={() => go(hit)} onHover={() => setActive(i)} />)
          )}
          {result.total > result.hits.length && (
            <div style={{ padding: '6px 12px', fontSize: 12, color: '#888', borderTop: '1px solid #f0f0f0' }}>
              {t('more', { shown: result.hits.length, total: formatNumber(result.total) })}
            </div>
          )}
        </div>
      )}
    </div>
  );
}

function Hit({ hit, active, onPick, onHover }: { hit: SearchHit; active: boolean; onPick(): void; onHover(): void }) {
  const { t } = useTranslation('search');
  const { catalog } = useCatalog();
  const row = catalog.rows.get(hit.id);
  return (
    <div
      role="option"
      aria-selected={active}
      data-testid="search-hit"
      data-id={hit.id}
      onMouseDown={(e) => {
        e.preventDefault();
        onPick();
      }}
      onMouseEnter={onHover}
      style={{ padding: '8px 12px', cursor: 'pointer', background: active ? '#e6f4ff' : undefined }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <span data-testid="search-hit-name">
          <Highlight text={row?.name ?? ''} ranges={hit.nameRanges} />
        </span>
        <span>
          {row?.archiveStatus === 'retired' && <Tag color="red">{t('retired')}</Tag>}
          <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
            {hit.code}
          </Typography.Text>
        </span>
      </div>
      {hit.detail && (
        <div style={{ fontSize: 12, color: '#666' }} data-testid="search-hit-detail">
          {t(`field.${hit.detail.field}`)}: <Highlight text={hit.detail.text} ranges={hit.detail.ranges} />
        </div>
      )}
    </div>
  );
}
