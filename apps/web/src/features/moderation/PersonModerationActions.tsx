import { can, mayActOnPerson, type Mute, type NoticeKind } from '@yhteistyotila/protocol';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../lib/errors.js';
import { queryKeys } from '../../lib/query-keys.js';
import { useSession } from '../../lib/session.js';
import { request } from '../../lib/socket.js';
import { LiftMuteDialog } from './LiftMuteDialog.js';
import { MuteDialog } from './MuteDialog.js';
import { formatUntil } from './my-moderation.js';
import { NoticeDialog } from './NoticeDialog.js';
import { NoticeText } from './NoticeText.js';
import './moderation.css';

type Open = { step: NoticeKind } | { step: 'mute' } | { step: 'lift'; mute: Mute } | null;

/**
 * The ladder's steps for one person, for moderators and admins: a note from a template, a
 * warning, a mute in one of their channels for 1 h / 24 h / 7 days, lifting a mute; each asks
 * for a reason. Shows their mutes in force and earlier notes and warnings. The steps are offered
 * only on people the actor may act on (staff by admins only); the server checks the same.
 */
export function PersonModerationActions({ userId }: { userId: string }) {
  const { t, i18n } = useTranslation('moderation');
  const { user } = useSession();
  const qc = useQueryClient();
  const errorMessage = useErrorMessage();
  const titleId = useId();
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState('');
  const key = queryKeys.moderation.person(userId);
  const allowed = Boolean(user && can('moderation.note', { role: user.role }));
  const { data, error } = useQuery({
    queryKey: key,
    queryFn: () => request('moderation:person', { userId }),
    enabled: allowed,
  });
  if (!allowed) return null;
  const close = () => setOpen(null);
  const finished = () => {
    setOpen(null);
    setDone(t('actions.done'));
    void qc.invalidateQueries({ queryKey: key });
  };
  const self = user?.id === userId;
  const mayAct = Boolean(user && data && mayActOnPerson(user, 'moderation.note', data.person.role));

  return (
    <section className="person-moderation" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('actions.title', { name: data?.person.name ?? '…' })}</h2>
      {error && (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      {!data && !error && <p>{t('actions.loading')}</p>}
      <p className="visually-hidden" role="status">
        {done}
      </p>
      {data && (
        <>
          {!self && mayAct && (
            <div className="actions ladder-actions">
              <button
                type="button"
                className="button small"
                onClick={() => setOpen({ step: 'note' })}
              >
                {t('actions.note')}
              </button>
              <button
                type="button"
                className="button small"
                onClick={() => setOpen({ step: 'warning' })}
              >
                {t('actions.warning')}
              </button>
              <button
                type="button"
                className="button small danger"
                disabled={data.channels.length === 0}
                onClick={() => setOpen({ step: 'mute' })}
              >
                {t('actions.mute')}
              </button>
            </div>
          )}
          {data.channels.length === 0 && <p className="hint">{t('actions.noChannels')}</p>}
          <h3>{t('actions.mutesTitle')}</h3>
          {data.mutes.length === 0 ? (
            <p className="hint">{t('actions.noMutes')}</p>
          ) : (
            <ul className="ladder-list">
              {data.mutes.map((m) => (
                <li key={m.id}>
                  <span>
                    {t('actions.mutedIn', {
                      channel: m.conversationName,
                      until: formatUntil(m.until, i18n.language),
                    })}
                  </span>
                  {mayAct && (
                    <button
                      type="button"
                      className="button small"
                      onClick={() => setOpen({ step: 'lift', mute: m })}
                    >
                      {t('actions.lift')}
                      <span className="visually-hidden"> #{m.conversationName}</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('actions.noticesTitle')}</h3>
          {data.notices.length === 0 ? (
            <p className="hint">{t('actions.noNotices')}</p>
          ) : (
            <ul className="ladder-list notices">
              {data.notices.map((n) => (
                <li key={n.id}>
                  <strong>{t(`kind.${n.kind}`)}</strong>{' '}
                  <time dateTime={n.at}>{formatUntil(n.at, i18n.language)}</time>
                  <NoticeText notice={n} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {open && (open.step === 'note' || open.step === 'warning') && (
        <NoticeDialog userId={userId} kind={open.step} onDone={finished} onClose={close} />
      )}
      {open?.step === 'mute' && data && (
        <MuteDialog userId={userId} channels={data.channels} onDone={finished} onClose={close} />
      )}
      {open?.step === 'lift' && (
        <LiftMuteDialog mute={open.mute} onDone={finished} onClose={close} />
      )}
    </section>
  );
}
