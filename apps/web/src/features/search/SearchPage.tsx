import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { PageTitle } from '../../app/PageTitle.js';
import { useErrorMessage } from '../../lib/errors.js';
import { useSession } from '../../lib/session.js';
import { LibraryHits } from '../library/index.js';
import { DidYouMean } from './DidYouMean.js';
import { SearchHitItem } from './SearchHitItem.js';
import { searchPath } from './search-url.js';
import { useSearch } from './useSearch.js';
import './search.css';
import { LoadMoreButton } from '../../app/LoadMoreButton.js';
import { SearchRow } from '../../app/SearchRow.js';

export function SearchPage() {
  const { t } = useTranslation('search');
  const { user, isLoading } = useSession();
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const navigate = useNavigate();
  const search = useSearch(q);
  const errorMessage = useErrorMessage();

  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to="/kirjaudu" replace />;

  const hits = search.data?.pages.flatMap((p) => p.hits) ?? [];
  const didYouMean = search.data?.pages[0]?.didYouMean ?? null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = String(new FormData(e.currentTarget as HTMLFormElement).get('q') ?? '').trim();
    if (next) void navigate(searchPath(next));
  };

  let status = '';
  if (q && search.isPending) status = t('searching');
  else if (q && search.isSuccess)
    status = hits.length ? t('resultCount', { count: hits.length }) : t('noResults', { q });

  return (
    <section className="page search-page">
      <PageTitle>{q ? t('titleWithQuery', { q }) : t('title')}</PageTitle>
      <form role="search" aria-label={t('label')} className="form search-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="search-q">{t('label')}</label>
          <SearchRow id="search-q" query={q} describedBy="search-help" submitLabel={t('submit')} />
          <div id="search-help" className="hint">
            <p>{t('help')}</p>
            <p>{t('helpFilters')}</p>
          </div>
        </div>
      </form>

      <p role="status" aria-live="polite" className="search-status">
        {status}
      </p>
      {didYouMean && <DidYouMean query={didYouMean} />}
      {search.isError && (
        <p role="alert" className="notice error">
          {errorMessage(search.error)}
        </p>
      )}
      {/* The good-practices library's own section comes first (issue 12). */}
      <LibraryHits q={q} />
      {hits.length > 0 && (
        <>
          <h2 className="search-messages-heading">{t('messagesHeading')}</h2>
          <ol className="search-hits" aria-label={t('results')}>
            {hits.map((hit) => (
              <SearchHitItem key={hit.messageId} hit={hit} />
            ))}
          </ol>
        </>
      )}
      <LoadMoreButton pages={search} label={t('more')} busyLabel={t('common:loading')} />
    </section>
  );
}
