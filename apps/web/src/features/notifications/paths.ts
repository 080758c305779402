/** The centre's pages: declared in the protocol, where the server's mails link to them too. */
export { NOTIFICATION_PAGE_PATHS as NOTIFICATION_PATHS } from '@yhteistyotila/protocol';
