import { pushRoutes, type PushSettings, type PushSubscribeBody } from '@yhteistyotila/protocol';
import { callRoute } from '../../lib/api.js';

export const pushApi = {
  state: () => callRoute(pushRoutes.pushState),
  subscribe: (body: PushSubscribeBody) => callRoute(pushRoutes.pushSubscribe, { body }),
  remove: (id: string) => callRoute(pushRoutes.pushRemove, { params: { id } }),
  test: (id: string) => callRoute(pushRoutes.pushTest, { params: { id } }),
  settings: (body: PushSettings) => callRoute(pushRoutes.pushSettings, { body }),
};
