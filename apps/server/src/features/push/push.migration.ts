import type { Migration } from '../../db/migrations.js';
import { PushDeviceModel } from './push.model.js';

/**
 * Devices stored before they were tied to a session: nobody can tell whose session turned them
 * on, so they go (sendPush would skip them anyway). Their people turn push on again.
 */
export const pushDeviceSessionsMigration: Migration = {
  id: '2026-12-02-push-device-sessions',
  async up(log) {
    const { deletedCount } = await PushDeviceModel.deleteMany({ sessionId: { $exists: false } });
    log.info({ deleted: deletedCount }, 'push devices without a session removed');
  },
};
