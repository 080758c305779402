import { MAX_DM_PARTICIPANTS, type PersonRef } from '@yhteistyotila/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../lib/errors.js';
import { useSession } from '../../../lib/session.js';
import { useOpenDm } from '../hooks/useOpenDm.js';
import { Dialog } from '../../../app/Dialog.js';
import { PeoplePicker } from './PeoplePicker.js';

/** One-to-one or group DM (up to MAX_DM_PARTICIPANTS people, me included). */
export function NewDmDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('conversations');
  const { user } = useSession();
  const errorMessage = useErrorMessage();
  const [selected, setSelected] = useState<PersonRef[]>([]);
  const open = useOpenDm(onClose);
  const toggle = (p: PersonRef) =>
    setSelected((s) => (s.some((x) => x.id === p.id) ? s.filter((x) => x.id !== p.id) : [...s, p]));
  return (
    <Dialog title={t('dm.title')} onClose={onClose}>
      <p className="hint">{t('dm.hint', { max: MAX_DM_PARTICIPANTS - 1 })}</p>
      <PeoplePicker
        selected={selected}
        onToggle={toggle}
        max={MAX_DM_PARTICIPANTS - 1}
        excludeIds={user ? [user.id] : []}
      />
      {open.error && (
        <p className="form-error" role="alert">
          {errorMessage(open.error)}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button primary"
          disabled={selected.length === 0 || open.isPending}
          onClick={() => open.mutate(selected.map((p) => p.id))}
        >
          {t('dm.start')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('common:cancel')}
        </button>
      </div>
    </Dialog>
  );
}
