import type { SearchHit } from '@yhteistyotila/protocol';

/** The snippet as text with the matching words in <mark> (no HTML from the server is trusted). */
export function Highlighted({ snippet, highlights }: Pick<SearchHit, 'snippet' | 'highlights'>) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const { start, end } of [...highlights].sort((a, b) => a.start - b.start)) {
    if (start < at || end > snippet.length) continue;
    if (start > at) parts.push(snippet.slice(at, start));
    parts.push(<mark key={start}>{snippet.slice(start, end)}</mark>);
    at = end;
  }
  if (at < snippet.length) parts.push(snippet.slice(at));
  return <>{parts}</>;
}
