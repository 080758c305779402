import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../lib/session.js';
import { searchPath } from './search-url.js';
import './search.css';

/** Header search: submitting opens the results page; on that page it shows the current query. */
export function SearchBox() {
  const { t } = useTranslation('search');
  const { user } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const onSearchPage = location.pathname === '/haku';
  const current = onSearchPage ? (params.get('q') ?? '') : '';

  if (!user) return null;
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
          // Re-mounted with the page's query, so it shows what the results are for.
          key={current}
          defaultValue={current}
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
