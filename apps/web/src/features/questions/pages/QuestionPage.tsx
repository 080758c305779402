import { can, type Question, type QuestionReply } from '@yhteistyotila/protocol';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { formatDateTime } from '../../../lib/dates.js';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';
import { LibraryDraft } from '../components/LibraryDraft.js';
import { ReplyForm } from '../components/ReplyForm.js';
import { ReplyItem } from '../components/ReplyItem.js';
import { questionPath } from '../question-paths.js';
import { useQuestionUpdates } from '../use-question-updates.js';
import '../questions.css';
import { ErrorNotice } from '../../../app/ErrorNotice.js';

/** One question with its replies: accept, endorse, reopen, reply, and to the library. */
export function QuestionPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('questions');
  const { user, isLoading } = useSession();
  const [question, setQuestion] = useState<Question | null>(null);
  const [replies, setReplies] = useState<QuestionReply[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const previous = useRef<Question | null>(null);

  const load = useCallback(() => {
    request('question:get', { id }).then(
      (r) => {
        previous.current = r.question;
        setQuestion(r.question);
        setReplies(r.replies);
        setError(null);
      },
      (err: unknown) => setError(err),
    );
  }, [id]);
  const onUpdate = useCallback(
    (q: Question) => {
      if (q.id !== id) return;
      const before = previous.current;
      // Said aloud: "Anna has taken your question", answered, reopened.
      if (q.claimedBy && q.claimedBy.id !== before?.claimedBy?.id)
        setAnnouncement(t('live.claimed', { name: q.claimedBy.name }));
      else if (before && q.status !== before.status)
        setAnnouncement(t(q.status === 'answered' ? 'live.answered' : 'live.reopened'));
      load();
    },
    [id, load, t],
  );
  useQuestionUpdates(onUpdate, load);

  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to={`/kirjaudu?next=${questionPath(id)}`} replace />;
  const q = question;
  const isAsker = q?.asker?.id === user.id;
  const who = { role: user.role, expert: user.expert, own: isAsker };
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  // The server decides; these only choose what to offer (a guest's channel rule counts as met:
  // they see the question only as a member of its channel).
  const mayAccept = can('question.accept', who);
  const mayEndorse = can('question.endorse', { ...who, member: true });
  const mayReply = can('question.reply', { ...who, member: true });
  const mayDraft =
    can('question.toLibrary', { ...who, consented: q?.libraryConsent ?? false }) &&
    can('library.write', who);

  return (
    <section className="page questions-page question-page">
      <p>
        <Link to="/kysymykset">{t('question.back')}</Link>
      </p>
      <ErrorNotice error={error} />
      {!q && !error && <p>{t('common:loading')}</p>}
      {q && (
        <>
          <PageTitle>{q.title}</PageTitle>
          <div className="visually-hidden" role="status" aria-live="polite">
            {announcement}
          </div>
          <p className="question-tags">
            <span className={`tag status-${q.status}`}>{t(`status.${q.status}`)}</span>
            <span className="tag">{t(`topics.${q.topic}`)}</span>
            <span className="tag">{t(`visibility.${q.visibility}`)}</span>
          </p>
          <p className="muted">
            {q.asker?.name ?? t('card.deletedPerson')} ·{' '}
            {t('card.asked', { when: formatDateTime(q.createdAt, i18n.language) })}
          </p>
          <p className="question-text">{q.text}</p>
          {q.status === 'open' && (
            <p className="claim" data-testid="claim-status">
              {q.claimedBy ? t('card.claimedBy', { name: q.claimedBy.name }) : t('card.unclaimed')}
            </p>
          )}
          {q.thread && (
            <p>
              <Link to={`/c/${q.thread.conversationId}/m/${q.thread.messageId}`}>
                {t('question.inThread')}
              </Link>
            </p>
          )}
          {mayAccept && q.status === 'answered' && (
            <p>
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => void run(() => request('question:reopen', { id: q.id }))}
              >
                {t('question.reopen')}
              </button>
            </p>
          )}
          {q.status === 'answered' && (isAsker || mayDraft) && (
            <LibraryDraft
              question={q}
              isAsker={isAsker}
              mayDraft={mayDraft}
              onChanged={setQuestion}
            />
          )}
          <h2>{t('question.replies')}</h2>
          {replies.length === 0 && <p className="notice">{t('question.noReplies')}</p>}
          <ul className="question-list" aria-label={t('question.replies')}>
            {replies.map((r) => (
              <li key={r.id}>
                <ReplyItem
                  question={q}
                  reply={r}
                  me={user.id}
                  busy={busy}
                  mayAccept={mayAccept}
                  mayEndorse={mayEndorse}
                  onAccept={() =>
                    void run(() => request('question:accept', { id: q.id, replyId: r.id }))
                  }
                  onEndorse={(endorse) =>
                    void run(() =>
                      request('question:endorse', { id: q.id, replyId: r.id, endorse }),
                    )
                  }
                />
              </li>
            ))}
          </ul>
          {mayReply && (
            <>
              <h2>{t('question.reply')}</h2>
              <ReplyForm questionId={q.id} onSent={load} />
            </>
          )}
        </>
      )}
    </section>
  );
}
