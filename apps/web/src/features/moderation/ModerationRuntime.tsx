import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { queryKeys } from '../../lib/query-keys.js';
import { useSession } from '../../lib/session.js';
import { getSocket } from '../../lib/socket.js';
import { applyMute, applyNotice, useMyModeration } from './my-moderation.js';

/**
 * Header item: keeps "my moderation" current from facts to my user room (notes, warnings,
 * mutes), reloads after every (re)connect (facts missed offline are not replayed), and links to
 * the messages from the moderators once there are any. A new one is announced politely.
 */
export function ModerationRuntime() {
  const { t } = useTranslation('moderation');
  const { user } = useSession();
  const qc = useQueryClient();
  const { data } = useMyModeration();
  const [announcement, setAnnouncement] = useState('');
  const signedIn = Boolean(user);

  useEffect(() => {
    if (!signedIn) return;
    const socket = getSocket();
    const onNotice = ({ notice }: { notice: Parameters<typeof applyNotice>[1] }) => {
      applyNotice(qc, notice);
      setAnnouncement(t('mine.newNotice'));
    };
    const onMute = ({ mute }: { mute: Parameters<typeof applyMute>[1] }) => applyMute(qc, mute);
    const onConnect = () => void qc.invalidateQueries({ queryKey: queryKeys.moderation.mine });
    socket.on('moderation:noticed', onNotice);
    socket.on('moderation:muteChanged', onMute);
    socket.on('connect', onConnect);
    return () => {
      socket.off('moderation:noticed', onNotice);
      socket.off('moderation:muteChanged', onMute);
      socket.off('connect', onConnect);
    };
  }, [signedIn, qc, t]);

  if (!user) return null;
  const count = data?.notices.length ?? 0;
  return (
    <>
      {count > 0 && (
        <Link to="/moderaattoreilta" className="header-button moderation-link">
          {t('mine.link', { count })}
        </Link>
      )}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </>
  );
}
