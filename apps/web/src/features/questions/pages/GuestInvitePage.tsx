import {
  can,
  channelTextFor,
  LANGUAGES,
  type ConversationSummary,
  type Language,
} from '@yhteistyotila/protocol';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { asLanguage } from '../../../lib/i18n.js';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';
import { Field, SelectField } from '../../access/components/Field.js';
import { GUESTS_PATH } from '../question-paths.js';
import '../questions.css';
import { ErrorNotice } from '../../../app/ErrorNotice.js';

/** The end date chosen: access ends at the end of that day, in the moderator's time. */
const endOfDay = (date: string) => new Date(`${date}T23:59:00`).toISOString();

/** Moderators: invite an outside expert by e-mail into chosen channels until an end date. */
export function GuestInvitePage() {
  const { t, i18n } = useTranslation('questions');
  const id = useId();
  const { user, isLoading } = useSession();
  const [channels, setChannels] = useState<ConversationSummary[]>([]);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [language, setLanguage] = useState<Language>('fi');
  const [until, setUntil] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  useEffect(() => {
    request('conversation:list', {}).then(
      (r) => setChannels(r.conversations.filter((c) => c.kind === 'channel' && !c.archived)),
      (err: unknown) => setError(err),
    );
  }, []);
  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to={`/kirjaudu?next=${GUESTS_PATH}`} replace />;
  if (!can('guest.manage', { role: user.role }))
    return (
      <p className="page notice error" role="alert">
        {t('common:errors.FORBIDDEN')}
      </p>
    );
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone('');
    try {
      await request('guest:invite', {
        name,
        email,
        language,
        organisation,
        channelIds: chosen,
        guestUntil: endOfDay(until),
      });
      setDone(t('guests.invited', { name }));
      setName('');
      setEmail('');
      setOrganisation('');
      setChosen([]);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const lang = asLanguage(i18n.language);
  return (
    <section className="page questions-page">
      <PageTitle>{t('guests.title')}</PageTitle>
      <p className="lead">{t('guests.lead')}</p>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <Field
          label={t('guests.name')}
          inputProps={{
            type: 'text',
            required: true,
            value: name,
            onChange: (e) => setName(e.target.value),
          }}
        />
        <Field
          label={t('guests.email')}
          inputProps={{
            type: 'email',
            required: true,
            value: email,
            onChange: (e) => setEmail(e.target.value),
          }}
        />
        <Field
          label={t('guests.organisation')}
          inputProps={{
            type: 'text',
            value: organisation,
            onChange: (e) => setOrganisation(e.target.value),
          }}
        />
        <SelectField
          label={t('guests.language')}
          value={language}
          options={LANGUAGES}
          optionLabel={(l) => t(`guests.languages.${l}`)}
          onChange={setLanguage}
        />
        <Field
          label={t('guests.until')}
          inputProps={{
            type: 'date',
            required: true,
            value: until,
            onChange: (e) => setUntil(e.target.value),
          }}
        />
        <fieldset className="field radio-group">
          <legend className="label">{t('guests.channels')}</legend>
          {channels.map((c) => (
            <div className="checkbox-row" key={c.id}>
              <input
                type="checkbox"
                id={`${id}-${c.id}`}
                checked={chosen.includes(c.id)}
                onChange={(e) =>
                  setChosen((list) =>
                    e.target.checked ? [...list, c.id] : list.filter((x) => x !== c.id),
                  )
                }
              />
              <label htmlFor={`${id}-${c.id}`}>{channelTextFor(c, lang).name}</label>
            </div>
          ))}
        </fieldset>
        <ErrorNotice error={error} />
        <div className="actions">
          <button
            type="submit"
            className="button primary"
            disabled={busy || chosen.length === 0 || !until}
          >
            {t('guests.submit')}
          </button>
        </div>
        <p role="status">{done}</p>
      </form>
    </section>
  );
}
