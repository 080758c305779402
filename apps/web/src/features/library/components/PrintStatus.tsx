import type { LibraryEntry } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../lib/dates.js';

/**
 * The print view's box under the title: which revision the paper shows, who reviewed which
 * revision and when (or that no one has), whether the text changed after that review, and a
 * "needs updating" flag, so that a reader of the paper knows how far to trust it.
 */
export function PrintStatus({ entry }: { entry: LibraryEntry }) {
  const { t, i18n } = useTranslation('library');
  const lang = i18n.language;
  const review = entry.review;
  return (
    <div className="print-status">
      <p>
        {t('find.print.revision', {
          revision: entry.revision,
          date: formatDate(entry.updatedAt, lang),
        })}
      </p>
      {review ? (
        <>
          <p className="print-reviewed">
            ✓{' '}
            {t('find.print.reviewed', {
              name: review.reviewer?.name ?? t('find.entry.deletedUser'),
              date: formatDate(review.reviewedAt, lang),
              revision: review.revision,
            })}
          </p>
          {review.changedSince && (
            <p>{t('find.print.changedSinceReview', { revision: review.revision })}</p>
          )}
        </>
      ) : (
        <p>{t('find.print.notReviewed')}</p>
      )}
      {entry.needsUpdating && (
        <p>
          <strong>{t('find.entry.needsUpdating')}:</strong> {entry.needsUpdating.reason}
        </p>
      )}
    </div>
  );
}
