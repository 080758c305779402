import { LIBRARY_SORTS, type LibraryFacet, type LibrarySort } from '@yhteistyotila/protocol';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { formatNumber } from '../../../lib/dates.js';
import { useErrorMessage } from '../../../lib/errors.js';
import { useSession } from '../../../lib/session.js';
import { EntryListItem } from '../components/EntryListItem.js';
import { FacetFilters } from '../components/FacetFilters.js';
import {
  chosenCount,
  EMPTY_FIND_STATE,
  findSearchParams,
  readFindState,
  type FindState,
  signInPath,
} from '../find-url.js';
import { useLibraryFind } from '../hooks/useLibraryFind.js';
import { LibraryWriteLinks } from '../components/LibraryWriteLinks.js';
import '../find.css';
import { LoadMoreButton } from '../../../app/LoadMoreButton.js';
import { SearchRow } from '../../../app/SearchRow.js';

/** Wide screens show the filters beside the list from the start; phones fold them. */
const wideScreen = () =>
  typeof window !== 'undefined' && window.matchMedia?.('(min-width: 56rem)').matches;

/** The library: search, facets with counts, order, and the matching entries. */
export function LibraryPage() {
  const { t, i18n } = useTranslation('library');
  const { user, isLoading } = useSession();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  // The router applies a new address a moment later (a transition): until it has, the page
  // shows the choice just made, so a checkbox never flips back under the finger or the
  // screen reader. Once the address changes, it is the state again.
  const [pending, setPending] = useState<{ from: string; state: FindState } | null>(null);
  const address = params.toString();
  if (pending && pending.from !== address) setPending(null);
  const state = pending && pending.from === address ? pending.state : readFindState(params);
  const find = useLibraryFind(state, { enabled: Boolean(user) });
  const errorMessage = useErrorMessage();
  const [filtersOpen, setFiltersOpen] = useState(wideScreen);

  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to={signInPath(location)} replace />;

  // A new search is a new page in the history; a filter or an order replaces this one.
  const go = (next: FindState, replace: boolean) => {
    setPending({ from: address, state: next });
    void setParams(findSearchParams(next), { replace, preventScrollReset: true });
  };
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const q = String(new FormData(e.currentTarget).get('q') ?? '').trim();
    go({ ...state, q }, false);
  };
  const toggle = (facet: LibraryFacet, value: string, on: boolean) => {
    const values = state.filters[facet].filter((v) => v !== value);
    go(
      { ...state, filters: { ...state.filters, [facet]: on ? [...values, value] : values } },
      true,
    );
  };
  const chosen = chosenCount(state.filters);

  const pages = find.data?.pages ?? [];
  const entries = pages.flatMap((p) => p.entries);
  const first = pages[0];
  const total = first?.total ?? 0;
  // With words the server orders by closeness unless told otherwise.
  const sortValue = state.sort ?? (state.q ? '' : 'updated');

  return (
    <div className="page library-page">
      <PageTitle>{t('find.title')}</PageTitle>
      <p className="lead">{t('find.lead')}</p>
      <LibraryWriteLinks />
      <form
        role="search"
        aria-label={t('find.search.label')}
        className="form library-search"
        onSubmit={submit}
      >
        <div className="field">
          <label htmlFor="library-q">{t('find.search.label')}</label>
          <SearchRow
            id="library-q"
            query={state.q}
            describedBy="library-q-help"
            submitLabel={t('find.search.submit')}
          />
          <p id="library-q-help" className="hint">
            {t('find.search.help')}
          </p>
        </div>
      </form>

      <div className="library-layout">
        <section className="library-filters" aria-labelledby="library-filters-heading">
          <h2 id="library-filters-heading" className="visually-hidden">
            {t('find.filters.heading')}
          </h2>
          <details
            open={filtersOpen}
            onToggle={(e) => setFiltersOpen((e.currentTarget as HTMLDetailsElement).open)}
          >
            <summary>
              {t('find.filters.heading')}
              {chosen > 0 && ` (${t('find.filters.chosen', { count: chosen })})`}
            </summary>
            <FacetFilters chosen={state.filters} counts={first?.facets} onToggle={toggle} />
            {chosen > 0 && (
              <button
                type="button"
                className="button"
                onClick={() => go({ ...state, filters: EMPTY_FIND_STATE.filters }, true)}
              >
                {t('find.filters.clear')}
              </button>
            )}
          </details>
        </section>

        <section className="library-results" aria-labelledby="library-results-heading">
          <div className="library-results-bar">
            <h2 id="library-results-heading" className="visually-hidden">
              {t('find.results.heading')}
            </h2>
            <p role="status" aria-live="polite" className="library-count">
              {find.isPending
                ? t('common:loading')
                : find.isSuccess
                  ? t('find.results.count', { count: total, n: formatNumber(total, i18n.language) })
                  : ''}
            </p>
            <div className="field library-sort">
              <label htmlFor="library-sort">{t('find.sort.label')}</label>
              <select
                id="library-sort"
                value={sortValue}
                onChange={(e) =>
                  go({ ...state, sort: (e.target.value || null) as LibrarySort | null }, true)
                }
              >
                {state.q && <option value="">{t('find.sort.relevance')}</option>}
                {LIBRARY_SORTS.map((s) => (
                  <option key={s} value={s}>
                    {t(`find.sort.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {find.isError && (
            <p role="alert" className="notice error">
              {errorMessage(find.error)}
            </p>
          )}
          {find.isSuccess && total === 0 && <p className="notice">{t('find.results.empty')}</p>}
          {entries.length > 0 && (
            <ol className="library-list" aria-labelledby="library-results-heading">
              {entries.map((entry) => (
                <EntryListItem key={entry.id} entry={entry} />
              ))}
            </ol>
          )}
          <LoadMoreButton
            pages={find}
            label={t('find.results.more')}
            busyLabel={t('common:loading')}
          />
        </section>
      </div>
    </div>
  );
}
