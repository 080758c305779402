import {
  MAX_CATEGORY_LENGTH,
  MAX_CHANNEL_NAME_LENGTH,
  MAX_CHANNEL_TOPIC_LENGTH,
  can,
  type ChannelVisibility,
} from '@yhteistyotila/protocol';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { queryKeys } from '../../../lib/query-keys.js';
import { useSession } from '../../../lib/session.js';
import { request } from '../../../lib/socket.js';
import { Dialog } from '../../../app/Dialog.js';
import { DialogFormFooter } from '../../../app/DialogFormFooter.js';

/** Private channels for members; public ones for moderators and admins. */
export function CreateChannelDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('conversations');
  const { user } = useSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const canPublic = Boolean(
    user && can('channel.createPublic', { role: user.role, expert: user.expert }),
  );
  const [name, setName] = useState('');
  const [topic, setTopic] = useState('');
  const [category, setCategory] = useState('');
  const [visibility, setVisibility] = useState<ChannelVisibility>('private');
  const id = useId();
  const create = useMutation({
    mutationFn: () => request('channel:create', { name, visibility, topic, category }),
    onSuccess: async ({ conversation }) => {
      await qc.refetchQueries({ queryKey: queryKeys.conversations.list });
      onClose();
      void navigate(`/c/${conversation.id}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Dialog title={t('create.title')} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('create.name')}</label>
          <input
            id={`${id}-name`}
            required
            maxLength={MAX_CHANNEL_NAME_LENGTH}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-topic`}>{t('create.topic')}</label>
          <input
            id={`${id}-topic`}
            maxLength={MAX_CHANNEL_TOPIC_LENGTH}
            value={topic}
            onChange={(e) => setTopic(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-category`}>{t('create.category')}</label>
          <input
            id={`${id}-category`}
            maxLength={MAX_CATEGORY_LENGTH}
            value={category}
            onChange={(e) => setCategory(e.target.value)}
          />
        </div>
        <fieldset className="field">
          <legend className="label">{t('create.visibility')}</legend>
          <label className="checkbox">
            <input
              type="radio"
              name={`${id}-vis`}
              checked={visibility === 'private'}
              onChange={() => setVisibility('private')}
            />
            <span>{t('create.private')}</span>
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name={`${id}-vis`}
              checked={visibility === 'public'}
              disabled={!canPublic}
              onChange={() => setVisibility('public')}
            />
            <span>
              {t('create.public')}
              {!canPublic && <span className="hint"> {t('create.publicModeratorsOnly')}</span>}
            </span>
          </label>
        </fieldset>
        <DialogFormFooter
          error={create.error}
          busy={create.isPending}
          incomplete={!name.trim()}
          confirmLabel={t('create.submit')}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
