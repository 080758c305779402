import type { Mute } from '@yhteistyotila/protocol';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/socket.js';
import { ReasonField } from './ReasonField.js';
import { StepDialog } from './StepDialog.js';

/** Ends a mute before its time; lifting is a step of its own, with a reason. */
export function LiftMuteDialog({
  mute,
  onDone,
  onClose,
}: {
  mute: Mute;
  onDone: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('moderation');
  const [reason, setReason] = useState('');
  const lift = useMutation({
    mutationFn: () => request('moderation:liftMute', { muteId: mute.id, reason }),
    onSuccess: onDone,
  });
  return (
    <StepDialog
      title={t('actions.liftTitle', { channel: mute.conversationName })}
      submitLabel={t('actions.confirmLift')}
      canSubmit={Boolean(reason.trim())}
      pending={lift.isPending}
      error={lift.error}
      onSubmit={() => lift.mutate()}
      onClose={onClose}
    >
      <ReasonField value={reason} onValue={setReason} hint={t('actions.reasonHint')} />
    </StepDialog>
  );
}
