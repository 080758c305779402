import {
  CHANNEL_LEVELS,
  DELIVERY_CHANNELS,
  EMAIL_FREQUENCIES,
  NOTIFICATION_KINDS,
  NOTIFICATION_KIND_TABLE,
  isStaff,
  type ChannelLevel,
  type NotificationPrefs,
} from '@yhteistyotila/protocol';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { PageTitle } from '../../../app/PageTitle.js';
import { useErrorMessage } from '../../../lib/errors.js';
import { queryKeys } from '../../../lib/query-keys.js';
import { useSession } from '../../../lib/session.js';
import { getSocket, request } from '../../../lib/socket.js';
import { NOTIFICATION_PATHS } from '../paths.js';
import '../notifications.css';

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** A whole hour of the day, 00:00–23:00. */
function HourSelect(props: { id: string; value: number; onChange: (hour: number) => void }) {
  return (
    <select
      id={props.id}
      value={props.value}
      onChange={(e) => props.onChange(Number(e.target.value))}
    >
      {HOURS.map((h) => (
        <option key={h} value={h}>
          {hourLabel(h)}
        </option>
      ))}
    </select>
  );
}

/** Time zones to offer: Europe's (the workspace's people), with the chosen one always there. */
function timeZones(current: string): string[] {
  const all =
    typeof Intl.supportedValuesOf === 'function'
      ? Intl.supportedValuesOf('timeZone').filter((z) => z.startsWith('Europe/'))
      : ['Europe/Helsinki', 'Europe/Stockholm', 'Europe/Tallinn'];
  return all.includes(current) ? all : [current, ...all];
}

/** Notification settings: per kind and channel, per conversation, e-mail, quiet hours. */
export function NotificationSettingsPage() {
  const { t } = useTranslation('notifications');
  const { user, isLoading } = useSession();
  const errorMessage = useErrorMessage();
  const qc = useQueryClient();
  const { data, error } = useQuery({
    queryKey: queryKeys.notificationPrefs,
    queryFn: async () => (await request('notification:prefs', {})).prefs,
    enabled: Boolean(user),
  });
  const conversations = useQuery({
    queryKey: [...queryKeys.notificationPrefs, 'channels'],
    queryFn: async () =>
      (await request('conversation:list', {})).conversations.filter((c) => c.kind === 'channel'),
    enabled: Boolean(user),
  });
  // What the form shows: my unsaved changes, else what is in force.
  const [edited, setDraft] = useState<NotificationPrefs | null>(null);
  const draft = edited ?? data ?? null;
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [saveError, setSaveError] = useState<unknown>(null);
  const ids = { email: useId(), digest: useId(), quiet: useId(), tz: useId() };

  useEffect(() => {
    // Changed in another tab: show what is in force there too.
    const socket = getSocket();
    const onChanged = ({ prefs }: { prefs: NotificationPrefs }) => {
      qc.setQueryData(queryKeys.notificationPrefs, prefs);
      setDraft(prefs);
    };
    socket.on('notification:prefsChanged', onChanged);
    return () => {
      socket.off('notification:prefsChanged', onChanged);
    };
  }, [qc]);

  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to={`/kirjaudu?next=${NOTIFICATION_PATHS.settings}`} replace />;
  const kinds = NOTIFICATION_KINDS.filter(
    (k) => NOTIFICATION_KIND_TABLE[k].audience === 'person' || isStaff(user.role),
  );
  const change = (f: (p: NotificationPrefs) => void) => {
    if (!draft) return;
    const next = structuredClone(draft);
    f(next);
    setDraft(next);
    setStatus('idle');
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    setStatus('saving');
    setSaveError(null);
    try {
      const { prefs } = await request('notification:setPrefs', { prefs: draft });
      qc.setQueryData(queryKeys.notificationPrefs, prefs);
      setStatus('saved');
    } catch (err) {
      setSaveError(err);
      setStatus('idle');
    }
  };
  const levelOf = (conversationId: string): ChannelLevel =>
    draft?.channels.find((c) => c.conversationId === conversationId)?.level ?? 'all';
  const setLevel = (conversationId: string, level: ChannelLevel) =>
    change((p) => {
      p.channels = p.channels.filter((c) => c.conversationId !== conversationId);
      if (level !== 'all') p.channels.push({ conversationId, level });
    });

  return (
    <section className="page narrow notification-settings">
      <PageTitle>{t('settings.title')}</PageTitle>
      <p className="lead">{t('settings.lead')}</p>
      <p>
        <Link to={NOTIFICATION_PATHS.all}>{t('showAll')}</Link>
      </p>
      {error ? (
        <p className="notice error" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      {!draft && !error && <p>{t('common:loading')}</p>}
      {draft && (
        <form onSubmit={(e) => void save(e)}>
          <h2>{t('settings.kinds')}</h2>
          <p className="hint">{t('settings.kindsHint')}</p>
          <div className="kind-prefs">
            {kinds.map((k) => (
              <fieldset key={k} className="kind-pref">
                <legend>{t(`kindName.${k}`)}</legend>
                {DELIVERY_CHANNELS.map((ch) => (
                  <label key={ch} className="checkbox">
                    <input
                      type="checkbox"
                      checked={draft.kinds[k][ch]}
                      onChange={(e) =>
                        change((p) => {
                          p.kinds[k][ch] = e.target.checked;
                        })
                      }
                    />{' '}
                    {t(`channel.${ch}`)}
                  </label>
                ))}
              </fieldset>
            ))}
          </div>

          <h2>{t('settings.email')}</h2>
          <fieldset className="radio-group">
            <legend>{t('settings.emailFrequency')}</legend>
            {EMAIL_FREQUENCIES.map((f) => (
              <label key={f} className="checkbox">
                <input
                  type="radio"
                  name={ids.email}
                  checked={draft.email.frequency === f}
                  onChange={() =>
                    change((p) => {
                      p.email.frequency = f;
                    })
                  }
                />{' '}
                {t(`frequency.${f}`)}
              </label>
            ))}
          </fieldset>
          {draft.email.frequency === 'daily' && (
            <div className="field">
              <label htmlFor={ids.digest}>{t('settings.digestHour')}</label>
              <HourSelect
                id={ids.digest}
                value={draft.email.digestHour}
                onChange={(h) =>
                  change((p) => {
                    p.email.digestHour = h;
                  })
                }
              />
            </div>
          )}
          <p className="hint">{t('settings.emailLater')}</p>

          <h2>{t('settings.quiet')}</h2>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={draft.quietHours.enabled}
              onChange={(e) =>
                change((p) => {
                  p.quietHours.enabled = e.target.checked;
                })
              }
            />{' '}
            {t('settings.quietEnabled')}
          </label>
          {draft.quietHours.enabled && (
            <div className="hour-range">
              {(['startHour', 'endHour'] as const).map((which) => (
                <div className="field" key={which}>
                  <label htmlFor={`${ids.quiet}-${which}`}>{t(`settings.${which}`)}</label>
                  <HourSelect
                    id={`${ids.quiet}-${which}`}
                    value={draft.quietHours[which]}
                    onChange={(h) =>
                      change((p) => {
                        p.quietHours[which] = h;
                      })
                    }
                  />
                </div>
              ))}
            </div>
          )}
          <div className="field">
            <label htmlFor={ids.tz}>{t('settings.timeZone')}</label>
            <select
              id={ids.tz}
              value={draft.timeZone}
              onChange={(e) =>
                change((p) => {
                  p.timeZone = e.target.value;
                })
              }
            >
              {timeZones(draft.timeZone).map((z) => (
                <option key={z} value={z}>
                  {z.replace('_', ' ')}
                </option>
              ))}
            </select>
          </div>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={draft.waitWhileActive}
              onChange={(e) =>
                change((p) => {
                  p.waitWhileActive = e.target.checked;
                })
              }
            />{' '}
            {t('settings.waitWhileActive')}
          </label>
          <p className="hint">{t('settings.waitWhileActiveHint')}</p>

          <h2>{t('settings.channels')}</h2>
          <p className="hint">{t('settings.channelsHint')}</p>
          {conversations.data?.length ? (
            <ul className="channel-levels">
              {conversations.data.map((c) => (
                <li key={c.id}>
                  <label htmlFor={`level-${c.id}`}>#{c.name}</label>
                  <select
                    id={`level-${c.id}`}
                    value={levelOf(c.id)}
                    onChange={(e) => setLevel(c.id, e.target.value as ChannelLevel)}
                  >
                    {CHANNEL_LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {t(`level.${l}`)}
                      </option>
                    ))}
                  </select>
                </li>
              ))}
            </ul>
          ) : (
            <p className="hint">{t('settings.noChannels')}</p>
          )}

          <div className="form-actions">
            <button type="submit" className="button primary" disabled={status === 'saving'}>
              {t('settings.save')}
            </button>
            <p role="status" className="hint">
              {status === 'saved' ? t('settings.saved') : ''}
            </p>
          </div>
          {saveError ? (
            <p className="notice error" role="alert">
              {errorMessage(saveError)}
            </p>
          ) : null}
        </form>
      )}
    </section>
  );
}
