import {
  EXPERT_INTRODUCTION_MAX,
  EXPERT_ORGANISATION_MAX,
  EXPERT_STATUSES,
  SLOT_MINUTES,
  can,
  type ExpertProfileInput,
  type ExpertStatusKind,
  type MyExpertProfile,
  type OfficeHours,
} from '@yhteistyotila/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { PageTitle } from '../../app/PageTitle.js';
import { formatDate } from '../../lib/dates.js';
import { useErrorMessage } from '../../lib/errors.js';
import { queryKeys } from '../../lib/query-keys.js';
import { useSession } from '../../lib/session.js';
import { request } from '../../lib/socket.js';
import { expertsPaths } from './paths.js';
import './experts.css';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** An expert's own profile, status, weekly office hours (in their time zone) and away days. */
export function MyExpertProfilePage() {
  const { t } = useTranslation('experts');
  const { user, isLoading } = useSession();
  const mine = useQuery({
    queryKey: queryKeys.experts.mine,
    queryFn: () => request('experts:mine', {}),
    enabled: Boolean(user && can('experts.setAvailability', user)),
  });
  if (isLoading) return <p className="page">{t('common:loading')}</p>;
  if (!user) return <Navigate to={`/kirjaudu?next=${expertsPaths.own}`} replace />;
  if (!can('experts.setAvailability', user))
    return (
      <section className="page">
        <PageTitle>{t('ownTitle')}</PageTitle>
        <p className="notice error">{t('common:errors.FORBIDDEN')}</p>
      </section>
    );
  return (
    <section className="page experts-page">
      <PageTitle>{t('ownTitle')}</PageTitle>
      <p className="experts-links">
        <Link to={expertsPaths.panel}>{t('backToExperts')}</Link>
        <Link to={expertsPaths.meetings}>{t('myMeetings')}</Link>
      </p>
      {mine.data ? (
        <>
          <StatusForm profile={mine.data.profile} />
          <ProfileForm profile={mine.data.profile} />
          <AwayDays profile={mine.data.profile} />
        </>
      ) : (
        <p>{t('common:loading')}</p>
      )}
    </section>
  );
}

/** A form's end: the refusal or "saved", then the save button. */
function SaveFooter({
  mutation,
}: {
  mutation: { isError: boolean; error: unknown; isSuccess: boolean; isPending: boolean };
}) {
  const { t } = useTranslation('experts');
  const errorMessage = useErrorMessage();
  return (
    <>
      {mutation.isError && (
        <p className="form-error" role="alert">
          {errorMessage(mutation.error)}
        </p>
      )}
      {mutation.isSuccess && <p role="status">{t('saved')}</p>}
      <div className="actions">
        <button type="submit" className="button primary" disabled={mutation.isPending}>
          {t('common:save')}
        </button>
      </div>
    </>
  );
}

function useSaved() {
  const queryClient = useQueryClient();
  return ({ profile }: { profile: MyExpertProfile }) => {
    queryClient.setQueryData(queryKeys.experts.mine, { profile });
    void queryClient.invalidateQueries({ queryKey: queryKeys.experts.panel });
  };
}

function StatusForm({ profile }: { profile: MyExpertProfile }) {
  const { t } = useTranslation('experts');
  const id = useId();
  const saved = useSaved();
  const [kind, setKind] = useState<ExpertStatusKind>(profile.status.kind);
  const [until, setUntil] = useState('');
  const save = useMutation({
    mutationFn: () =>
      request('experts:setStatus', {
        kind,
        until: kind !== 'available' && until ? new Date(until).toISOString() : null,
      }),
    onSuccess: saved,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="form card" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('statusTitle')}</h2>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('statusLabel')}</label>
        <select
          id={`${id}-kind`}
          value={kind}
          onChange={(e) => setKind(e.target.value as ExpertStatusKind)}
        >
          {EXPERT_STATUSES.map((k) => (
            <option key={k} value={k}>
              {t(`status.${k}`)}
            </option>
          ))}
        </select>
      </div>
      {kind !== 'available' && (
        <div className="field">
          <label htmlFor={`${id}-until`}>{t('statusUntil')}</label>
          <input
            id={`${id}-until`}
            type="datetime-local"
            value={until}
            onChange={(e) => setUntil(e.target.value)}
          />
        </div>
      )}
      <SaveFooter mutation={save} />
    </form>
  );
}

const toInput = (p: MyExpertProfile): ExpertProfileInput => ({
  topics: p.topics,
  organisation: p.organisation,
  introduction: p.introduction,
  phone: p.phone,
  meetingLink: p.meetingLink,
  slotMinutes: p.slotMinutes,
  officeHours: p.officeHours,
});

function ProfileForm({ profile }: { profile: MyExpertProfile }) {
  const { t } = useTranslation('experts');
  const id = useId();
  const saved = useSaved();
  const [form, setForm] = useState<ExpertProfileInput>(() => toInput(profile));
  const [topics, setTopics] = useState(profile.topics.join(', '));
  const save = useMutation({
    mutationFn: () =>
      request('experts:save', {
        ...form,
        topics: topics
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      }),
    onSuccess: saved,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const set =
    (k: 'organisation' | 'introduction' | 'phone' | 'meetingLink') =>
    (e: { target: { value: string } }) =>
      setForm((f) => ({ ...f, [k]: e.target.value }));
  const setHours = (i: number, change: Partial<OfficeHours>) =>
    setForm((f) => ({
      ...f,
      officeHours: f.officeHours.map((h, j) => (j === i ? { ...h, ...change } : h)),
    }));
  return (
    <form className="form card" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('profileTitle')}</h2>
      <div className="field">
        <label htmlFor={`${id}-topics`}>{t('topicsLabel')}</label>
        <input id={`${id}-topics`} value={topics} onChange={(e) => setTopics(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-org`}>{t('organisation')}</label>
        <input
          id={`${id}-org`}
          maxLength={EXPERT_ORGANISATION_MAX}
          value={form.organisation}
          onChange={set('organisation')}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-intro`}>{t('introduction')}</label>
        <textarea
          id={`${id}-intro`}
          rows={3}
          maxLength={EXPERT_INTRODUCTION_MAX}
          value={form.introduction}
          onChange={set('introduction')}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-phone`}>{t('phone')}</label>
        <input id={`${id}-phone`} type="tel" value={form.phone} onChange={set('phone')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-link`}>{t('meetingLink')}</label>
        <input
          id={`${id}-link`}
          type="url"
          value={form.meetingLink}
          onChange={set('meetingLink')}
        />
      </div>
      <p className="muted">{t('contactPrivate')}</p>
      <div className="field">
        <label htmlFor={`${id}-slot`}>{t('slotMinutes')}</label>
        <select
          id={`${id}-slot`}
          value={form.slotMinutes}
          onChange={(e) => setForm((f) => ({ ...f, slotMinutes: Number(e.target.value) }))}
        >
          {SLOT_MINUTES.map((m) => (
            <option key={m} value={m}>
              {t('minutes', { count: m })}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field office-hours">
        <legend>{t('officeHours', { zone: profile.timeZone })}</legend>
        {form.officeHours.map((h, i) => (
          <div key={i} className="office-hours-row">
            <select
              aria-label={t('weekday')}
              value={h.weekday}
              onChange={(e) => setHours(i, { weekday: Number(e.target.value) })}
            >
              {WEEKDAYS.map((d) => (
                <option key={d} value={d}>
                  {t(`weekdays.${d}`)}
                </option>
              ))}
            </select>
            <input
              type="time"
              aria-label={t('from')}
              value={h.start}
              onChange={(e) => setHours(i, { start: e.target.value })}
            />
            <input
              type="time"
              aria-label={t('to')}
              value={h.end}
              onChange={(e) => setHours(i, { end: e.target.value })}
            />
            <button
              type="button"
              className="link-button"
              onClick={() =>
                setForm((f) => ({ ...f, officeHours: f.officeHours.filter((_, j) => j !== i) }))
              }
            >
              {t('remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button"
          onClick={() =>
            setForm((f) => ({
              ...f,
              officeHours: [...f.officeHours, { weekday: 1, start: '09:00', end: '11:00' }],
            }))
          }
        >
          {t('addHours')}
        </button>
      </fieldset>
      <SaveFooter mutation={save} />
    </form>
  );
}

function AwayDays({ profile }: { profile: MyExpertProfile }) {
  const { t, i18n } = useTranslation('experts');
  const id = useId();
  const saved = useSaved();
  const errorMessage = useErrorMessage();
  const [day, setDay] = useState('');
  const [cancelled, setCancelled] = useState<number | null>(null);
  const mark = useMutation({
    mutationFn: (input: { day: string; away: boolean }) => request('experts:awayDay', input),
    onSuccess: (res) => {
      saved(res);
      setCancelled(res.cancelled);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (day) mark.mutate({ day, away: true });
  };
  return (
    <form className="form card" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('awayTitle')}</h2>
      <p className="muted">{t('awayLead')}</p>
      <div className="field">
        <label htmlFor={`${id}-day`}>{t('awayDay')}</label>
        <input id={`${id}-day`} type="date" value={day} onChange={(e) => setDay(e.target.value)} />
      </div>
      {mark.isError && (
        <p className="form-error" role="alert">
          {errorMessage(mark.error)}
        </p>
      )}
      {cancelled !== null && <p role="status">{t('awayCancelled', { count: cancelled })}</p>}
      <div className="actions">
        <button type="submit" className="button primary" disabled={mark.isPending || !day}>
          {t('markAway')}
        </button>
      </div>
      {profile.awayDays.length > 0 && (
        <ul className="away-days">
          {profile.awayDays.map((d) => (
            <li key={d}>
              {formatDate(`${d}T12:00:00Z`, i18n.language)}{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => mark.mutate({ day: d, away: false })}
              >
                {t('notAway')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
