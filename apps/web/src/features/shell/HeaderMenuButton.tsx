import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Phones only (CSS hides it on wider screens): folds the header's tools (profile, sign-out,
 * search, language) behind one button, so the header is one row and the chat keeps the screen.
 * A disclosure, not a menu widget: the tools stay ordinary links, fields and buttons.
 * Escape closes it and returns focus here.
 */
export function HeaderMenuButton({
  controls,
  open,
  onToggle,
}: {
  controls: string;
  open: boolean;
  onToggle: (open: boolean) => void;
}) {
  const { t } = useTranslation('shell');
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      onToggle(false);
      button.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open, onToggle]);
  return (
    <button
      ref={button}
      type="button"
      className="header-menu-button"
      aria-expanded={open}
      aria-controls={controls}
      onClick={() => onToggle(!open)}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
        <path d="M3 6h18M3 12h18M3 18h18" stroke="currentColor" strokeWidth="2.2" />
      </svg>
      <span className="visually-hidden">{t('headerMenu')}</span>
    </button>
  );
}
