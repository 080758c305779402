/** What other web features use of reports: the dialogs of the message menu and the tombstone. */
export { ReportDialog } from './components/ReportDialog.js';
export { RemoveMessageDialog } from './components/RemoveMessageDialog.js';
export { RemovedByModerator } from './components/Tombstone.js';
