import type { DeliveryMethod } from '../domain/dossier';
import { keep } from './wrap';

/**
 * The printed receipt's own wording. The receipt is an official paper of a Vietnamese office
 * (after template 01 of Thông tư 01/2018/TT-VPCP), so it is printed in Vietnamese whatever
 * language the citizen chose on screen; the screen around the preview is translated instead.
 * Phrases that a line must not break apart on a 32-column strip are `keep`s.
 */
export const receiptText = {
  office: 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ',
  title: `${keep('GIẤY TIẾP NHẬN HỒ SƠ')} ${keep('VÀ HẸN TRẢ KẾT QUẢ')}`,
  sample: 'DỮ LIỆU MẪU - KHÔNG CÓ GIÁ TRỊ',
  /** On every reprint, top and bottom: a copy must never pass for a second original. */
  copy: '*** BẢN SAO ***',
  dossierCode: 'Mã hồ sơ:',
  localRef: 'Mã tạm:',
  queued: '*** ĐANG CHỜ GỬI ***',
  queuedNote: `${keep('Mã hồ sơ')} sẽ được cấp khi ${keep('hồ sơ')} được gửi đến ${keep('cơ quan giải quyết.')}`,
  procedure: 'Thủ tục:',
  procedureCode: 'Mã thủ tục:',
  agency: 'Cơ quan tiếp nhận:',
  applicant: 'Người nộp:',
  citizenId: 'Số CCCD/CMND:',
  receivedAt: 'Thời gian tiếp nhận:',
  expectedResultAt: 'Hẹn trả kết quả:',
  expectedUnknown: keep('theo thời hạn của thủ tục'),
  deliveryMethod: 'Hình thức nhận kết quả:',
  kiosk: 'Nộp tại kiosk:',
  scan: `${keep('Quét mã QR')} ${keep('để tra cứu')} ${keep('tình trạng hồ sơ')}`,
  hotline: 'Đường dây nóng:',
  askClerk: `${keep('Cần hỗ trợ,')} ${keep('xin hỏi cán bộ')} ${keep('tại quầy một cửa.')}`,
  keep: `${keep('Xin giữ phiếu này')} ${keep('để nhận kết quả.')}`,
} as const;

export const deliveryMethodText: Readonly<Record<DeliveryMethod, string>> = {
  at_agency: 'Nhận trực tiếp tại cơ quan',
  postal: 'Qua dịch vụ bưu chính công ích',
  online: 'Nhận trực tuyến',
};
