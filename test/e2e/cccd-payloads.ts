/** QR payloads for the CCCD tests: the demo citizen's card as the chip-era card prints it. */
export const nhungCard = {
  citizenId: '066185000123',
  fullName: 'Nguyễn Thị Hồng Nhung',
  birthDate: '1985-03-15',
  address: 'Thôn 3, Xã Hòa Phú, Thành phố Buôn Ma Thuột, Đắk Lắk',
  payload: '066185000123||Nguyễn Thị Hồng Nhung|15031985|Nữ|Thôn 3, Xã Hòa Phú, Thành phố Buôn Ma Thuột, Đắk Lắk|10052021',
};

/** A card whose ID has no real province code: fills nothing. */
export const badProvincePayload = '999185000123||Nguyễn Thị Hồng Nhung|15031985|Nữ|Thôn 3, Xã Hòa Thắng, Đắk Lắk|10052021';

/** Another kind of QR held to the scanner: the portal's address. */
export const notCccdPayload = 'https://dichvucong.daklak.gov.vn/';
