import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { z } from 'zod';

export type FieldErrors<K extends string = string> = Partial<Record<K, string>>;

/**
 * Validates form values with the protocol's own schema (one set of rules for browser and
 * server) and turns the issues into one message per field: "required" for empty values,
 * otherwise the field's own message from `messages`.
 */
export function validate<K extends string>(
  schema: z.ZodType,
  values: Record<K, unknown>,
  messages: { required: string } & Partial<Record<K, string>>,
): FieldErrors<K> {
  const result = schema.safeParse(values);
  if (result.success) return {};
  const errors: FieldErrors<K> = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as K | undefined;
    if (field === undefined || errors[field]) continue;
    const value = values[field];
    const empty =
      value === '' ||
      value === false ||
      value === undefined ||
      (typeof value === 'string' && value.trim() === '');
    // A checkbox has no "empty" text: its own message says what is needed.
    const own = typeof value === 'boolean' || !empty ? messages[field] : undefined;
    errors[field] = own ?? messages.required;
  }
  return errors;
}

/**
 * Form error state that moves focus to the first invalid field after each failed submit
 * (WCAG 3.3.1: the person lands on the problem, and its message is read with it).
 */
export function useFieldErrors<K extends string>(): {
  errors: FieldErrors<K>;
  setErrors: (e: FieldErrors<K>) => void;
  /** Drops one field's message once the person edits it (it no longer describes the value). */
  clearError: (field: K) => void;
  formRef: RefObject<HTMLFormElement | null>;
  /** The form's onChange: an edited field (by its `name`) loses its stale message. */
  onFormChange: (e: FormEvent<HTMLFormElement>) => void;
  /** Spread on the `<form>`: the ref and onChange above, the form class, no browser validation. */
  formProps: {
    ref: RefObject<HTMLFormElement | null>;
    onChange: (e: FormEvent<HTMLFormElement>) => void;
    className: 'form';
    noValidate: true;
  };
} {
  const [state, setState] = useState<{ errors: FieldErrors<K>; attempt: number }>({
    errors: {},
    attempt: 0,
  });
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.attempt === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);
  const clearError = (field: K) =>
    setState((s) => {
      if (!s.errors[field]) return s;
      const errors = { ...s.errors };
      delete errors[field];
      // attempt 0: an edit does not move focus.
      return { errors, attempt: 0 };
    });
  const onFormChange = (e: FormEvent<HTMLFormElement>) => {
    const name = (e.target as HTMLInputElement).name;
    if (name) clearError(name as K);
  };
  return {
    errors: state.errors,
    setErrors: (errors) =>
      setState((s) => ({
        errors,
        attempt: Object.keys(errors).length ? s.attempt + 1 : s.attempt,
      })),
    clearError,
    onFormChange,
    formRef,
    formProps: { ref: formRef, onChange: onFormChange, className: 'form', noValidate: true },
  };
}
