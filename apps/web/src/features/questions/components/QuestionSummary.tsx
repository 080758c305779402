import type { Question } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/dates.js';
import { questionPath } from '../question-paths.js';

/** A question in a list: its title as a link, topic, status, who has taken it. */
export function QuestionSummary({
  question: q,
  children,
}: {
  question: Question;
  children?: React.ReactNode;
}) {
  const { t, i18n } = useTranslation('questions');
  return (
    <article className="card question-card" data-question-id={q.id} aria-labelledby={`q-${q.id}`}>
      <h3 id={`q-${q.id}`}>
        <Link to={questionPath(q.id)}>{q.title}</Link>
      </h3>
      <p className="question-tags">
        <span className={`tag status-${q.status}`}>{t(`status.${q.status}`)}</span>
        <span className="tag">{t(`topics.${q.topic}`)}</span>
        <span className="tag">{t(`visibility.${q.visibility}`)}</span>
        {q.firstTime && <span className="tag">{t('card.firstTime')}</span>}
        {q.escalatedAt && q.status === 'open' && (
          <span className="tag warning">{t('card.escalated')}</span>
        )}
      </p>
      <p className="muted">
        {q.asker?.name ?? t('card.deletedPerson')} ·{' '}
        {t('card.asked', { when: formatDateTime(q.createdAt, i18n.language) })}
      </p>
      {q.status === 'open' && (
        <p className="claim" data-testid="claim-status">
          {q.claimedBy ? t('card.claimedBy', { name: q.claimedBy.name }) : t('card.unclaimed')}
        </p>
      )}
      {children}
    </article>
  );
}
