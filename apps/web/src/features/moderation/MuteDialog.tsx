import type { MuteDuration } from '@yhteistyotila/protocol';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/socket.js';
import { ReasonField } from './ReasonField.js';
import { StepDialog } from './StepDialog.js';

const DURATIONS: MuteDuration[] = ['1h', '24h', '7d'];

/** A timed mute in one of the person's channels. */
export function MuteDialog({
  userId,
  channels,
  onDone,
  onClose,
}: {
  userId: string;
  channels: { id: string; name: string }[];
  onDone: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('moderation');
  const id = useId();
  const [conversationId, setConversationId] = useState(channels[0]?.id ?? '');
  const [duration, setDuration] = useState<MuteDuration>('1h');
  const [reason, setReason] = useState('');
  const mute = useMutation({
    mutationFn: () => request('moderation:mute', { userId, conversationId, duration, reason }),
    onSuccess: onDone,
  });
  return (
    <StepDialog
      title={t('actions.mute')}
      submitLabel={t('actions.confirmMute')}
      canSubmit={Boolean(conversationId && reason.trim())}
      pending={mute.isPending}
      error={mute.error}
      onSubmit={() => mute.mutate()}
      onClose={onClose}
    >
      <div className="field">
        <label htmlFor={`${id}-channel`}>{t('actions.channel')}</label>
        <select
          id={`${id}-channel`}
          value={conversationId}
          onChange={(e) => setConversationId(e.target.value)}
        >
          {channels.map((c) => (
            <option key={c.id} value={c.id}>
              #{c.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field">
        <legend className="label">{t('actions.duration')}</legend>
        {DURATIONS.map((d) => (
          <label key={d} className="checkbox">
            <input
              type="radio"
              name={`${id}-duration`}
              checked={duration === d}
              onChange={() => setDuration(d)}
            />
            <span>{t(`actions.durations.${d}`)}</span>
          </label>
        ))}
      </fieldset>
      <ReasonField value={reason} onValue={setReason} hint={t('actions.muteReasonHint')} />
    </StepDialog>
  );
}
