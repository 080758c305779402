import { notificationRoutes } from '@yhteistyotila/protocol';
import { callRoute } from '../../lib/api.js';

/** The unsubscribe link's two calls; everything else of notifications goes over the socket. */
export const unsubscribeApi = {
  info: (token: string) => callRoute(notificationRoutes.unsubscribeInfo, { params: { token } }),
  confirm: (token: string) => callRoute(notificationRoutes.unsubscribe, { params: { token } }),
};
