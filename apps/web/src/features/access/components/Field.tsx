import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type TextareaHTMLAttributes,
} from 'react';

interface FieldProps {
  /** The input's id, where the form moves the focus to it (else one of its own). */
  id?: string | undefined;
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
  id: givenId,
  label,
  hint,
  error,
  required,
  multiline,
  inputProps,
  textareaProps,
  marker,
}: FieldProps) {
  const ownId = useId();
  const id = givenId ?? ownId;
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

/** A labelled choice of one of `options`, each worded by `optionLabel`. */
export function SelectField<V extends string>({
  label,
  value,
  options,
  optionLabel,
  onChange,
}: {
  label: ReactNode;
  value: V;
  options: readonly V[];
  optionLabel: (option: V) => string;
  onChange: (value: V) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as V)}>
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    </div>
  );
}
