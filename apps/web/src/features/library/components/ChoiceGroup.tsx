import { useId } from 'react';

/**
 * A fieldset of checkboxes (several may be chosen) or radios (one): themes, steps, quality
 * areas, the cooperation model, the level. Native inputs, so keyboard and screen readers work
 * as everywhere else.
 */
export function ChoiceGroup<T extends string | number>({
  legend,
  hint,
  options,
  labelOf,
  value,
  onChange,
  multiple,
}: {
  legend: string;
  hint?: string;
  options: readonly T[];
  labelOf: (option: T) => string;
  value: readonly T[];
  onChange: (next: T[]) => void;
  /** Checkboxes; otherwise radios (exactly one). */
  multiple: boolean;
}) {
  const id = useId();
  const toggle = (option: T, checked: boolean) => {
    if (!multiple) return onChange([option]);
    // Keep the options' own order, whatever order they were ticked in.
    onChange(options.filter((o) => (o === option ? checked : value.includes(o))));
  };
  return (
    <fieldset className="field choice-group" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <div className="choices">
        {options.map((o) => (
          <label key={String(o)} className="checkbox choice">
            <input
              type={multiple ? 'checkbox' : 'radio'}
              name={`${id}-choice`}
              checked={value.includes(o)}
              onChange={(e) => toggle(o, e.target.checked)}
            />
            <span>{labelOf(o)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
