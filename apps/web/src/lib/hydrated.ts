import { useSyncExternalStore } from 'react';

const never = () => () => {};

/**
 * False while React takes over a page served with its content (and in that content itself, at
 * build time: prerender/first-pages.tsx), true from the render after: a served form's button
 * stays disabled until pressing it runs the app's handler, not the browser's own submit, which
 * would put what was typed in the address (decision 87).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}

/**
 * What a visitor typed into a served form before React took it over, by field name: the DOM's
 * values, while React's state still holds the empty form and its next render would clear them.
 * Read in a layout effect at the first commit (the hydration); a form drawn by React has none.
 */
export function typedBeforeStart(
  form: HTMLFormElement | null,
  names: readonly string[],
): Record<string, string | boolean> {
  const typed: Record<string, string | boolean> = {};
  for (const name of names) {
    const field = form?.elements.namedItem(name);
    if (field instanceof HTMLInputElement && field.type === 'checkbox') {
      if (field.checked) typed[name] = true;
    } else if (
      (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) &&
      field.value
    )
      typed[name] = field.value;
  }
  return typed;
}
