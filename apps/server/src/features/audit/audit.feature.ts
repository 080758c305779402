import { defineHandler } from '../../realtime/define-handler.js';
import { requireAction } from '../access/index.js';
import type { Feature } from '../feature.js';
import './audit.personal-data.js';
import { listAudit } from './audit.service.js';

export const auditFeature: Feature = {
  name: 'audit',
  socketHandlers: () => [
    defineHandler('audit:list', async (p, { user }) => {
      await requireAction(user, 'audit.read');
      return { entries: await listAudit(p) };
    }),
  ],
};
