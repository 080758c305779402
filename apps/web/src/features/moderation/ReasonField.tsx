import { MAX_REASON_LENGTH } from '@yhteistyotila/protocol';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** Every step of the ladder needs a reason: one field, the same everywhere. */
export function ReasonField({
  value,
  onValue,
  hint,
}: {
  value: string;
  onValue: (v: string) => void;
  hint: string;
}) {
  const { t } = useTranslation('moderation');
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('actions.reason')}</label>
      <textarea
        id={id}
        required
        rows={2}
        maxLength={MAX_REASON_LENGTH}
        value={value}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onValue(e.target.value)}
      />
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
    </div>
  );
}
