import { ROLES, can, type PeopleListQuery, type Role } from '@yhteistyotila/protocol';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { useErrorMessage } from '../../../lib/errors.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { useSession } from '../../../lib/session.js';
import { getSocket, request } from '../../../lib/socket.js';
import { PersonBadges } from '../components/PersonBadges.js';
import { countyOptions, municipalityName, municipalityOptions } from '../people-labels.js';
import '../people.css';

const PAGE = 25;

interface Filters {
  query: string;
  role: Role | '';
  expert: '' | 'yes' | 'no';
  status: '' | 'active' | 'suspended';
  county: string;
  municipalityCode: string;
}
const NO_FILTERS: Filters = {
  query: '',
  role: '',
  expert: '',
  status: '',
  county: '',
  municipalityCode: '',
};

/** The filters as the server's query: empty choices are left out. */
const toQuery = (f: Filters, offset: number): PeopleListQuery => ({
  query: f.query,
  offset,
  limit: PAGE,
  ...(f.role ? { role: f.role } : {}),
  ...(f.expert ? { expert: f.expert === 'yes' } : {}),
  ...(f.status ? { status: f.status } : {}),
  ...(f.county ? { county: f.county } : {}),
  ...(f.municipalityCode ? { municipalityCode: f.municipalityCode } : {}),
});

/** Moderators and admins: everyone, by name, with filters; a page at a time. */
export function PeoplePage() {
  const { t, i18n } = useTranslation('people');
  const { user, isLoading } = useSession();
  const errorMessage = useErrorMessage();
  const id = useId();
  const qc = useQueryClient();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const allowed = Boolean(user && can('people.read', { role: user.role, expert: user.expert }));
  const query = toQuery(filters, offset);
  const list = useQuery({
    queryKey: queryKeys.people.list(query),
    queryFn: () => request('people:list', query),
    enabled: allowed,
    placeholderData: keepPreviousData,
  });

  // A role, capability or status changed anywhere: the lists are refetched.
  useEffect(() => {
    const socket = getSocket();
    const changed = () => void qc.invalidateQueries({ queryKey: queryKeys.people.all });
    socket.on('user:updated', changed);
    return () => void socket.off('user:updated', changed);
  }, [qc]);

  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to="/kirjaudu?next=/ihmiset" replace />;
  if (!allowed)
    return (
      <section className="page">
        <PageTitle>{t('title')}</PageTitle>
        <p className="notice">{t('staffOnly')}</p>
      </section>
    );

  const set = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setOffset(0);
  };
  const total = list.data?.total ?? 0;
  const lang = i18n.language;

  return (
    <section className="page people-page">
      <PageTitle>{t('title')}</PageTitle>
      <p className="lead">{t('lead')}</p>
      <form
        role="search"
        aria-label={t('searchLabel')}
        className="form people-filters"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field people-query">
          <label htmlFor={`${id}-q`}>{t('filters.name')}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={filters.query}
            maxLength={100}
            onChange={(e) => set({ query: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('filters.role')}</label>
          <select
            id={`${id}-role`}
            value={filters.role}
            onChange={(e) => set({ role: e.target.value as Role | '' })}
          >
            <option value="">{t('filters.any')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-expert`}>{t('filters.expert')}</label>
          <select
            id={`${id}-expert`}
            value={filters.expert}
            onChange={(e) => set({ expert: e.target.value as Filters['expert'] })}
          >
            <option value="">{t('filters.any')}</option>
            <option value="yes">{t('filters.expertYes')}</option>
            <option value="no">{t('filters.expertNo')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('filters.status')}</label>
          <select
            id={`${id}-status`}
            value={filters.status}
            onChange={(e) => set({ status: e.target.value as Filters['status'] })}
          >
            <option value="">{t('filters.any')}</option>
            <option value="active">{t('status.active')}</option>
            <option value="suspended">{t('status.suspended')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-county`}>{t('filters.county')}</label>
          <select
            id={`${id}-county`}
            value={filters.county}
            onChange={(e) => set({ county: e.target.value, municipalityCode: '' })}
          >
            <option value="">{t('filters.any')}</option>
            {countyOptions(lang).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-municipality`}>{t('filters.municipality')}</label>
          <select
            id={`${id}-municipality`}
            value={filters.municipalityCode}
            onChange={(e) => set({ municipalityCode: e.target.value })}
          >
            <option value="">{t('filters.any')}</option>
            {municipalityOptions(lang, filters.county).map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
      </form>

      {list.error ? (
        <p className="notice error" role="alert">
          {errorMessage(list.error)}
        </p>
      ) : null}
      <p role="status" aria-live="polite" className="people-count">
        {list.data ? t('count', { count: total }) : t('common:loading')}
      </p>
      {list.data && list.data.people.length > 0 && (
        <ul className="people-list" aria-label={t('listLabel')}>
          {list.data.people.map((p) => (
            <li key={p.id}>
              <Link to={`/ihmiset/${p.id}`} className="person-link">
                {p.name}
              </Link>
              <PersonBadges person={p} />
              <span className="muted">{municipalityName(p.municipalityCode, lang)}</span>
            </li>
          ))}
        </ul>
      )}
      {total > PAGE && (
        <nav className="actions pager" aria-label={t('pages')}>
          <button
            type="button"
            className="button"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            {t('previous')}
          </button>
          <span>
            {t('pageOf', {
              page: Math.floor(offset / PAGE) + 1,
              pages: Math.ceil(total / PAGE),
            })}
          </span>
          <button
            type="button"
            className="button"
            disabled={offset + PAGE >= total}
            onClick={() => setOffset(offset + PAGE)}
          >
            {t('next')}
          </button>
        </nav>
      )}
    </section>
  );
}
