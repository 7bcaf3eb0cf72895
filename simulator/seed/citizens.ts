import type { CitizenProfile } from '../../common/domain/auth';

/**
 * SAMPLE / DEMO DATA — invented citizens for the simulator and the kiosk's demo mode. The README
 * lists them so a person trying the demo can log in. None of them is a real person.
 */
export const DEMO_PASSWORD = 'Demo@2026';

export interface DemoCitizen {
  readonly profile: CitizenProfile;
  readonly password: string;
}

const demo = (profile: CitizenProfile): DemoCitizen => ({
  // Names are compared and printed as NFC everywhere; normalise here so an editor that saved
  // decomposed text cannot break a match.
  profile: {
    ...profile,
    fullName: profile.fullName.normalize('NFC'),
    address: profile.address && { ...profile.address, detail: profile.address.detail.normalize('NFC') },
  },
  password: DEMO_PASSWORD,
});

export const demoCitizens: readonly DemoCitizen[] = [
  demo({
    citizenId: '066185000123',
    fullName: 'Nguyễn Thị Hồng Nhung',
    birthDate: '1985-03-12',
    gender: 'female',
    phone: '0912345678',
    email: 'nhung.demo@example.vn',
    address: { provinceCode: '66', communeCode: '24133', detail: '12 Lê Duẩn' },
  }),
  demo({
    citizenId: '066079001234',
    fullName: 'Y Bhim Niê',
    birthDate: '1979-07-02',
    gender: 'male',
    phone: '0987654321',
    email: null,
    address: { provinceCode: '66', communeCode: '24175', detail: 'Buôn Ko Tam' },
  }),
  demo({
    citizenId: '066192004567',
    fullName: "H'Hen Niê",
    birthDate: '1992-11-20',
    gender: 'female',
    phone: '0354123456',
    email: null,
    address: null,
  }),
  demo({
    citizenId: '241234567',
    fullName: 'Trần Văn Bình',
    birthDate: '1968-01-30',
    gender: 'male',
    phone: '0905111222',
    email: null,
    address: null,
  }),
];
