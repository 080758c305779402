import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { queryKeys } from '../../lib/query-keys.js';

/*
 * The tab's socket can connect before this runtime (a lazily loaded chunk) subscribes. Seen by
 * a tester: one page load in three then never asked for the conversation list, and the local
 * copy (stale member counts, a DM's deleted participant) stayed on screen for good.
 */
const calls = vi.hoisted(() => [] as string[]);
vi.mock('../../lib/socket.js', () => {
  const connectedSocket = { connected: true, on: () => undefined, off: () => undefined };
  return {
    getSocket: () => connectedSocket,
    request: (event: string) => {
      calls.push(event);
      return Promise.resolve({ conversations: [] });
    },
  };
});
vi.mock('./outbox/outbox.js', () => ({
  outbox: { start: () => Promise.resolve(), flush: () => Promise.resolve(), resolve: () => {} },
}));

const { ConversationsRuntime } = await import('./ConversationsRuntime.js');

describe('the conversations runtime', () => {
  it('asks for the list when the socket connected before it subscribed', async () => {
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    qc.setQueryData(queryKeys.session, { id: 'aaaaaaaaaaaaaaaaaaaaaaaa', name: 'Aino' });
    // The local copy from the last visit: shown at once, never stale by itself.
    qc.setQueryData(queryKeys.conversations.list, []);
    render(
      <QueryClientProvider client={qc}>
        <MemoryRouter>
          <ConversationsRuntime />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    await waitFor(() => expect(calls).toContain('conversation:list'));
  });
});
