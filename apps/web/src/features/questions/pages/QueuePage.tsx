import { can, type Question, type QuestionEscalation } from '@yhteistyotila/protocol';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { ClaimButton } from '../../../app/Claim.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { QueueList } from '../../../app/QueueList.js';
import { useSession } from '../../../lib/session.js';
import { getSocket, request } from '../../../lib/socket.js';
import { QuestionSummary } from '../components/QuestionSummary.js';
import { StatsTable } from '../components/StatsTable.js';
import { QUEUE_PATH } from '../question-paths.js';
import { useQuestionUpdates } from '../use-question-updates.js';
import '../questions.css';

/**
 * The experts' queue, live: the server's order when loaded (waiting time, first-time askers
 * first among equals); a question arriving later goes to the end (it has waited least), one
 * answered leaves.
 */
function useQueue() {
  const { t } = useTranslation('questions');
  const [questions, setQuestions] = useState<Question[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  const onUpdate = useCallback(
    (q: Question) =>
      setQuestions((list) => {
        if (!list) return list;
        const known = list.some((x) => x.id === q.id);
        if (q.status !== 'open') return list.filter((x) => x.id !== q.id);
        if (known) return list.map((x) => (x.id === q.id ? q : x));
        setAnnouncement(t('queue.arrived', { topic: t(`topics.${q.topic}`) }));
        return [...list, q];
      }),
    [t],
  );
  const load = useCallback(() => {
    request('question:queue', {}).then(
      (r) => (setQuestions(r.questions), setError(null)),
      (err: unknown) => setError(err),
    );
  }, []);
  useQuestionUpdates(onUpdate, load);
  useEffect(() => {
    const socket = getSocket();
    const onEscalated = (e: QuestionEscalation) =>
      setAnnouncement(t('queue.escalated', { topic: t(`topics.${e.topic}`) }));
    socket.on('question:escalated', onEscalated);
    return () => {
      socket.off('question:escalated', onEscalated);
    };
  }, [t]);
  return { questions, setQuestions, error, announcement };
}

export function QueuePage() {
  const { t } = useTranslation('questions');
  const { user, isLoading } = useSession();
  const { questions, setQuestions, error, announcement } = useQueue();
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to={`/kirjaudu?next=${QUEUE_PATH}`} replace />;
  const act = async (id: string, event: 'question:claim' | 'question:release') => {
    setBusy(id);
    setActionError(null);
    try {
      const { question } = await request(event, { id });
      setQuestions((list) => list?.map((x) => (x.id === question.id ? question : x)) ?? null);
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(null);
    }
  };
  const mayStats = can('question.stats', { role: user.role, expert: user.expert });
  return (
    <section className="page questions-page">
      <PageTitle>{t('queue.title')}</PageTitle>
      <p className="lead">{t('queue.lead')}</p>
      <QueueList
        texts={{ ns: 'questions', keyPrefix: 'queue' }}
        items={questions}
        error={error ?? actionError}
        announcement={announcement}
        listClassName="question-list"
      >
        {(q) => {
          const mine = q.claimedBy?.id === user.id;
          return (
            <QuestionSummary question={q}>
              <div className="actions">
                <ClaimButton
                  texts={{ ns: 'questions', keyPrefix: 'queue' }}
                  mine={mine}
                  claimedByOther={q.claimedBy !== null && !mine}
                  busy={busy === q.id}
                  onClaim={() => void act(q.id, 'question:claim')}
                  onRelease={() => void act(q.id, 'question:release')}
                />
              </div>
            </QuestionSummary>
          );
        }}
      </QueueList>
      {mayStats && <StatsTable />}
    </section>
  );
}
