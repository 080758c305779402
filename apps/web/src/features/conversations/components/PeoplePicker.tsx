import type { PersonRef } from '@yhteistyotila/protocol';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../../lib/query-keys.js';
import { request } from '../../../lib/socket.js';
import { PersonName } from './PersonName.js';

/** Search people by name and pick them (DMs, invites). */
export function PeoplePicker({
  selected,
  onToggle,
  max,
  excludeIds = [],
}: {
  selected: PersonRef[];
  onToggle: (person: PersonRef) => void;
  max: number;
  excludeIds?: string[];
}) {
  const { t } = useTranslation('conversations');
  const [query, setQuery] = useState('');
  const inputId = useId();
  const trimmed = query.trim();
  const { data, isFetching } = useQuery({
    queryKey: queryKeys.conversations.people(trimmed),
    queryFn: () => request('people:search', { query: trimmed }),
    enabled: trimmed.length > 0,
    staleTime: 30_000,
  });
  const results = (data?.people ?? []).filter((p) => !excludeIds.includes(p.id));
  const isSelected = (p: PersonRef) => selected.some((s) => s.id === p.id);
  return (
    <div className="people-picker">
      {selected.length > 0 && (
        <ul className="chips" aria-label={t('people.selected')}>
          {selected.map((p) => (
            <li key={p.id} className="chip">
              {p.name}
              <button
                type="button"
                className="icon-button"
                onClick={() => onToggle(p)}
                aria-label={t('people.remove', { name: p.name })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor={inputId}>{t('people.search')}</label>
        <input
          id={inputId}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
        />
      </div>
      <ul className="people-results" aria-busy={isFetching}>
        {results.map((p) => (
          <li key={p.id}>
            <PersonName person={p} />
            <button
              type="button"
              className="button small"
              aria-pressed={isSelected(p)}
              disabled={!isSelected(p) && selected.length >= max}
              onClick={() => onToggle(p)}
            >
              {isSelected(p) ? t('people.picked') : t('people.pick')}
              <span className="visually-hidden"> {p.name}</span>
            </button>
          </li>
        ))}
        {trimmed && data && results.length === 0 && <li className="muted">{t('people.none')}</li>}
      </ul>
    </div>
  );
}
