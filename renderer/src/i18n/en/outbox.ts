import type vi from '../vi/outbox';

/** English: the outbox status strip and the clerk's view of it. */
const en: typeof vi = {
  outbox: {
    online: 'Connected',
    offline: 'Offline — submissions are saved on this kiosk and will be sent automatically',
    waiting: 'Waiting to send: {n}',
    needsAttention: 'Needs attention: {n}',
    progress: 'Sending {done}/{total}',
    clerk: 'Clerk',
    strip: 'Submission sending status',
  },
  clerk: {
    heading: 'Outbox (counter clerk)',
    pinLabel: 'Clerk PIN',
    unlock: 'Unlock',
    lock: 'Lock',
    close: 'Close',
    syncNow: 'Send now',
    retry: 'Send again',
    history: 'History',
    hideHistory: 'Hide history',
    empty: 'No submissions.',
    more: 'Show more',
    filters: { all: 'All', queued: 'Waiting', sending: 'Sending', needs_attention: 'Needs attention', accepted: 'Accepted' },
    states: { queued: 'Waiting', sending: 'Sending', needs_attention: 'Needs attention', accepted: 'Accepted' },
    columns: { ref: 'Kiosk reference', state: 'State', code: 'Dossier code', procedure: 'Procedure', attempts: 'Attempts', reason: 'Reason' },
    kinds: { dossier: 'Dossier', complaint: 'Complaint' },
    events: {
      stored: 'Saved on the kiosk',
      sending: 'Sending, attempt {detail}',
      accepted: 'Accepted: {detail}',
      retry_scheduled: 'Will retry ({detail})',
      rejected: 'Refused: {detail}',
      requeued_by_clerk: 'Clerk asked to send again',
      recovered_after_restart: 'Kiosk restarted; will send again',
      files_purged: 'Attachment files removed after the retention period',
    },
  },
  validation: {
    clerkPin: { format: 'The PIN is 4 to 12 digits.' },
    attachment: {
      mediaType: 'Only PDF, JPEG or PNG files are accepted.',
      sha256: 'The attached file is not valid. Please choose it again.',
      fileName: 'The file name is not valid. Please rename the file and choose it again.',
      empty: 'The attached file is empty. Please choose another file.',
      tooLarge: 'The attached file is too large. Please choose a smaller file.',
      tooMany: 'Too many attached files (at most 30).',
    },
  },
};
export default en;
