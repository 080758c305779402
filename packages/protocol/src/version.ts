/**
 * Bumped on every incompatible change to an event payload. The client sends it in the
 * handshake (`auth.protocolVersion`); the server refuses other versions with PROTOCOL_MISMATCH
 * and the client asks the user to reload.
 */
export const PROTOCOL_VERSION = 4;
