import {
  MAX_MESSAGE_LENGTH,
  MAX_QUESTION_TITLE_LENGTH,
  QUESTION_TOPICS,
  type Question,
  type QuestionTopic,
  type QuestionVisibility,
} from '@yhteistyotila/protocol';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../../lib/socket.js';
import { Field, SelectField } from '../../access/components/Field.js';
import { ErrorNotice } from '../../../app/ErrorNotice.js';

/** "Ask an expert": topic, the question, and who sees it (in the open or privately). */
export function AskForm({ onAsked }: { onAsked: (q: Question) => void }) {
  const { t } = useTranslation('questions');
  const id = useId();
  const [topic, setTopic] = useState<QuestionTopic>('school');
  const [visibility, setVisibility] = useState<QuestionVisibility>('open');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState('');
  // One id per question being written: a retried send returns the stored question.
  const [clientId, setClientId] = useState(() => crypto.randomUUID());

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!title.trim() || !text.trim()) {
      setMissing(true);
      document.getElementById(`${id}-${title.trim() ? 'text' : 'title'}`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { question } = await request('question:ask', {
        clientId,
        topic,
        visibility,
        title,
        text,
      });
      setTitle('');
      setText('');
      setMissing(false);
      setClientId(crypto.randomUUID());
      setSent(t('ask.sent'));
      onAsked(question);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="form ask-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby={`${id}-h`}
    >
      <h2 id={`${id}-h`}>{t('ask.title')}</h2>
      <p className="lead">{t('ask.lead')}</p>
      <SelectField
        label={t('ask.topic')}
        value={topic}
        options={QUESTION_TOPICS}
        optionLabel={(k) => t(`topics.${k}`)}
        onChange={setTopic}
      />
      <Field
        id={`${id}-title`}
        label={t('ask.questionTitle')}
        error={missing && !title.trim() ? t('ask.required') : undefined}
        inputProps={{
          type: 'text',
          value: title,
          maxLength: MAX_QUESTION_TITLE_LENGTH,
          onChange: (e) => setTitle(e.target.value),
        }}
      />
      <Field
        id={`${id}-text`}
        label={t('ask.text')}
        multiline
        error={missing && !text.trim() ? t('ask.required') : undefined}
        textareaProps={{
          rows: 5,
          value: text,
          maxLength: MAX_MESSAGE_LENGTH,
          onChange: (e) => setText(e.target.value),
        }}
      />
      <fieldset className="field radio-group">
        <legend className="label">{t('ask.visibility')}</legend>
        {(['open', 'private'] as const).map((v) => (
          <div className="radio-row" key={v}>
            <input
              type="radio"
              id={`${id}-${v}`}
              name={`${id}-visibility`}
              value={v}
              checked={visibility === v}
              aria-describedby={`${id}-${v}-hint`}
              onChange={() => setVisibility(v)}
            />
            <label htmlFor={`${id}-${v}`}>{t(`visibility.${v}`)}</label>
            <p className="hint" id={`${id}-${v}-hint`}>
              {t(v === 'open' ? 'ask.openHint' : 'ask.privateHint')}
            </p>
          </div>
        ))}
      </fieldset>
      <ErrorNotice error={error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {t('ask.submit')}
        </button>
      </div>
      <p role="status" className="visually-hidden">
        {sent}
      </p>
    </form>
  );
}
