import type { LibraryEntry } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../lib/dates.js';
import { libraryPaths } from '../library-paths.js';

/**
 * The expert review as readers need it: who reviewed which revision and when, when it is due
 * again, and, if the text has changed (beyond a typo) since, a notice with that difference one
 * click away.
 */
export function ReviewStamp({ entry, now = new Date() }: { entry: LibraryEntry; now?: Date }) {
  const { t, i18n } = useTranslation('library');
  const review = entry.review;
  if (!review)
    return (
      <div className="review-stamp none">
        <p>{t('find.entry.notReviewed')}</p>
      </div>
    );
  const lang = i18n.language;
  const overdue = new Date(review.dueAt) < now;
  return (
    <>
      <div className="review-stamp">
        <p className="stamp-title">✓ {t('find.entry.reviewStamp')}</p>
        <p>
          {t('find.entry.reviewedBy', {
            name: review.reviewer?.name ?? t('find.entry.deletedUser'),
            revision: review.revision,
            date: formatDate(review.reviewedAt, lang),
          })}
        </p>
        <p>
          {t(overdue ? 'find.entry.reviewOverdue' : 'find.entry.reviewDue', {
            date: formatDate(review.dueAt, lang),
          })}
        </p>
      </div>
      {review.changedSince && (
        <div className="notice warn changed-since-review">
          <p>{t('find.entry.changedSinceReview', { revision: entry.revision })}</p>
          <p>
            <Link to={libraryPaths.diff(entry.id, review.revision, entry.revision)}>
              {t('find.entry.changedSinceReviewLink')}
            </Link>
          </p>
        </div>
      )}
    </>
  );
}
