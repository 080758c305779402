import type { LibrarySource } from '@yhteistyotila/protocol';

/**
 * Sources as a list; a link opens in a new tab, like links in messages. Their titles are in the
 * entry's language (`lang`), which may not be the reader's.
 */
export function EntrySources({ sources, lang }: { sources: LibrarySource[]; lang: string }) {
  return (
    <ul className="entry-sources" lang={lang}>
      {sources.map((source, i) => (
        <li key={i}>
          {source.url ? (
            <>
              <a href={source.url} rel="noopener noreferrer nofollow ugc" target="_blank">
                {source.title}
              </a>
              <span className="source-url"> ({source.url})</span>
            </>
          ) : (
            source.title
          )}
        </li>
      ))}
    </ul>
  );
}
