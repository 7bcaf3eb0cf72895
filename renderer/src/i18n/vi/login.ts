/** Vietnamese: logging in. Labels from the province's guide are verbatim. */
export default {
  loginMethod: {
    heading: 'Đăng nhập',
    national: 'Đăng nhập Cổng DVC Quốc gia',
    nationalHint: 'Dùng tài khoản Cổng dịch vụ công quốc gia',
  },
  loginAccount: {
    heading: 'Đăng nhập Cổng DVC Quốc gia',
    portalAccount: 'Tài khoản cấp bởi Cổng dịch vụ công quốc gia',
    portalAccountHint: 'Tên đăng nhập là số CMND hoặc CCCD',
    vneid: 'Tài khoản định danh điện tử VNeID',
    vneidUnavailable: 'Chưa hỗ trợ tại kiosk này — vui lòng dùng ứng dụng VNeID trên điện thoại hoặc hỏi cán bộ.',
  },
  loginForm: {
    heading: 'Đăng nhập',
    lead: 'Nhập số CMND hoặc CCCD và mật khẩu của bạn.',
    citizenId: 'CMND hoặc CCCD',
    citizenIdHint: '9 số (CMND) hoặc 12 số (CCCD)',
    password: 'Mật khẩu',
    showPassword: 'Hiện mật khẩu',
    hidePassword: 'Ẩn mật khẩu',
    submit: 'Đăng nhập',
  },
  otp: {
    heading: 'Xác nhận mã OTP',
    sentTo: 'Mã OTP gồm 6 số đã được gửi tới số điện thoại {phone}.',
    label: 'Mã OTP',
    expiresIn: 'Mã hết hạn sau {time}',
    expired: 'Mã OTP đã hết hạn. Hãy bấm “Gửi lại OTP” để nhận mã mới.',
    attemptsLeft: 'Bạn còn {n} lần nhập.',
    submit: 'Xác nhận',
    resend: 'Gửi lại OTP',
    resendIn: 'Gửi lại OTP sau {time}',
    resent: 'Đã gửi mã OTP mới. Mã cũ không còn dùng được.',
  },
  home: {
    greeting: 'Xin chào, {name}',
    lead: 'Bạn đã đăng nhập. Khi xong việc, hãy bấm “Kết thúc” để người sau không thấy thông tin của bạn.',
    citizenId: 'Số CMND/CCCD',
    phone: 'Số điện thoại',
  },
};
