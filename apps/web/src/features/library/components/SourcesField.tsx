import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface SourceDraft {
  title: string;
  url: string;
}

/**
 * Sources and links: rows of a title and an optional address, added and removed by buttons.
 * A new row takes the focus; a removed row hands it to the "add" button.
 */
export function SourcesField({
  value,
  onChange,
  max,
}: {
  value: SourceDraft[];
  onChange: (next: SourceDraft[]) => void;
  max: number;
}) {
  const { t } = useTranslation('library');
  const id = useId();
  const addRef = useRef<HTMLButtonElement>(null);
  const set = (i: number, patch: Partial<SourceDraft>) =>
    onChange(value.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const add = () => {
    onChange([...value, { title: '', url: '' }]);
    requestAnimationFrame(() => document.getElementById(`${id}-title-${value.length}`)?.focus());
  };
  const remove = (i: number) => {
    onChange(value.filter((_, j) => j !== i));
    addRef.current?.focus();
  };
  return (
    <fieldset className="field sources-field">
      <legend>{t('edit.form.sources')}</legend>
      <p className="hint">{t('edit.form.sourcesHint')}</p>
      <ol className="sources-rows">
        {value.map((s, i) => (
          <li key={i} className="source-row">
            <div className="field">
              <label htmlFor={`${id}-title-${i}`}>{t('edit.form.sourceTitle', { n: i + 1 })}</label>
              <input
                id={`${id}-title-${i}`}
                type="text"
                value={s.title}
                onChange={(e) => set(i, { title: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-url-${i}`}>{t('edit.form.sourceUrl', { n: i + 1 })}</label>
              <input
                id={`${id}-url-${i}`}
                type="url"
                inputMode="url"
                placeholder="https://"
                value={s.url}
                onChange={(e) => set(i, { url: e.target.value })}
              />
            </div>
            <button type="button" className="button small danger" onClick={() => remove(i)}>
              {t('edit.form.removeSource', { n: i + 1 })}
            </button>
          </li>
        ))}
      </ol>
      {value.length < max && (
        <button ref={addRef} type="button" className="button small" onClick={add}>
          {t('edit.form.addSource')}
        </button>
      )}
    </fieldset>
  );
}
