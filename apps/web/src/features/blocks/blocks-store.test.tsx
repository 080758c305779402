import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../../lib/query-keys.js';
import { setBlockedList, useIsBlocked } from './blocks-store.js';

function Row({ authorId }: { authorId: string }) {
  return <li>{useIsBlocked(authorId) ? 'folded' : authorId}</li>;
}

describe('whether I blocked a message’s author', () => {
  it('follows the block list live, and a thousand rows add no query observers', async () => {
    const qc = new QueryClient();
    setBlockedList(qc, []);
    const authors = Array.from({ length: 1000 }, (_, i) => `person-${i % 10}`);
    render(
      <QueryClientProvider client={qc}>
        <ul>
          {authors.map((a, i) => (
            <Row key={i} authorId={a} />
          ))}
        </ul>
      </QueryClientProvider>,
    );
    expect(screen.queryAllByText('folded')).toHaveLength(0);

    await act(() =>
      setBlockedList(qc, [
        { id: 'person-3', name: 'Kolmas', blockedAt: '2026-12-02T18:00:00.000Z' },
      ]),
    );
    expect(screen.getAllByText('folded')).toHaveLength(100);
    await act(() => setBlockedList(qc, []));
    expect(screen.queryAllByText('folded')).toHaveLength(0);

    // Each observer sets and clears timers as a row mounts and unmounts (a long conversation's
    // first render on a phone): the rows read the cache instead.
    const observers = qc
      .getQueryCache()
      .getAll()
      .reduce((n, q) => n + q.getObserversCount(), 0);
    expect(observers).toBe(0);
    expect(qc.getQueryCache().find({ queryKey: queryKeys.blocks })).toBeDefined();
  });
});
