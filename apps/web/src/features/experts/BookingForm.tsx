import {
  MEETING_NOTE_MAX,
  MEETING_TOPIC_MAX,
  type ExpertCard,
  type Meeting,
  type MeetingMode,
} from '@yhteistyotila/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DialogFormFooter } from '../../app/DialogFormFooter.js';
import { formatClock, formatDay } from '../../lib/dates.js';
import { queryKeys } from '../../lib/query-keys.js';
import { request } from '../../lib/socket.js';
import { expertsPaths } from './paths.js';

/** Booking one of an expert's free slots: the time, a topic, a note, phone or online. */
export function BookingForm({ expert, onClose }: { expert: ExpertCard; onClose: () => void }) {
  const { t, i18n } = useTranslation('experts');
  const lang = i18n.language;
  const id = useId();
  const queryClient = useQueryClient();
  const slots = useQuery({
    queryKey: queryKeys.experts.slots(expert.id),
    queryFn: () => request('experts:slots', { expertId: expert.id }),
  });
  const free = (slots.data?.slots ?? []).filter((s) => s.free);
  const [start, setStart] = useState('');
  const [topic, setTopic] = useState('');
  const [note, setNote] = useState('');
  const [mode, setMode] = useState<MeetingMode>(expert.modes[0] ?? 'online');
  const [booked, setBooked] = useState<Meeting | null>(null);
  const book = useMutation({
    mutationFn: () =>
      request('meeting:book', {
        expertId: expert.id,
        start: start || free[0]?.start || '',
        topic,
        note,
        mode,
      }),
    onSuccess: ({ meeting }) => setBooked(meeting),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.experts.all }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    book.mutate();
  };

  if (booked)
    return (
      <div className="booking-done" role="status">
        <p>
          {t('booked', {
            day: formatDay(booked.start, lang),
            time: formatClock(booked.start, lang),
          })}
        </p>
        {booked.contact && (
          <p>
            {t(`contact.${booked.mode}`)}: <strong>{booked.contact}</strong>
          </p>
        )}
        <p>
          <Link to={expertsPaths.meetings}>{t('myMeetings')}</Link>
        </p>
      </div>
    );

  return (
    <form
      className="form booking-form"
      onSubmit={submit}
      aria-label={t('book', { name: expert.name })}
    >
      {slots.isPending ? (
        <p>{t('common:loading')}</p>
      ) : free.length === 0 ? (
        <p className="muted">{t('noTimes')}</p>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-slot`}>{t('time')}</label>
          <select
            id={`${id}-slot`}
            value={start || free[0]?.start}
            onChange={(e) => setStart(e.target.value)}
          >
            {free.map((s) => (
              <option key={s.start} value={s.start}>
                {formatDay(s.start, lang)} {formatClock(s.start, lang)}–{formatClock(s.end, lang)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-topic`}>{t('topic')}</label>
        <input
          id={`${id}-topic`}
          required
          maxLength={MEETING_TOPIC_MAX}
          value={topic}
          onChange={(e) => setTopic(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('note')}</label>
        <textarea
          id={`${id}-note`}
          maxLength={MEETING_NOTE_MAX}
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <fieldset className="field">
        <legend>{t('mode')}</legend>
        {expert.modes.map((m) => (
          <label key={m} className="checkbox">
            <input
              type="radio"
              name={`${id}-mode`}
              value={m}
              checked={mode === m}
              onChange={() => setMode(m)}
            />
            {t(`modes.${m}`)}
          </label>
        ))}
      </fieldset>
      <DialogFormFooter
        error={book.isError ? book.error : null}
        busy={book.isPending || free.length === 0}
        confirmLabel={t('confirmBooking')}
        onCancel={onClose}
      />
    </form>
  );
}
