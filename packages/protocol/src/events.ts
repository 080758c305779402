import type { z } from 'zod';
import type { Ack } from './errors.js';
export { defineClientEvent, type ClientEventSpec } from './define.js';
import { systemClientEvents, systemServerEvents } from './system.js';
import { conversationClientEvents, conversationServerEvents } from './conversations.js';
import { presenceClientEvents, presenceServerEvents } from './presence.js';
import { accessClientEvents, accessServerEvents } from './access.js';
import { searchClientEvents, searchServerEvents } from './search.js';
import { privacyServerEvents } from './privacy.js';
import { reportClientEvents, reportServerEvents } from './reports.js';
import { moderationClientEvents, moderationServerEvents } from './moderation.js';
import { peopleClientEvents } from './people.js';
import { blockClientEvents, blockServerEvents } from './blocks.js';
import { auditClientEvents } from './audit.js';
import { libraryClientEvents, libraryServerEvents } from './library.js';
import { questionClientEvents, questionServerEvents } from './questions.js';
import { questionGuestClientEvents } from './questions-guests.js';
import { expertsClientEvents, expertsServerEvents } from './experts.js';
import { notificationClientEvents, notificationServerEvents } from './notifications.js';

export const clientEvents = {
  ...systemClientEvents,
  ...conversationClientEvents,
  ...presenceClientEvents,
  ...accessClientEvents,
  ...searchClientEvents,
  ...reportClientEvents,
  ...moderationClientEvents,
  ...peopleClientEvents,
  ...blockClientEvents,
  ...auditClientEvents,
  ...libraryClientEvents,
  ...questionClientEvents,
  ...questionGuestClientEvents,
  ...expertsClientEvents,
  ...notificationClientEvents,
} as const;

export const serverEvents = {
  ...systemServerEvents,
  ...conversationServerEvents,
  ...presenceServerEvents,
  ...accessServerEvents,
  ...searchServerEvents,
  ...privacyServerEvents,
  ...reportServerEvents,
  ...moderationServerEvents,
  ...blockServerEvents,
  ...libraryServerEvents,
  ...questionServerEvents,
  ...expertsServerEvents,
  ...notificationServerEvents,
} as const;

export type ClientEventName = keyof typeof clientEvents;
export type ServerEventName = keyof typeof serverEvents;
export type ClientEventPayload<E extends ClientEventName> = z.input<
  (typeof clientEvents)[E]['payload']
>;
export type ClientEventResult<E extends ClientEventName> = z.output<
  (typeof clientEvents)[E]['result']
>;
export type ServerEventPayload<E extends ServerEventName> = z.output<(typeof serverEvents)[E]>;

export type ClientToServerEvents = {
  [E in ClientEventName]: (
    payload: ClientEventPayload<E>,
    ack: (response: Ack<ClientEventResult<E>>) => void,
  ) => void;
};

export type ServerToClientEvents = {
  [E in ServerEventName]: (payload: ServerEventPayload<E>) => void;
};

/** What the client sends in `io(url, { auth })`. */
export interface HandshakeAuth {
  protocolVersion: number;
}
