import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from './ErrorNotice.js';

/**
 * The body of a live work queue (join requests, reports, questions to the experts): the
 * announcements a screen reader hears as items arrive or are decided, the error, "loading",
 * "empty", and the count as the list's heading. The items are the caller's (`children`). The
 * words are the feature's own: `texts` names its namespace and key prefix, under which title
 * (the list's name), empty and count ({{count}}) are found.
 */
export function QueueList<T extends { id: string }>({
  texts,
  items,
  error,
  errorText,
  announcement,
  listClassName = 'queue',
  children,
}: {
  texts: { ns: string; keyPrefix: string };
  /** Null while loading. */
  items: readonly T[] | null;
  error: unknown;
  /** Words the error (the default: the shared error messages). */
  errorText?: (error: unknown) => string;
  announcement: string;
  listClassName?: string;
  children: (item: T) => ReactNode;
}) {
  const { t } = useTranslation(texts.ns, { keyPrefix: texts.keyPrefix });
  const { t: common } = useTranslation('common');
  return (
    <>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      <ErrorNotice error={error} text={errorText} />
      {items === null && !error && <p>{common('loading')}</p>}
      {items?.length === 0 && <p className="notice">{t('empty')}</p>}
      {items && items.length > 0 && (
        <>
          <h2 className="queue-count">{t('count', { count: items.length })}</h2>
          <ul className={listClassName} aria-label={t('title')}>
            {items.map((item) => (
              <li key={item.id}>{children(item)}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
