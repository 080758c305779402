import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useSession } from '../../lib/session.js';
import { searchPath } from './search-url.js';
import './search.css';

/** Header search: submitting opens the results page. */
export function SearchBox() {
  const { t } = useTranslation('search');
  const { user } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  // The results page has its own, larger search form: one search landmark per page.
  if (!user || location.pathname === '/haku') return null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = String(new FormData(e.currentTarget as HTMLFormElement).get('q') ?? '').trim();
    if (q) void navigate(searchPath(q));
  };
  return (
    <form role="search" aria-label={t('label')} className="header-search" onSubmit={submit}>
      <label>
        <span className="visually-hidden">{t('label')}</span>
        <input
          type="search"
          name="q"
          placeholder={t('placeholder')}
          enterKeyHint="search"
          autoComplete="off"
        />
      </label>
      <button type="submit" className="header-search-button">
        {t('submit')}
      </button>
    </form>
  );
}
