import { demoCitizens } from './citizens';

/**
 * SAMPLE / DEMO DATA — the mobile networks' subscriber registry as the simulator models it: which
 * ID number each SIM is registered to ("thuê bao chính chủ"). Registration only goes ahead when
 * the phone belongs to the citizen registering. None of these are real people or real numbers.
 */
export interface Subscriber {
  readonly phone: string;
  readonly citizenId: string;
}

/**
 * Citizens with a SIM in their own name but no portal account yet: use them to try "Đăng ký"
 * in the demo and in tests (README lists them).
 */
export const unregisteredCitizens = [
  { citizenId: '066090123456', fullName: 'Lê Văn Hùng', birthDate: '1990-05-14', gender: 'male', phone: '0961234567' },
  { citizenId: '066301004321', fullName: "H'Yăm Êban", birthDate: '2001-09-03', gender: 'female', phone: '0388765432' },
  { citizenId: '054188007777', fullName: 'Phạm Thị Thu Hà', birthDate: '1988-12-25', gender: 'female', phone: '0779123456' },
  { citizenId: '245678901', fullName: 'Đoàn Văn Tư', birthDate: '1975-02-08', gender: 'male', phone: '0868123456' },
] as const;

/** A SIM registered to someone else: registering it under another citizen's ID is refused. */
export const otherPersonsPhone = { phone: '0911222333', citizenId: '066085009999' } as const;

export const subscribers: readonly Subscriber[] = [
  ...demoCitizens.map((c) => ({ phone: c.profile.phone, citizenId: c.profile.citizenId })),
  ...unregisteredCitizens.map((c) => ({ phone: c.phone, citizenId: c.citizenId })),
  otherPersonsPhone,
];

/** The ID a phone is registered to, or undefined for a number no network knows. */
export function subscriberOwner(phone: string, registry: readonly Subscriber[] = subscribers): string | undefined {
  return registry.find((s) => s.phone === phone)?.citizenId;
}
