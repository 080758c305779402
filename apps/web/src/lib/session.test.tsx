import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { askSessionEarly, useSession } from './session.js';

/** The browser's fetch, answering "nobody is signed in" (204) and counting the asks. */
function visitorFetch() {
  const asked: string[] = [];
  vi.stubGlobal('fetch', (url: string) => {
    asked.push(url);
    return Promise.resolve(new Response(null, { status: 204 }));
  });
  return asked;
}

const wrapper = ({ children }: { children: ReactNode }) => (
  <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>
);

describe('who is signed in', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is asked once as the app starts, and the first page takes that answer', async () => {
    const asked = visitorFetch();
    askSessionEarly();
    expect(asked).toEqual(['/api/session']);
    const { result } = renderHook(() => useSession(), { wrapper });
    await waitFor(() => expect(result.current.user).toBeNull());
    expect(asked).toHaveLength(1);
  });

  it('is asked again when the early answer has been used', async () => {
    const asked = visitorFetch();
    const { result } = renderHook(() => useSession(), { wrapper });
    await waitFor(() => expect(result.current.user).toBeNull());
    expect(asked).toEqual(['/api/session']);
  });
});
