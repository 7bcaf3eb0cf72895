/**
 * Reads QR codes from a playing <video>: a few frames a second are copied (scaled down, never
 * mirrored — a mirrored QR does not decode) and handed to the worker; one frame is in flight at
 * a time, so a slow kiosk skips frames instead of queueing them.
 */
const maxSide = 960;
const intervalMs = 150;

export interface QrReader {
  stop(): void;
}

export function startQrReader(video: HTMLVideoElement, onText: (text: string) => void): QrReader {
  const worker = new Worker(new URL('./qr-worker.ts', import.meta.url), { type: 'module' });
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let busy = false;
  let stopped = false;

  worker.onmessage = (e: MessageEvent<{ text: string | null }>) => {
    busy = false;
    if (!stopped && e.data.text) onText(e.data.text);
  };
  worker.onerror = () => {
    busy = false;
  };

  const timer = setInterval(() => {
    if (busy || stopped || !context || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) return;
    const scale = Math.min(1, maxSide / Math.max(video.videoWidth, video.videoHeight));
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
    busy = true;
    worker.postMessage({ width, height, pixels: data.buffer }, [data.buffer]);
  }, intervalMs);

  return {
    stop() {
      stopped = true;
      clearInterval(timer);
      worker.terminate();
    },
  };
}
