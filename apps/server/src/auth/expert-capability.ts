import type { Logger } from '../log.js';
import { UserModel } from './user.model.js';

/**
 * Expertise used to be a role ('expert'); it is now a capability beside the role (decisions:
 * "The expert capability"). Run at every start, before anyone is served, and idempotent: an
 * 'expert' becomes a member holding the capability, a guest expert holds it (stored, so one
 * equality on `expert` finds every expert), and a person stored before the field existed gets
 * an explicit false (so "not an expert" is an equality too). Several processes starting at once
 * write the same values.
 */
export async function migrateExpertRole(log: Pick<Logger, 'info'>): Promise<void> {
  // The raw collection: 'expert' is no longer a value the model's role accepts.
  const experts = await UserModel.collection.updateMany(
    { role: 'expert' },
    { $set: { role: 'member', expert: true } },
  );
  const guests = await UserModel.updateMany(
    { role: 'guest', expert: { $ne: true } },
    { $set: { expert: true } },
  );
  const others = await UserModel.updateMany(
    { expert: { $exists: false } },
    { $set: { expert: false } },
  );
  const changed = experts.modifiedCount + guests.modifiedCount + others.modifiedCount;
  if (changed > 0)
    log.info(
      {
        experts: experts.modifiedCount,
        guests: guests.modifiedCount,
        others: others.modifiedCount,
      },
      'expert role migrated to the expert capability',
    );
}
