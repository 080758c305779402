import { FEEDBACK_MESSAGE_MAX, httpRoutes } from '@yhteistyotila/protocol';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { callRoute } from '../../lib/api.js';
import { useErrorMessage } from '../../lib/errors.js';
import { asLanguage } from '../../lib/i18n.js';
import { useSession } from '../../lib/session.js';

/** Accessibility feedback: stored and mailed to the admins (server features/first-day). */
export function FeedbackForm() {
  const { t, i18n } = useTranslation('accessibility');
  const errorMessage = useErrorMessage();
  const { user } = useSession();
  const id = useId();
  const [message, setMessage] = useState('');
  const [email, setEmail] = useState('');
  const [page, setPage] = useState('');
  const [state, setState] = useState<'idle' | 'sending' | 'sent'>('idle');
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!message.trim()) {
      setMissing(true);
      document.getElementById(`${id}-message`)?.focus();
      return;
    }
    setMissing(false);
    setError(null);
    setState('sending');
    try {
      await callRoute(httpRoutes.accessibilityFeedback, {
        body: { message, email, page, language: asLanguage(i18n.language) },
      });
      setState('sent');
      setMessage('');
    } catch (err) {
      setError(err);
      setState('idle');
    }
  };

  return (
    <form
      className="feedback-form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(e) => void onSubmit(e)}
    >
      <h2 id={`${id}-title`}>{t('feedback.title')}</h2>
      <div className="field">
        <label htmlFor={`${id}-message`}>{t('feedback.message')}</label>
        {missing && (
          <span id={`${id}-message-error`} className="error">
            {t('feedback.messageMissing')}
          </span>
        )}
        <textarea
          id={`${id}-message`}
          rows={5}
          maxLength={FEEDBACK_MESSAGE_MAX}
          required
          aria-invalid={missing || undefined}
          aria-describedby={missing ? `${id}-message-error` : undefined}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-page`}>{t('feedback.page')}</label>
        <input id={`${id}-page`} value={page} onChange={(e) => setPage(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-email`}>{t('feedback.email')}</label>
        <span id={`${id}-email-hint`} className="hint">
          {user ? t('feedback.emailHintSignedIn') : t('feedback.emailHint')}
        </span>
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="email"
          aria-describedby={`${id}-email-hint`}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </div>
      {error !== null && (
        <p className="notice error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      <div role="status">
        {state === 'sent' && <p className="notice success">{t('feedback.sent')}</p>}
      </div>
      <div className="actions">
        <button type="submit" className="button primary" disabled={state === 'sending'}>
          {t('feedback.send')}
        </button>
      </div>
    </form>
  );
}
