import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createStore, createStoreFamily, useStore } from './store.js';

describe('createStore', () => {
  it('tells every subscriber about a change until it unsubscribes', () => {
    const store = createStore();
    const a = vi.fn();
    const b = vi.fn();
    const stopA = store.subscribe(a);
    store.subscribe(b);
    store.notify();
    stopA();
    store.notify();
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(2);
  });

  it('keeps one store per key in a family', () => {
    const of = createStoreFamily();
    const listener = vi.fn();
    of('a').subscribe(listener);
    of('b').notify();
    expect(listener).not.toHaveBeenCalled();
    of('a').notify();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('re-renders a component reading it on notify', () => {
    const store = createStore();
    let value = 1;
    function Show() {
      return <p>{useStore(store, () => value)}</p>;
    }
    render(<Show />);
    expect(screen.getByText('1')).toBeTruthy();
    act(() => {
      value = 2;
      store.notify();
    });
    expect(screen.getByText('2')).toBeTruthy();
  });
});
