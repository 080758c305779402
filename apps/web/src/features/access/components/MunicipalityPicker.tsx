import { findMunicipality } from '@yhteistyotila/protocol';
import {
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import {
  exactMunicipality,
  municipalityName,
  otherName,
  searchMunicipalities,
} from './municipalities.js';
import '../access.css';

interface Props {
  /** Form field name (lets the form clear this field's message on edit). */
  name?: string;
  value: string;
  onChange: (code: string) => void;
  label: string;
  marker?: string;
  error?: string | undefined;
  required?: boolean;
}

/** Enough to pick from while typing; the list stays quick on a phone. */
const MAX_SHOWN = 60;

/**
 * Searchable picker over the 309 municipalities, built on the WAI-ARIA 1.2 "combobox with
 * listbox popup" pattern: the input keeps focus, arrows move aria-activedescendant, Enter picks,
 * Escape closes. Searches Finnish and Swedish names alike.
 */
export function MunicipalityPicker({
  name,
  value,
  onChange,
  label,
  marker,
  error,
  required,
}: Props) {
  const { t, i18n } = useTranslation('access');
  const lang = i18n.language;
  const id = useId();
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const selected = value ? findMunicipality(value) : undefined;
  // What the person is typing; null shows the chosen municipality in the current UI language.
  const [typed, setTyped] = useState<string | null>(null);
  const text = typed ?? (selected ? municipalityName(selected, lang) : '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLUListElement>(null);
  // In a form served with the page (decision 87), what was typed before the app started is
  // searched, not cleared by the first render after.
  const inputRef = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (!input?.value) return;
    setTyped(input.value);
    setOpen(document.activeElement === input);
  }, []);

  const matches = useMemo(() => searchMunicipalities(typed ?? '', lang), [typed, lang]);
  const shown = matches.slice(0, MAX_SHOWN);

  useEffect(() => {
    if (active < 0) return;
    listRef.current?.children[active]?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  const pick = (code: string) => {
    const m = findMunicipality(code);
    if (!m) return;
    // An unchanged choice sends no change (the form would take it for an edit).
    if (code !== value) onChange(code);
    setTyped(null);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, shown.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && open && active >= 0 && shown[active]) {
      e.preventDefault();
      pick(shown[active].code);
    } else if (e.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  };

  // The blur timer must not fire after the picker is gone (a page change, a test's teardown).
  const blurTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(blurTimer.current), []);

  const onBlur = () => {
    // Let a click on an option land first.
    clearTimeout(blurTimer.current);
    blurTimer.current = setTimeout(() => {
      setOpen(false);
      // A fully typed name is already the choice (see onType); now it is shown as it is spelled.
      const exact = exactMunicipality(text);
      if (exact) pick(exact.code);
    }, 150);
  };

  /**
   * A name typed exactly (either language, any case, spaces around it ignored) is a choice at
   * once, so Enter can send the form without opening the list; anything else clears the choice.
   */
  const onType = (next: string) => {
    setTyped(next);
    setOpen(true);
    setActive(-1);
    const code = exactMunicipality(next)?.code ?? '';
    if (code !== value) onChange(code);
  };

  // The form only knows that no municipality is chosen; with text in the box, "fill in this
  // field" would be untrue, so the message says what is wrong instead.
  const message = error && !value && text.trim() ? t('validation.municipality') : error;

  const activeId =
    open && active >= 0 && shown[active] ? `${id}-opt-${shown[active].code}` : undefined;
  const describedBy = [message ? errorId : '', hintId].filter(Boolean).join(' ');

  return (
    <div className="field combobox">
      <label htmlFor={id}>
        {label}
        {marker && <span className="field-marker"> {marker}</span>}
      </label>
      <span id={hintId} className="hint">
        {t('municipality.hint')}
      </span>
      {message && (
        <span id={errorId} className="error">
          {message}
        </span>
      )}
      <input
        ref={inputRef}
        id={id}
        name={name}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-invalid={message ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy}
        value={text}
        onChange={(e) => onType(e.target.value)}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={onBlur}
        onKeyDown={onKeyDown}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={label}
        ref={listRef}
        className="combobox-list"
        hidden={!open}
      >
        {/* Options only while open: a closed list is sixty elements to draw and hydrate. */}
        {open &&
          shown.map((m, i) => (
            <li
              key={m.code}
              id={`${id}-opt-${m.code}`}
              role="option"
              aria-selected={m.code === value}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(m.code)}
            >
              {municipalityName(m, lang)}
              {otherName(m, lang) && (
                <span className="other-name" lang={lang === 'sv' ? 'fi' : 'sv'}>
                  {' '}
                  ({otherName(m, lang)})
                </span>
              )}
            </li>
          ))}
        {open && shown.length === 0 && (
          <li role="option" aria-selected={false} aria-disabled="true" className="empty">
            {t('municipality.none')}
          </li>
        )}
      </ul>
      <span className="visually-hidden" role="status" aria-live="polite">
        {open && text ? t('municipality.count', { count: matches.length }) : ''}
      </span>
    </div>
  );
}
