import type vi from '../vi/input';

/** English: the on-screen keyboard and filling a form from the CCCD card's QR code. */
export default {
  keyboard: {
    region: 'On-screen keyboard',
    filling: 'Filling in: {label}',
    toneHint: 'Type the whole word, then touch a tone mark.',
    done: 'Done',
    doneLabel: 'Done, close the keyboard',
    backspace: 'Delete',
    backspaceLabel: 'Delete one character',
    left: 'Move cursor left',
    right: 'Move cursor right',
    shift: 'Capital letters',
    space: 'Space',
    symbols: 'Numbers and symbols',
    letters: 'Letters',
    tone: 'Tone mark {name} ({sample})',
    tones: { sac: 'sắc', huyen: 'huyền', hoi: 'hỏi', nga: 'ngã', nang: 'nặng' },
    methodHeading: 'Vietnamese typing for a physical keyboard',
    methods: { off: 'Off', telex: 'Telex', vni: 'VNI' },
  },
  scan: {
    button: 'Scan CCCD',
    hint: 'Hold the QR code on the back of your chip-based CCCD card to the camera, or scan it with the counter scanner.',
    heading: 'Scan the QR code on your CCCD card',
    aim: 'Hold the QR code on the back of the card inside the yellow frame and keep the card still.',
    starting: 'Opening the camera…',
    scannerInput: 'Code from the counter scanner',
    close: 'Close',
    filled: 'Filled in from your CCCD card. Please check the details just filled in.',
    problems: {
      not_cccd: 'That is not the QR code of a CCCD card. Scan the QR code on the back of a chip-based CCCD card, or type the details.',
      unknown_layout: 'The kiosk cannot read the QR code of this kind of card yet. Please type the details.',
      invalid_id: 'The CCCD number in the QR code is not valid, so nothing was filled in. Please type the details or ask a clerk for help.',
      id_mismatch: 'The CCCD number in the QR code does not match the birth date or gender, so nothing was filled in. Please type the details or ask a clerk for help.',
      invalid_date: 'A date in the QR code is not valid, so nothing was filled in. Please type the details.',
      invalid_gender: 'The gender in the QR code is not valid, so nothing was filled in. Please type the details.',
      other_citizen: 'The card you scanned belongs to someone other than the person logged in, so nothing was filled in. Please scan your own CCCD card.',
    },
    camera: {
      notFound: 'The kiosk cannot find a camera. Use the counter QR scanner, or type the details.',
      denied: 'The kiosk is not allowed to use the camera. Ask a clerk to allow the camera, or type the details.',
      busy: 'The camera is busy or not working. Try again later, use the counter scanner, or type the details.',
    },
  },
} satisfies typeof vi;
