import { MAX_MESSAGE_LENGTH } from '@yhteistyotila/protocol';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../../lib/socket.js';
import { ErrorNotice } from '../../../app/ErrorNotice.js';

/** A reply to the question (in its thread when open, privately when private). */
export function ReplyForm({ questionId, onSent }: { questionId: string; onSent: () => void }) {
  const { t } = useTranslation('questions');
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [clientId, setClientId] = useState(() => crypto.randomUUID());
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await request('question:reply', { id: questionId, clientId, text });
      setText('');
      setClientId(crypto.randomUUID());
      onSent();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form reply-form" onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('question.replyLabel')}</label>
        <textarea
          id={`${id}-text`}
          rows={4}
          value={text}
          maxLength={MAX_MESSAGE_LENGTH}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <ErrorNotice error={error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy || !text.trim()}>
          {t('question.send')}
        </button>
      </div>
    </form>
  );
}
