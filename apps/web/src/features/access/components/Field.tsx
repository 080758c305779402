import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type TextareaHTMLAttributes,
} from 'react';

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  /** Translated message; shown under the label and announced with the field (aria-describedby). */
  error?: string | undefined;
  required?: boolean;
  /** Renders a textarea instead of an input. */
  multiline?: boolean;
  inputProps?: InputHTMLAttributes<HTMLInputElement>;
  textareaProps?: TextareaHTMLAttributes<HTMLTextAreaElement>;
  /** "(required)" / "(optional)" marker text, translated by the caller. */
  marker?: string;
}

/**
 * A labelled input whose hint and error are tied to it with aria-describedby, so a screen
 * reader reads the rule and the problem when the field gets focus.
 */
export function Field({
  label,
  hint,
  error,
  required,
  multiline,
  inputProps,
  textareaProps,
  marker,
}: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': required || undefined,
  } as const;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {marker && <span className="field-marker"> {marker}</span>}
      </label>
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="error">
          {error}
        </span>
      )}
      {multiline ? (
        <textarea {...common} {...textareaProps} />
      ) : (
        <input {...common} {...inputProps} />
      )}
    </div>
  );
}
