/** Vietnamese: the outbox status strip and the clerk's view of it. */
export default {
  outbox: {
    online: 'Đã kết nối',
    offline: 'Mất kết nối — hồ sơ được lưu trên kiosk và sẽ tự gửi',
    waiting: 'Chờ gửi: {n}',
    needsAttention: 'Cần xử lý: {n}',
    progress: 'Đang gửi {done}/{total}',
    clerk: 'Cán bộ',
    strip: 'Trạng thái gửi hồ sơ',
    // Whether the provincial API accepts this kiosk (contract DeviceStateName): IT must act.
    device: {
      not_enrolled: 'Kiosk chưa được đăng ký với hệ thống của tỉnh — chưa gửi được hồ sơ. Hãy báo bộ phận CNTT.',
      revoked: 'Hệ thống của tỉnh đã thu hồi quyền gửi hồ sơ của kiosk — hồ sơ được giữ lại. Hãy báo bộ phận CNTT.',
      refused: 'Hệ thống của tỉnh không nhận ra khóa của kiosk — hồ sơ được giữ lại. Hãy báo bộ phận CNTT.',
    },
    // The data folder's disk (contract StorageStatus): new dossiers are refused until IT frees space.
    storage: {
      low: 'Bộ nhớ kiosk sắp đầy — tạm ngừng nhận hồ sơ mới. Hãy báo bộ phận CNTT.',
      full: 'Bộ nhớ kiosk đã đầy — tạm ngừng nhận hồ sơ mới. Hãy báo bộ phận CNTT.',
      failing: 'Ổ đĩa kiosk bị lỗi — tạm ngừng nhận hồ sơ mới. Hãy báo bộ phận CNTT.',
    },
  },
  clerk: {
    areaHeading: 'Cán bộ một cửa',
    sectionsLabel: 'Việc của cán bộ',
    sections: { outbox: 'Hồ sơ chờ gửi', receipts: 'Biên nhận đã in' },
    unlockedAs: 'Đang mở khóa: {name}',
    heading: 'Hồ sơ chờ gửi (cán bộ một cửa)',
    pinLabel: 'Mã PIN cán bộ',
    unlock: 'Mở khóa',
    lock: 'Khóa',
    close: 'Đóng',
    syncNow: 'Gửi ngay',
    retry: 'Gửi lại',
    history: 'Lịch sử',
    hideHistory: 'Ẩn lịch sử',
    empty: 'Không có hồ sơ nào.',
    more: 'Xem thêm',
    filters: { all: 'Tất cả', queued: 'Đang chờ', sending: 'Đang gửi', needs_attention: 'Cần xử lý', accepted: 'Đã tiếp nhận' },
    states: { queued: 'Đang chờ', sending: 'Đang gửi', needs_attention: 'Cần xử lý', accepted: 'Đã tiếp nhận' },
    columns: { ref: 'Mã tại kiosk', state: 'Trạng thái', code: 'Mã hồ sơ', procedure: 'Thủ tục', attempts: 'Số lần gửi', reason: 'Lý do', citizenId: 'Số định danh' },
    retention: {
      erased: 'Dữ liệu cá nhân đã được xóa ngày {date}.',
      flagged: 'Chưa được tiếp nhận sau nhiều ngày: dữ liệu cá nhân sẽ bị xóa ngày {date}. Hãy liên hệ công dân hoặc báo bộ phận CNTT.',
      flaggedKept: 'Chưa được tiếp nhận sau nhiều ngày; hồ sơ được giữ lại cho đến khi bộ phận CNTT xử lý.',
    },
    kinds: { dossier: 'Hồ sơ', complaint: 'Khiếu nại' },
    storage: {
      low: 'Bộ nhớ kiosk sắp đầy: còn trống {free} MB, dưới mức tối thiểu {floor} MB. Kiosk tạm ngừng nhận hồ sơ mới.',
      full: 'Bộ nhớ kiosk đã đầy: ổ đĩa từ chối ghi (còn trống {free} MB). Kiosk tạm ngừng nhận hồ sơ mới.',
      failing: 'Ổ đĩa kiosk bị lỗi khi ghi. Kiosk tạm ngừng nhận hồ sơ mới.',
      whatStillWorks: 'Hồ sơ đã lưu vẫn được giữ và tự gửi; tra cứu hồ sơ và in lại biên nhận vẫn dùng được.',
      callIt: 'Hãy báo bộ phận CNTT giải phóng dung lượng hoặc kiểm tra ổ đĩa. Kiosk tự nhận hồ sơ trở lại khi đủ chỗ.',
    },
    // Why a submission is not accepted yet: what happened, then what to do (contract DeliveryProblem).
    problems: {
      network: 'Không kết nối được tới hệ thống của tỉnh. Kiosk tự gửi lại khi có mạng; không cần làm gì.',
      timeout: 'Hệ thống của tỉnh không trả lời kịp. Kiosk tự gửi lại; không cần làm gì.',
      unexpected_response:
        'Nhận được trả lời không đúng dạng (mã {status}): mạng có thể đang yêu cầu đăng nhập, hoặc máy chủ trung gian bị lỗi. Kiosk tự gửi lại; nếu kéo dài, báo bộ phận CNTT.',
      api_unavailable: 'Hệ thống của tỉnh đang lỗi hoặc bảo trì (mã {status}). Kiosk tự gửi lại; không cần làm gì.',
      rate_limited: 'Hệ thống của tỉnh đề nghị gửi chậm lại. Kiosk tự gửi lại sau.',
      device_unauthorized:
        'Hệ thống của tỉnh không chấp nhận chứng thư của kiosk này. Báo bộ phận CNTT kiểm tra mã kiosk và khóa thiết bị; hồ sơ vẫn được giữ và sẽ gửi khi sửa xong.',
      device_revoked:
        'Hệ thống của tỉnh đã thu hồi quyền gửi hồ sơ của kiosk này. Báo bộ phận CNTT đăng ký lại kiosk (mã đăng ký mới); hồ sơ vẫn được giữ và sẽ gửi khi xong.',
      device_not_enrolled:
        'Kiosk chưa được đăng ký với hệ thống của tỉnh nên chưa gửi được. Báo bộ phận CNTT đăng ký kiosk; hồ sơ vẫn được giữ và sẽ gửi khi xong.',
      clock_skew:
        'Hệ thống của tỉnh từ chối vì đồng hồ của kiosk lệch quá nhiều. Kiosk tự thử lại; nếu kéo dài, báo bộ phận CNTT kiểm tra đồng hồ (NTP).',
      upload_lost: 'Hệ thống của tỉnh chưa nhận đủ tệp đính kèm. Kiosk tự gửi lại các tệp; không cần làm gì.',
      refused:
        'Hệ thống của tỉnh từ chối hồ sơ (mã {status} {apiCode}). Liên hệ công dân để nộp lại hồ sơ đã sửa; chỉ bấm “Gửi lại” khi lỗi phía hệ thống đã được khắc phục.',
      attachment_file_missing:
        'Tệp đính kèm của hồ sơ không còn trên kiosk (ổ đĩa lỗi hoặc tệp bị xóa), nên không gửi được. Liên hệ công dân để nộp lại; báo bộ phận CNTT kiểm tra ổ đĩa.',
      attachment_damaged:
        'Bản lưu của một tệp đính kèm trên kiosk đã bị hỏng (không còn khớp kích thước hoặc mã SHA-256 đã ghi khi nộp), nên không gửi được. Liên hệ công dân để nộp lại tệp; báo bộ phận CNTT kiểm tra ổ đĩa.',
      erased_unaccepted:
        'Hồ sơ không được hệ thống tỉnh tiếp nhận trong thời hạn lưu giữ, nên dữ liệu cá nhân đã được xóa và hồ sơ không được gửi nữa. Hãy liên hệ công dân để nộp lại.',
      internal: 'Lỗi phần mềm của kiosk khi gửi; kiosk sẽ thử lại sau. Nếu lặp lại, báo bộ phận CNTT (xem nhật ký kiosk).',
      other: 'Lý do ghi lại: {message}',
      apiSaid: 'Hệ thống của tỉnh trả lời: “{message}”',
    },
    events: {
      stored: 'Đã lưu trên kiosk',
      sending: 'Gửi lần {detail}',
      accepted: 'Đã được tiếp nhận: {detail}',
      retry_scheduled: 'Chưa gửi được, sẽ gửi lại sau {inSeconds} giây. {reason}',
      rejected: 'Bị từ chối. {reason}',
      requeued_by_clerk: 'Cán bộ cho gửi lại',
      recovered_after_restart: 'Kiosk khởi động lại, sẽ gửi lại',
      released_after_storage_fault: 'Ổ đĩa kiosk từ chối ghi kết quả gửi; sẽ gửi lại',
      requeued_after_restore: 'Khôi phục từ bản sao lưu; sẽ gửi lại (không bị trùng)',
      files_purged: 'Đã xóa tệp đính kèm sau thời hạn lưu',
      personal_data_erased: 'Đã xóa dữ liệu cá nhân khi hết thời hạn lưu giữ',
    },
  },
  validation: {
    clerkPin: { format: 'Mã PIN gồm 6 đến 12 chữ số.' },
    // Attachment facts the outbox checks while storing (common/domain/dossier.ts).
    attachment: {
      mediaType: 'Chỉ nhận tệp PDF, JPEG hoặc PNG.',
      sha256: 'Tệp đính kèm không hợp lệ. Vui lòng chọn lại tệp.',
      fileName: 'Tên tệp không hợp lệ. Vui lòng đổi tên tệp rồi chọn lại.',
      empty: 'Tệp đính kèm trống. Vui lòng chọn tệp khác.',
      tooLarge: 'Tệp đính kèm quá lớn. Vui lòng chọn tệp nhỏ hơn.',
      tooMany: 'Có quá nhiều tệp đính kèm (tối đa 30).',
    },
  },
};
