/**
 * SAMPLE DATA: what a citizen reads on the kiosk for a procedure's time limit and fee, where the
 * collected record (procedures.sample.json, copied from the national portal's records) carries an
 * editor's note instead — "Cổng DVCQG chỉ ghi số “1”, không ghi đơn vị", "Cổng ghi …", "theo mô
 * tả …". Those notes say how the portal's columns were read and stay in the JSON for whoever checks
 * the data; the catalog the simulator serves has these plain sentences.
 *
 * Where the portal gave a bare number of days (the hộ tịch procedures), it is read as working days,
 * as Luật Hộ tịch's deadlines are. Where the portal's columns disagree, the procedure's own text is
 * followed (Gia hạn tạm trú: 7.000 đồng online). Not Đắk Lắk's actual fees: see the data's README.
 */
export const citizenText: Readonly<Record<string, { processingTime?: string; fee?: string }>> = {
  '1.001193': { processingTime: '1 ngày làm việc; nếu tiếp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo' },
  '1.000894': { processingTime: '1 ngày làm việc' },
  '1.000656': {
    processingTime: '1 ngày làm việc; nếu tiếp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo',
    fee: 'Theo mức HĐND tỉnh quy định; miễn lệ phí khi đăng ký khai tử đúng hạn và cho người thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật; phí cấp bản sao Trích lục khai tử theo Thông tư 281/2016/TT-BTC',
  },
  '1.004873': {
    processingTime: '3 ngày làm việc',
    fee: 'Theo mức HĐND tỉnh quy định; miễn lệ phí cho người thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật',
  },
  '1.004884': {
    processingTime: '5 ngày làm việc',
    fee: 'Theo mức HĐND tỉnh quy định; miễn lệ phí cho người thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật; phí cấp bản sao Giấy khai sinh theo Thông tư 281/2016/TT-BTC',
  },
  '1.004859': {
    processingTime: '1 ngày làm việc',
    fee: 'Theo mức HĐND tỉnh quy định; miễn lệ phí cho người thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật; phí cấp bản sao Trích lục theo Thông tư 281/2016/TT-BTC',
  },
  '1.001022': {
    processingTime: '3 ngày làm việc',
    fee: 'Theo mức HĐND tỉnh quy định; miễn lệ phí cho người thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật; phí cấp bản sao Trích lục theo Thông tư 281/2016/TT-BTC',
  },
  '2.000635': { fee: '8.000 đồng' },
  '2.000908': { fee: 'Miễn phí' },
  '1.004194': { fee: 'Trực tuyến: 7.000 đồng/lần (cá nhân, hộ gia đình); trực tiếp: 10.000 đồng/người/lần' },
  '1.002755': { fee: 'Trực tuyến: 7.000 đồng/lần (cá nhân, hộ gia đình); trực tiếp: 10.000 đồng/người/lần' },
  '3.000333': { fee: 'Theo Thông tư 244/2016/TT-BTC về phí cung cấp thông tin lý lịch tư pháp; có diện được miễn, giảm phí' },
  '3.000347': { fee: 'Lệ phí cấp giấy phép lái xe 135.000 đồng/lần; nộp trực tuyến 115.000 đồng/lần từ 01/12/2023 đến hết 31/12/2025' },
  '1.001612': {
    processingTime: '3 ngày làm việc kể từ ngày nhận hồ sơ',
    fee: 'Trực tuyến, qua bưu chính: 150.000 đồng; trực tiếp: 50.000 đồng (mức HĐND tỉnh quy định); nộp khi nộp hồ sơ, không hoàn trả nếu không được cấp',
  },
  '2.000720': { processingTime: '3 ngày làm việc kể từ ngày nhận hồ sơ', fee: 'Theo mức HĐND tỉnh quy định' },
  '1.001570': { fee: 'Theo mức HĐND tỉnh quy định (nếu có)' },
  '1.001266': { processingTime: '5 ngày làm việc kể từ ngày nhận hồ sơ', fee: 'Theo mức HĐND tỉnh quy định (nếu có)' },
  '1.013978': { fee: 'Theo quy định về phí, lệ phí của tỉnh' },
  '1.013831': { processingTime: 'Trực tuyến hoặc trực tiếp: 18 ngày làm việc; qua bưu chính: xin hỏi cán bộ một cửa', fee: 'Theo quy định về phí, lệ phí của tỉnh' },
  '1.012784': { fee: 'Theo quy định về phí, lệ phí của tỉnh' },
  '1.012786': { fee: 'Theo quy định về phí, lệ phí của tỉnh' },
  '1.012783': { processingTime: 'Trực tiếp: 5 ngày làm việc; trực tuyến: 15 ngày làm việc; qua bưu chính: 20 ngày làm việc', fee: 'Theo quy định về phí, lệ phí của tỉnh' },
  '1.013225': { processingTime: 'Trực tiếp: 15 ngày; trực tuyến: 20 ngày; qua bưu chính: 20 ngày', fee: 'Theo mức HĐND tỉnh quy định' },
};
