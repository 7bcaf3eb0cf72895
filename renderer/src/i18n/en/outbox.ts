import type vi from '../vi/outbox';

/** English: the outbox status strip and the clerk's view of it. */
export default {
  outbox: {
    online: 'Connected',
    offline: 'Offline — submissions are saved on this kiosk and will be sent automatically',
    waiting: 'Waiting to send: {n}',
    needsAttention: 'Needs attention: {n}',
    progress: 'Sending {done}/{total}',
    clerk: 'Clerk',
    strip: 'Submission sending status',
    // Whether the provincial API accepts this kiosk (contract DeviceStateName): IT must act.
    device: {
      not_enrolled: 'This kiosk is not enrolled with the provincial system — nothing can be sent. Please call IT.',
      revoked: "The provincial system has revoked this kiosk's permission to send — submissions are kept. Please call IT.",
      refused: "The provincial system does not recognise this kiosk's key — submissions are kept. Please call IT.",
    },
    storage: {
      low: 'Kiosk storage is nearly full — new dossiers are paused. Call IT.',
      full: 'Kiosk storage is full — new dossiers are paused. Call IT.',
      failing: 'The kiosk disk is failing — new dossiers are paused. Call IT.',
    },
  },
  clerk: {
    areaHeading: 'Counter staff',
    sectionsLabel: 'Staff tasks',
    sections: { outbox: 'Outbox', receipts: 'Printed receipts' },
    unlockedAs: 'Unlocked by {name}',
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
    columns: { ref: 'Kiosk reference', state: 'State', code: 'Dossier code', procedure: 'Procedure', attempts: 'Attempts', reason: 'Reason', citizenId: 'ID' },
    retention: {
      erased: 'Personal data erased on {date}.',
      flagged: 'Not accepted after many days: its personal data will be erased on {date}. Contact the citizen, or tell IT.',
      flaggedKept: 'Not accepted after many days; kept until IT decides.',
    },
    kinds: { dossier: 'Dossier', complaint: 'Complaint' },
    storage: {
      low: 'Kiosk storage is nearly full: {free} MB free, below the {floor} MB minimum. The kiosk is not taking new dossiers.',
      full: 'Kiosk storage is full: the disk refused a write ({free} MB free). The kiosk is not taking new dossiers.',
      failing: 'The kiosk disk failed a write. The kiosk is not taking new dossiers.',
      whatStillWorks: 'Dossiers already saved are kept and sent by themselves; status lookup and receipt reprints still work.',
      callIt: 'Ask IT to free disk space or check the disk. The kiosk takes dossiers again by itself once there is room.',
    },
    problems: {
      network: 'Could not reach the provincial system. The kiosk sends it again when the network is back; nothing to do.',
      timeout: 'The provincial system did not answer in time. The kiosk sends it again; nothing to do.',
      unexpected_response:
        'Got an answer in an unexpected form (status {status}): the network may want a sign-in, or a proxy is failing. The kiosk sends it again; if this lasts, tell IT.',
      api_unavailable: 'The provincial system is failing or under maintenance (status {status}). The kiosk sends it again; nothing to do.',
      rate_limited: 'The provincial system asked the kiosk to slow down. The kiosk sends it again later.',
      device_unauthorized:
        "The provincial system does not accept this kiosk's credential. Ask IT to check the kiosk ID and device key; the submission is kept and goes once that is fixed.",
      device_revoked:
        "The provincial system has revoked this kiosk's permission to send. Ask IT to enrol the kiosk again (a new enrolment code); the dossiers are kept and will be sent once that is done.",
      device_not_enrolled:
        'This kiosk is not enrolled with the provincial system yet, so nothing can be sent. Ask IT to enrol it; the dossiers are kept and will be sent once that is done.',
      clock_skew:
        "The provincial system refused the kiosk's clock as too far off. The kiosk tries again by itself; if it goes on, ask IT to check the clock (NTP).",
      upload_lost: 'The provincial system is missing some attachments. The kiosk uploads them again; nothing to do.',
      refused:
        'The provincial system refused the dossier (status {status} {apiCode}). Contact the citizen to submit a corrected dossier; press “Send again” only once the problem on the system side is fixed.',
      attachment_file_missing:
        "The dossier's attachment files are no longer on this kiosk (disk fault or deleted), so it cannot be sent. Contact the citizen to submit again; ask IT to check the disk.",
      attachment_damaged:
        'The stored copy of a document on this kiosk is damaged (it no longer matches the size or SHA-256 recorded when it was submitted), so it cannot be sent. Contact the citizen to submit the document again; ask IT to check the disk.',
      erased_unaccepted:
        'Not accepted by the provincial system within the retention period: its personal data was erased and it will not be sent. Contact the citizen to submit again.',
      internal: 'The kiosk software failed while sending; it will try again later. If this repeats, tell IT (see the kiosk log).',
      other: 'Recorded reason: {message}',
      apiSaid: 'The provincial system said: “{message}”',
    },
    events: {
      stored: 'Saved on the kiosk',
      sending: 'Sending, attempt {detail}',
      accepted: 'Accepted: {detail}',
      retry_scheduled: 'Not sent; will try again in {inSeconds} s. {reason}',
      rejected: 'Refused. {reason}',
      requeued_by_clerk: 'Clerk asked to send again',
      recovered_after_restart: 'Kiosk restarted; will send again',
      released_after_storage_fault: 'The kiosk disk refused to record the outcome; will send again',
      requeued_after_restore: 'Restored from a backup; will be sent again (never twice)',
      files_purged: 'Attachment files removed after the retention period',
      personal_data_erased: 'Personal data erased at the end of the retention period',
    },
  },
  validation: {
    clerkPin: { format: 'The PIN is 6 to 12 digits.' },
    attachment: {
      mediaType: 'Only PDF, JPEG or PNG files are accepted.',
      sha256: 'The attached file is not valid. Please choose it again.',
      fileName: 'The file name is not valid. Please rename the file and choose it again.',
      empty: 'The attached file is empty. Please choose another file.',
      tooLarge: 'The attached file is too large. Please choose a smaller file.',
      tooMany: 'Too many attached files (at most 30).',
    },
  },
} satisfies typeof vi;
