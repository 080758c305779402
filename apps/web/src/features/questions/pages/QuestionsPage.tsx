import { can, type Question } from '@yhteistyotila/protocol';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';
import { AskForm } from '../components/AskForm.js';
import { QuestionSummary } from '../components/QuestionSummary.js';
import { QUEUE_PATH } from '../question-paths.js';
import { upsertQuestion, useQuestionUpdates } from '../use-question-updates.js';
import '../questions.css';
import { ErrorNotice } from '../../../app/ErrorNotice.js';

/** "Ask an expert" and "my questions" with their status, kept current live. */
export function QuestionsPage() {
  const { t } = useTranslation('questions');
  const { user, isLoading } = useSession();
  const [questions, setQuestions] = useState<Question[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const me = user?.id;
  const onUpdate = useCallback(
    (q: Question) => {
      if (q.asker?.id !== me) return;
      setQuestions((list) =>
        list?.some((x) => x.id === q.id)
          ? list.map((x) => (x.id === q.id ? q : x))
          : upsertQuestion(list, q),
      );
    },
    [me],
  );
  const load = useCallback(() => {
    request('question:mine', {}).then(
      (r) => (setQuestions(r.questions), setError(null)),
      (err: unknown) => setError(err),
    );
  }, []);
  useQuestionUpdates(onUpdate, load);
  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to="/kirjaudu?next=/kysymykset" replace />;
  const who = { role: user.role, expert: user.expert };
  // A guest expert works from the queue (their channels'); everyone else asks here too.
  const mayAsk = can('question.ask', who);
  const mayQueue = can('question.queue', { ...who, member: true });
  return (
    <section className="page questions-page">
      <PageTitle>{t('nav')}</PageTitle>
      {mayQueue && (
        <p>
          <Link className="button" to={QUEUE_PATH}>
            {t('mine.queueLink')}
          </Link>
        </p>
      )}
      {mayAsk && <AskForm onAsked={(q) => setQuestions((list) => upsertQuestion(list, q))} />}
      {mayAsk && (
        <>
          <h2>{t('mine.title')}</h2>
          <ErrorNotice error={error} />
          {questions === null && !error && <p>{t('common:loading')}</p>}
          {questions?.length === 0 && <p className="notice">{t('mine.empty')}</p>}
          {questions && questions.length > 0 && (
            <ul className="question-list" aria-label={t('mine.title')}>
              {questions.map((q) => (
                <li key={q.id}>
                  <QuestionSummary question={q} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
