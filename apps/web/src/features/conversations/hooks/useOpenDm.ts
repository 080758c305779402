import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { request } from '../../../lib/socket.js';
import { upsertSummary } from '../store/conversations.js';

/** Opens (or reuses) the DM with these people and goes there. */
export function useOpenDm(onDone?: () => void) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (userIds: string[]) => request('dm:open', { userIds }),
    onSuccess: ({ conversation }) => {
      upsertSummary(qc, conversation);
      onDone?.();
      void navigate(`/c/${conversation.id}`);
    },
  });
}
