import {
  COOPERATION_MODELS,
  LANGUAGES,
  LIBRARY_LEVELS,
  LIBRARY_STEPS,
  LIBRARY_THEMES,
  MAX_LIBRARY_BODY_LENGTH,
  MAX_LIBRARY_SOURCES,
  MAX_LIBRARY_SUMMARY_LENGTH,
  MAX_LIBRARY_TITLE_LENGTH,
  QUALITY_AREAS,
  REGIONAL_UNITS,
  type CooperationModel,
} from '@yhteistyotila/protocol';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MunicipalityPicker } from '../../access/index.js';
import type { EntryFormState } from '../entry-form-state.js';
import { ChoiceGroup } from './ChoiceGroup.js';
import { countyName } from './facet-labels.js';
import { MarkdownField } from './MarkdownField.js';
import { SourcesField } from './SourcesField.js';

type Patch = (patch: Partial<EntryFormState>) => void;

/** Every field of an entry, in the order a writer thinks of them: text first, then where it fits. */
export function EntryFields({
  form,
  set,
  titleError,
}: {
  form: EntryFormState;
  set: Patch;
  titleError?: string | undefined;
}) {
  const { t, i18n } = useTranslation('library');
  const id = useId();
  const NONE = 'none' as const;
  const models: readonly (CooperationModel | typeof NONE)[] = [...COOPERATION_MODELS, NONE];
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('edit.form.title')}</label>
        {titleError && (
          <span id={`${id}-title-error`} className="error">
            {titleError}
          </span>
        )}
        <input
          id={`${id}-title`}
          type="text"
          value={form.title}
          maxLength={MAX_LIBRARY_TITLE_LENGTH}
          aria-invalid={titleError ? true : undefined}
          aria-describedby={titleError ? `${id}-title-error` : undefined}
          aria-required="true"
          onChange={(e) => set({ title: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-summary`}>{t('edit.form.summary')}</label>
        <span id={`${id}-summary-hint`} className="hint">
          {t('edit.form.summaryHint')}
        </span>
        <textarea
          id={`${id}-summary`}
          value={form.summary}
          rows={3}
          maxLength={MAX_LIBRARY_SUMMARY_LENGTH}
          aria-describedby={`${id}-summary-hint`}
          onChange={(e) => set({ summary: e.target.value })}
        />
      </div>
      <MarkdownField
        label={t('edit.form.body')}
        hint={t('edit.form.bodyHint')}
        value={form.body}
        maxLength={MAX_LIBRARY_BODY_LENGTH}
        onChange={(body) => set({ body })}
      />
      <div className="field">
        <label htmlFor={`${id}-language`}>{t('edit.form.language')}</label>
        <select
          id={`${id}-language`}
          value={form.language}
          onChange={(e) => set({ language: e.target.value as EntryFormState['language'] })}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`edit.languages.${l}`)}
            </option>
          ))}
        </select>
      </div>
      <ChoiceGroup
        legend={t('edit.form.themes')}
        options={LIBRARY_THEMES}
        labelOf={(o) => t(`edit.themes.${o}`)}
        value={form.themes}
        onChange={(themes) => set({ themes })}
        multiple
      />
      <ChoiceGroup
        legend={t('edit.form.steps')}
        hint={t('edit.form.stepsHint')}
        options={LIBRARY_STEPS}
        labelOf={(o) => t(`edit.steps.${o}`)}
        value={form.steps}
        onChange={(steps) => set({ steps })}
        multiple
      />
      <ChoiceGroup
        legend={t('edit.form.cooperationModel')}
        options={models}
        labelOf={(o) => t(`edit.models.${o}`)}
        value={[form.cooperationModel ?? NONE]}
        onChange={([m]) => set({ cooperationModel: !m || m === NONE ? null : m })}
        multiple={false}
      />
      <ChoiceGroup
        legend={t('edit.form.qualityAreas')}
        options={QUALITY_AREAS}
        labelOf={(o) => t(`edit.qualityAreas.${o}`)}
        value={form.qualityAreas}
        onChange={(qualityAreas) => set({ qualityAreas })}
        multiple
      />
      <ChoiceGroup
        legend={t('edit.form.level')}
        options={LIBRARY_LEVELS}
        labelOf={(o) => t(`edit.levels.${o}`)}
        value={[form.level]}
        onChange={([level]) => level && set({ level })}
        multiple={false}
      />
      {form.level === 'municipal' && (
        <MunicipalityPicker
          label={t('edit.form.municipality')}
          value={form.municipalityCode ?? ''}
          onChange={(code) => set({ municipalityCode: code || null })}
        />
      )}
      {form.level === 'regional' && (
        <div className="field">
          <label htmlFor={`${id}-county`}>{t('edit.form.county')}</label>
          <select
            id={`${id}-county`}
            value={form.countyCode ?? ''}
            onChange={(e) => set({ countyCode: e.target.value || null })}
          >
            <option value="">{t('edit.form.countyNone')}</option>
            {REGIONAL_UNITS.map((u) => (
              <option key={u.id} value={u.id}>
                {countyName(u.id, i18n.language)}
              </option>
            ))}
          </select>
        </div>
      )}
      <SourcesField
        value={form.sources}
        max={MAX_LIBRARY_SOURCES}
        onChange={(sources) => set({ sources })}
      />
    </>
  );
}
