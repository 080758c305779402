import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

let firstPage = true;

/**
 * Every page's heading. It names the document and, after an in-app navigation, takes focus so
 * that screen-reader and keyboard users start at the new page (not on the link they used); a
 * change of language alone moves no focus.
 */
export function PageTitle({
  children,
  visuallyHidden = false,
}: {
  children: string;
  visuallyHidden?: boolean;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t, i18n } = useTranslation('common');
  // The same page in another language is no navigation: the focus stays where it was (the
  // language menu, or a field of a served form as the device's language takes over: main.tsx).
  const shownIn = useRef(i18n.language);
  useEffect(() => {
    document.title = `${children} – ${t('appName')}`;
    const relabelled = shownIn.current !== i18n.language;
    shownIn.current = i18n.language;
    if (firstPage) firstPage = false;
    else if (!relabelled) ref.current?.focus();
  }, [children, t, i18n.language]);
  return (
    <h1 ref={ref} tabIndex={-1} className={visuallyHidden ? 'visually-hidden' : 'page-title'}>
      {children}
    </h1>
  );
}
