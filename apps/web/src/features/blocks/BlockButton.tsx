import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './blocks.css';
import { useErrorMessage } from '../../lib/errors.js';
import { request } from '../../lib/socket.js';
import { Dialog } from '../../app/Dialog.js';
import { setBlockedList, useIsBlocked } from './blocks-store.js';

/**
 * Block (after a confirmation saying what it does) or unblock a person. Unblocking needs no
 * confirmation: it only undoes.
 */
export function BlockButton({ person }: { person: { id: string; name: string } }) {
  const { t } = useTranslation('blocks');
  const errorMessage = useErrorMessage();
  const qc = useQueryClient();
  const blocked = useIsBlocked(person.id);
  const [confirming, setConfirming] = useState(false);
  const change = useMutation({
    mutationFn: async (block: boolean) => {
      if (block) await request('block:add', { userId: person.id });
      else await request('block:remove', { userId: person.id });
      return (await request('block:list', {})).blocked;
    },
    onSuccess: (list) => {
      setBlockedList(qc, list);
      setConfirming(false);
    },
  });
  return (
    <>
      <button
        type="button"
        className="button small"
        disabled={change.isPending}
        onClick={() => (blocked ? change.mutate(false) : setConfirming(true))}
      >
        {blocked ? t('unblock') : t('block')}
        <span className="visually-hidden"> {person.name}</span>
      </button>
      {change.error && !confirming && (
        <p className="form-error" role="alert">
          {errorMessage(change.error)}
        </p>
      )}
      {confirming && (
        <Dialog
          title={t('confirm.title', { name: person.name })}
          onClose={() => setConfirming(false)}
        >
          <p>{t('confirm.lead')}</p>
          <ul className="block-effects">
            <li>{t('confirm.dm')}</li>
            <li>{t('confirm.fold')}</li>
            <li>{t('confirm.notify')}</li>
            <li>{t('confirm.private')}</li>
          </ul>
          {change.error && (
            <p className="form-error" role="alert">
              {errorMessage(change.error)}
            </p>
          )}
          <div className="actions">
            <button
              type="button"
              className="button danger"
              disabled={change.isPending}
              onClick={() => change.mutate(true)}
            >
              {t('confirm.submit')}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('common:cancel')}
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
