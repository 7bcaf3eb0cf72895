import jsQR from 'jsqr';

/**
 * Finds and reads a QR code in one camera frame, off the main thread so the screen stays
 * responsive while the camera runs. Gets grey-or-colour RGBA pixels, answers with the text or
 * null. Logs nothing: the text is a citizen's identity.
 */
interface Frame {
  readonly width: number;
  readonly height: number;
  readonly pixels: ArrayBuffer;
}

const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<Frame>) => void) | null;
  postMessage(message: { text: string | null }): void;
};

scope.onmessage = (e) => {
  const { width, height, pixels } = e.data;
  let text: string | null = null;
  try {
    // Cards are printed dark on light; trying the inverted image too would halve the frame rate.
    text = jsQR(new Uint8ClampedArray(pixels), width, height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  } catch {
    text = null;
  }
  scope.postMessage({ text: text === '' ? null : text });
};
