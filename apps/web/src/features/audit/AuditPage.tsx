import { AUDIT_ACTIONS, auditRoutes, can, routePath } from '@yhteistyotila/protocol';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { PageTitle } from '../../app/PageTitle.js';
import { apiUrl } from '../../lib/api.js';
import { useErrorMessage } from '../../lib/errors.js';
import { useSession } from '../../lib/session.js';
import { AuditEntryItem } from './AuditEntryItem.js';
import {
  exportQuery,
  filterFromForm,
  formFromParams,
  paramsFromForm,
  type AuditForm,
} from './audit-filter.js';
import { useAuditLog } from './useAuditLog.js';
import './audit.css';
import { LoadMoreButton } from '../../app/LoadMoreButton.js';

/** Staff: the log of moderator and admin decisions, filtered, paged and downloadable as CSV. */
export function AuditPage() {
  const { t } = useTranslation('audit');
  const { user, isLoading } = useSession();
  const [params, setParams] = useSearchParams();
  const applied = formFromParams(params);
  const filter = filterFromForm(applied);
  const [form, setForm] = useState<AuditForm>(applied);
  const log = useAuditLog(filter);
  const errorMessage = useErrorMessage();
  const id = useId();

  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to="/kirjaudu?next=/loki" replace />;
  if (!can('audit.read', { role: user.role }))
    return (
      <section className="page">
        <PageTitle>{t('title')}</PageTitle>
        <p className="notice error">{t('common:errors.FORBIDDEN')}</p>
      </section>
    );

  const apply = (next: AuditForm) => {
    setForm(next);
    setParams(paramsFromForm(next));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply(form);
  };
  const set = (k: keyof AuditForm) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];
  const query = exportQuery(filter);
  const csvHref = `${apiUrl(routePath(auditRoutes.exportAudit))}${query ? `?${query}` : ''}`;

  let status = '';
  if (log.isPending) status = t('common:loading');
  else if (log.isSuccess)
    status = entries.length
      ? t('count', { count: entries.length, more: log.hasNextPage ? '+' : '' })
      : t('empty');

  return (
    <section className="page audit-page">
      <PageTitle>{t('title')}</PageTitle>
      <p className="lead">{t('lead')}</p>
      <form className="form audit-filters" onSubmit={submit} aria-label={t('filters')}>
        <div className="field">
          <label htmlFor={`${id}-action`}>{t('filter.action')}</label>
          <select id={`${id}-action`} value={form.action} onChange={set('action')}>
            <option value="">{t('filter.anyAction')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`actions.${a}`, { defaultValue: a })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('filter.from')}</label>
          <input id={`${id}-from`} type="date" value={form.from} onChange={set('from')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('filter.to')}</label>
          <input id={`${id}-to`} type="date" value={form.to} onChange={set('to')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('filter.q')}</label>
          <input id={`${id}-q`} type="search" value={form.q} maxLength={200} onChange={set('q')} />
        </div>
        {(applied.actorId || applied.targetId) && (
          <ul className="audit-chips" aria-label={t('filter.people')}>
            {applied.actorId && (
              <li>
                <button
                  type="button"
                  className="button chip"
                  onClick={() => apply({ ...form, actorId: '' })}
                >
                  {t('filter.actorChip', { id: applied.actorId })}
                  <span aria-hidden="true"> ×</span>
                  <span className="visually-hidden"> {t('filter.remove')}</span>
                </button>
              </li>
            )}
            {applied.targetId && (
              <li>
                <button
                  type="button"
                  className="button chip"
                  onClick={() => apply({ ...form, targetId: '' })}
                >
                  {t('filter.targetChip', { id: applied.targetId })}
                  <span aria-hidden="true"> ×</span>
                  <span className="visually-hidden"> {t('filter.remove')}</span>
                </button>
              </li>
            )}
          </ul>
        )}
        <div className="actions">
          <button type="submit" className="button primary">
            {t('filter.apply')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() =>
              apply({ action: '', actorId: '', targetId: '', from: '', to: '', q: '' })
            }
          >
            {t('filter.clear')}
          </button>
          <a className="button" href={csvHref} download>
            {t('download')}
          </a>
        </div>
      </form>

      <p role="status" aria-live="polite" className="audit-status">
        {status}
      </p>
      {log.isError && (
        <p role="alert" className="notice error">
          {errorMessage(log.error)}
        </p>
      )}
      {entries.length > 0 && (
        <ol className="audit-entries" aria-label={t('entries')}>
          {entries.map((e) => (
            <li key={e.id}>
              <AuditEntryItem
                entry={e}
                onActor={(actorId) => apply({ ...form, actorId })}
                onTarget={(targetId) => apply({ ...form, targetId })}
              />
            </li>
          ))}
        </ol>
      )}
      <LoadMoreButton pages={log} label={t('more')} />
    </section>
  );
}
