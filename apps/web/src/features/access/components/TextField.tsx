import type { HTMLAttributes, HTMLInputTypeAttribute, ReactNode } from 'react';
import { Field } from './Field.js';

interface TextFieldProps {
  label: ReactNode;
  /** The form's field name: the form's onChange clears this field's stale error by it. */
  name: string;
  value: string;
  onValue: (value: string) => void;
  type?: HTMLInputTypeAttribute;
  autoComplete?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  marker?: string;
}

/** A single-line `Field` for a controlled string value (the common case in the access forms). */
export function TextField({
  label,
  name,
  value,
  onValue,
  type = 'text',
  autoComplete,
  inputMode,
  hint,
  error,
  required,
  marker,
}: TextFieldProps) {
  return (
    <Field
      label={label}
      hint={hint}
      error={error}
      required={required}
      marker={marker}
      inputProps={{
        name,
        type,
        autoComplete,
        inputMode,
        value,
        onChange: (e) => onValue(e.target.value),
      }}
    />
  );
}
