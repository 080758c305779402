import { useEffect } from 'react';
import { connection } from '../../lib/connection.js';
import { registerServiceWorker } from './this-device.js';

/**
 * Mounted in the header for a signed-in person (lazily: public pages load none of this).
 * Registers the service worker once the page has loaded, so it never competes with the first
 * paint, and asks the browser to look for a new one when the server refuses this tab's socket as
 * outdated (a new protocol version: the new sw.js takes over and drops the old caches).
 */
export function PushRuntime() {
  useEffect(() => {
    let registration: ServiceWorkerRegistration | undefined;
    const register = () =>
      void registerServiceWorker()
        .then((r) => (registration = r))
        .catch(() => undefined);
    if (document.readyState === 'complete') register();
    else window.addEventListener('load', register, { once: true });
    const unsubscribe = connection.subscribe(() => {
      if (connection.get() === 'outdated') void registration?.update().catch(() => undefined);
    });
    return () => {
      window.removeEventListener('load', register);
      unsubscribe();
    };
  }, []);
  return null;
}
