import { MAX_SEARCH_QUERY_LENGTH } from '@yhteistyotila/protocol';

/**
 * A search form's box and its button (the messages' search, the library's find). The box shows
 * `query` and starts afresh when it changes (a link or the back button chose another search).
 */
export function SearchRow({
  id,
  query,
  describedBy,
  submitLabel,
}: {
  id: string;
  query: string;
  describedBy: string;
  submitLabel: string;
}) {
  return (
    <div className="search-row">
      <input
        id={id}
        type="search"
        name="q"
        key={query}
        defaultValue={query}
        maxLength={MAX_SEARCH_QUERY_LENGTH}
        aria-describedby={describedBy}
        enterKeyHint="search"
        autoComplete="off"
      />
      <button type="submit" className="button primary">
        {submitLabel}
      </button>
    </div>
  );
}
