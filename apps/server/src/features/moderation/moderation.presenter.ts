import type { Mute, Notice, NoticeTemplate } from '@yhteistyotila/protocol';
import type { MuteDoc } from './mute.model.js';
import type { NoticeDoc } from './notice.model.js';

/** What the recipient and staff see of a note or a warning: never who sent it, nor the reason. */
export const presentNotice = (d: NoticeDoc): Notice => ({
  id: d._id.toHexString(),
  kind: d.kind,
  template: (d.template ?? null) as NoticeTemplate | null,
  text: d.text ?? null,
  at: d.at.toISOString(),
});

export const presentMute = (d: MuteDoc, conversationName: string): Mute => ({
  id: d._id.toHexString(),
  userId: d.userId.toHexString(),
  conversationId: d.conversationId.toHexString(),
  conversationName,
  at: d.at.toISOString(),
  until: d.until.toISOString(),
  reason: d.reason,
  liftedAt: d.liftedAt ? d.liftedAt.toISOString() : null,
});
