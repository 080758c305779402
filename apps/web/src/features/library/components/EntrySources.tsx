import type { LibrarySource } from '@yhteistyotila/protocol';

/** Sources as a list; a link opens in a new tab, like links in messages. */
export function EntrySources({ sources }: { sources: LibrarySource[] }) {
  return (
    <ul className="entry-sources">
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
