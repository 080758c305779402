import type { LibraryCreditRequest } from '@yhteistyotila/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../lib/query-keys.js';
import { useSession } from '../../lib/session.js';
import { getSocket } from '../../lib/socket.js';
import { showToast } from '../../lib/toasts.js';
import { libraryPaths } from './library-paths.js';

/**
 * Tells a person, wherever they are in the app, that their words were saved to the library and
 * asks whether they may be named: the toast opens the answer page. Renders nothing.
 */
export function LibraryEditRuntime() {
  const { t } = useTranslation('library');
  const queryClient = useQueryClient();
  const { user } = useSession();
  const signedIn = Boolean(user && !user.mustReconsent);
  useEffect(() => {
    if (!signedIn) return;
    const socket = getSocket();
    const onRequested = (r: LibraryCreditRequest) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.library.creditRequests });
      showToast({
        title: t('edit.credits.toastTitle'),
        body: t('edit.credits.toastBody', {
          name: r.requestedBy?.name ?? t('edit.deletedUser'),
          title: r.entryTitle,
        }),
        to: libraryPaths.credits,
      });
    };
    socket.on('library:creditRequested', onRequested);
    return () => {
      socket.off('library:creditRequested', onRequested);
    };
  }, [t, signedIn, queryClient]);
  return null;
}
