// Generates the demo mode's sample attachments (resources/sample-documents/): a one-page PDF and
// a JPEG "photo" of a paper form, both small, both clearly marked as sample data. Run once with
// `node scripts/make-sample-documents.mjs`; the outputs are committed so nothing is downloaded.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
const { createCanvas, GlobalFonts } = require('@napi-rs/canvas');
const out = resolve(import.meta.dirname, '../resources/sample-documents');
const fonts = resolve(import.meta.dirname, '../node_modules/@fontsource/be-vietnam-pro/files');
for (const subset of ['latin', 'vietnamese']) {
  GlobalFonts.registerFromPath(`${fonts}/be-vietnam-pro-${subset}-400-normal.woff2`, 'Be Vietnam Pro');
}

// A minimal, valid PDF 1.4 (ASCII only: the standard Helvetica font has no Vietnamese letters).
function pdf(lines) {
  const text = lines.map((l, i) => `BT /F1 ${i === 0 ? 16 : 12} Tf 72 ${760 - i * 24} Td (${l.replace(/[()\\]/g, '\\$&')}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

writeFileSync(
  `${out}/to-khai-mau.pdf`,
  pdf([
    'SAMPLE DATA - Kiosk Dich vu cong (demo)',
    'To khai dang ky khai sinh (mau)',
    'Ho ten nguoi yeu cau: NGUYEN VAN MAU',
    'Noi cu tru: Phuong Buon Ma Thuot, tinh Dak Lak',
    'This is a generated sample document, not a real declaration.',
  ]),
);

const canvas = createCanvas(800, 1000);
const g = canvas.getContext('2d');
g.fillStyle = '#efe9dc';
g.fillRect(0, 0, 800, 1000);
g.fillStyle = '#fffdf7';
g.fillRect(60, 50, 680, 900);
g.fillStyle = '#1f2937';
g.font = 'bold 34px "Be Vietnam Pro"';
g.fillText('GIẤY CHỨNG SINH (MẪU)', 170, 150);
g.font = '26px "Be Vietnam Pro"';
['Họ tên mẹ: Nguyễn Thị Mẫu', 'Sinh con lúc: 08 giờ 30, ngày 02/03/2026', 'Tại: Bệnh viện mẫu, tỉnh Đắk Lắk', 'Giới tính: Nữ — Cân nặng: 3,2 kg'].forEach((l, i) =>
  g.fillText(l, 110, 260 + i * 60),
);
g.fillStyle = '#b91c1c';
g.font = 'bold 40px "Be Vietnam Pro"';
g.fillText('DỮ LIỆU MẪU — SAMPLE', 180, 800);
writeFileSync(`${out}/giay-chung-sinh-mau.jpg`, canvas.toBuffer('image/jpeg', 80));
console.log('written to', out);
