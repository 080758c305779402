import type { Question, QuestionReply } from '@yhteistyotila/protocol';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/dates.js';

/** One reply: who (an expert or a visiting expert is marked), when, the words, endorsements. */
export function ReplyItem({
  question: q,
  reply: r,
  mayAccept,
  mayEndorse,
  me,
  busy,
  onAccept,
  onEndorse,
}: {
  question: Question;
  reply: QuestionReply;
  mayAccept: boolean;
  mayEndorse: boolean;
  me: string;
  busy: boolean;
  onAccept: () => void;
  onEndorse: (endorse: boolean) => void;
}) {
  const { t, i18n } = useTranslation('questions');
  const accepted = q.acceptedReplyId === r.id;
  const endorsedByMe = r.endorsedBy.some((p) => p.id === me);
  const badge =
    r.author?.role === 'guest' ? 'question.guest' : r.author?.expert ? 'question.expert' : null;
  return (
    <article className={`card reply-card${accepted ? ' accepted' : ''}`} data-reply-id={r.id}>
      {accepted && <p className="tag status-answered">{t('question.answer')}</p>}
      <p className="muted">
        <strong>{r.author?.name ?? t('card.deletedPerson')}</strong>
        {badge && <span className="tag expert-badge">{t(badge)}</span>} ·{' '}
        <time dateTime={r.createdAt}>{formatDateTime(r.createdAt, i18n.language)}</time>
      </p>
      <p className="reply-text">{r.text}</p>
      {r.endorsedBy.length > 0 && (
        <p className="endorsed">
          {t('question.endorsedBy', { names: r.endorsedBy.map((p) => p.name).join(', ') })}
        </p>
      )}
      <div className="actions">
        {mayAccept && !accepted && (
          <button type="button" className="button primary" disabled={busy} onClick={onAccept}>
            {t('question.accept')}
          </button>
        )}
        {mayEndorse && (
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-pressed={endorsedByMe}
            onClick={() => onEndorse(!endorsedByMe)}
          >
            {t(endorsedByMe ? 'question.unendorse' : 'question.endorse')}
          </button>
        )}
      </div>
    </article>
  );
}
