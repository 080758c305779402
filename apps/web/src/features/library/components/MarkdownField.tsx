import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Markdown } from '../../conversations/index.js';

/**
 * The entry's body: a textarea and, beside it on a wide screen or under a toggle on a phone, a
 * live preview drawn by the messages' safe renderer (what readers will see, no raw HTML).
 */
export function MarkdownField({
  value,
  onChange,
  label,
  hint,
  maxLength,
  error,
}: {
  value: string;
  onChange: (text: string) => void;
  label: string;
  hint?: string;
  maxLength?: number;
  error?: string | undefined;
}) {
  const { t } = useTranslation('library');
  const id = useId();
  // On a phone the two do not fit side by side: the writer switches between them.
  const [showPreview, setShowPreview] = useState(false);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field markdown-field" data-preview={showPreview ? 'shown' : 'hidden'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="error">
          {error}
        </span>
      )}
      <button
        type="button"
        className="button small preview-toggle"
        aria-pressed={showPreview}
        aria-controls={`${id}-preview`}
        onClick={() => setShowPreview((s) => !s)}
      >
        {t('edit.form.showPreview')}
      </button>
      <div className="markdown-field-panes">
        <textarea
          id={id}
          value={value}
          rows={14}
          maxLength={maxLength}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        <section
          id={`${id}-preview`}
          className="markdown-preview card"
          aria-label={t('edit.form.preview')}
        >
          <p className="preview-label" aria-hidden="true">
            {t('edit.form.preview')}
          </p>
          {value.trim() ? (
            <Markdown text={value} document />
          ) : (
            <p className="muted">{t('edit.form.previewEmpty')}</p>
          )}
        </section>
      </div>
    </div>
  );
}
