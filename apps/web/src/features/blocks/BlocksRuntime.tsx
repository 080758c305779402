import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSession } from '../../lib/session.js';
import { getSocket } from '../../lib/socket.js';
import { setBlockedList, useBlockedList } from './blocks-store.js';

/** Keeps the block list current for the whole signed-in session (header widget, renders nothing). */
export function BlocksRuntime() {
  const { user } = useSession();
  return user ? <SignedInBlocks /> : null;
}

function SignedInBlocks() {
  const qc = useQueryClient();
  // Loaded at sign-in, so folding is right from the first message shown.
  useBlockedList();
  useEffect(() => {
    const socket = getSocket();
    const onChanged = ({ blocked }: { blocked: Parameters<typeof setBlockedList>[1] }) =>
      setBlockedList(qc, blocked);
    socket.on('block:changed', onChanged);
    return () => {
      socket.off('block:changed', onChanged);
    };
  }, [qc]);
  return null;
}
