/**
 * Draws a verification code (mã xác nhận) as an SVG image: digits as jittered strokes, not text,
 * so the code is not simply readable from the markup. The provincial API's simulator draws its
 * codes with this, and so does the kiosk when it issues a code itself while offline. Pure: the
 * randomness comes in.
 *
 * Digits only, on purpose: an elderly citizen types them on the big numeric keypad, there is no
 * upper/lower case to get wrong, and no Vietnamese letters to compose.
 */
export const CAPTCHA_LENGTH = 5;

/** Each digit as polylines on a 10 × 16 grid. */
const glyphs: Record<string, number[][]> = {
  '0': [[2, 1, 8, 1, 9, 3, 9, 13, 8, 15, 2, 15, 1, 13, 1, 3, 2, 1]],
  '1': [[3, 4, 6, 1, 6, 15], [3, 15, 9, 15]],
  '2': [[1, 4, 3, 1, 7, 1, 9, 3, 9, 6, 1, 15, 9, 15]],
  '3': [[1, 2, 8, 1, 9, 4, 5, 8, 9, 11, 8, 15, 1, 14]],
  '4': [[7, 15, 7, 1, 1, 11, 9, 11]],
  '5': [[9, 1, 2, 1, 1, 7, 7, 7, 9, 10, 8, 15, 1, 15]],
  '6': [[8, 1, 3, 3, 1, 9, 2, 15, 8, 15, 9, 10, 7, 8, 1, 9]],
  '7': [[1, 1, 9, 1, 4, 15]],
  '8': [[5, 8, 2, 6, 2, 2, 5, 1, 8, 2, 8, 6, 5, 8, 1, 11, 2, 15, 8, 15, 9, 11, 5, 8]],
  '9': [[9, 7, 3, 8, 1, 5, 2, 1, 8, 1, 9, 7, 8, 13, 3, 15]],
};

const inks = ['#1d3557', '#5a189a', '#7f1d1d', '#14532d', '#1e293b'];

export function renderCaptchaSvg(code: string, random: () => number): string {
  const scale = 3;
  const cell = 44;
  const width = cell * code.length + 24;
  const height = 80;
  const r = (min: number, max: number) => min + random() * (max - min);
  const parts: string[] = [];

  for (let i = 0; i < 5; i++) {
    const y1 = r(10, height - 10);
    const y2 = r(10, height - 10);
    parts.push(
      `<path d="M0 ${y1.toFixed(1)} C ${r(40, 90).toFixed(1)} ${r(0, height).toFixed(1)}, ${r(120, 180).toFixed(1)} ${r(0, height).toFixed(1)}, ${width} ${y2.toFixed(1)}" stroke="#94a3b8" stroke-width="${r(1, 2.2).toFixed(1)}" fill="none"/>`,
    );
  }
  [...code].forEach((ch, i) => {
    const strokes = glyphs[ch];
    if (!strokes) throw new Error('captcha codes are digits only');
    const x = 12 + i * cell + r(0, 8);
    const y = 8 + r(0, 14);
    const angle = r(-14, 14);
    const d = strokes
      .map((pts) => {
        const xy: string[] = [];
        for (let k = 0; k < pts.length; k += 2) xy.push(`${(pts[k]! * scale + r(-1, 1)).toFixed(1)} ${(pts[k + 1]! * scale + r(-1, 1)).toFixed(1)}`);
        return `M${xy.join(' L')}`;
      })
      .join(' ');
    const ink = inks[Math.floor(random() * inks.length) % inks.length]!;
    parts.push(
      `<path transform="translate(${x.toFixed(1)} ${y.toFixed(1)}) rotate(${angle.toFixed(1)} 15 24)" d="${d}" stroke="${ink}" stroke-width="4" stroke-linecap="round" stroke-linejoin="round" fill="none"/>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="#f8fafc"/>${parts.join('')}</svg>`;
}

/** What the citizen typed, as the code is compared: digits only, spaces and dots ignored. */
export function normaliseCaptchaAnswer(answer: string): string {
  return answer.replace(/[\s.\-·]/g, '');
}
