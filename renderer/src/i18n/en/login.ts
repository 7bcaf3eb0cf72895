import type vi from '../vi/login';

/** English: logging in. */
export default {
  loginMethod: {
    heading: 'Log in',
    national: 'Log in with the National Public Service Portal',
    nationalHint: 'Use your National Public Service Portal account',
  },
  loginAccount: {
    heading: 'Log in with the National Public Service Portal',
    portalAccount: 'Account issued by the National Public Service Portal',
    portalAccountHint: 'Your username is your ID card number (CMND or CCCD)',
    vneid: 'VNeID electronic identity account',
    vneidUnavailable: 'Not available at this kiosk yet — please use the VNeID app on your phone or ask the clerk.',
  },
  loginForm: {
    heading: 'Log in',
    lead: 'Enter your ID card number (CMND or CCCD) and your password.',
    citizenId: 'ID card number (CMND or CCCD)',
    citizenIdHint: '9 digits (CMND) or 12 digits (CCCD)',
    password: 'Password',
    showPassword: 'Show password',
    hidePassword: 'Hide password',
    submit: 'Log in',
  },
  otp: {
    heading: 'Confirm the OTP code',
    sentTo: 'A 6-digit OTP code was sent to the phone number {phone}.',
    label: 'OTP code',
    expiresIn: 'The code expires in {time}',
    expired: 'The OTP code has expired. Press “Resend OTP” to get a new one.',
    attemptsLeft: 'You have {n} tries left.',
    submit: 'Confirm',
    resend: 'Resend OTP',
    resendIn: 'Resend OTP in {time}',
    resent: 'A new OTP code was sent. The old code no longer works.',
  },
  home: {
    greeting: 'Hello, {name}',
    lead: 'You are logged in. When you are done, press “Finish” so the next person cannot see your details.',
    citizenId: 'ID card number',
    phone: 'Phone number',
  },
} satisfies typeof vi;
