import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

let firstPage = true;

/**
 * Every page's heading. It names the document and, after an in-app navigation, takes focus so
 * that screen-reader and keyboard users start at the new page (not on the link they used).
 */
export function PageTitle({
  children,
  visuallyHidden = false,
}: {
  children: string;
  visuallyHidden?: boolean;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useTranslation('common');
  useEffect(() => {
    document.title = `${children} – ${t('appName')}`;
    if (firstPage) firstPage = false;
    else ref.current?.focus();
  }, [children, t]);
  return (
    <h1 ref={ref} tabIndex={-1} className={visuallyHidden ? 'visually-hidden' : 'page-title'}>
      {children}
    </h1>
  );
}
