/**
 * Opening the kiosk's camera for reading a card. Each way it can fail becomes one of three
 * problems the citizen is told about in plain words; a config `cameraDeviceLabel` picks a
 * camera by (part of) its name when the kiosk has several. Device names are only visible after
 * permission is granted, so the default camera is opened first and swapped if another matches.
 */
export type CameraProblem = 'notFound' | 'denied' | 'busy';
export type CameraResult = { ok: true; stream: MediaStream } | { ok: false; problem: CameraProblem };

const videoConstraints: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 } };

function problemOf(error: unknown): CameraProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'notFound';
  return 'busy';
}

export function stopCamera(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

async function preferredDevice(stream: MediaStream, label: string): Promise<string | null> {
  const wanted = label.toLocaleLowerCase();
  const devices = await navigator.mediaDevices.enumerateDevices();
  const match = devices.find((d) => d.kind === 'videoinput' && d.label.toLocaleLowerCase().includes(wanted));
  const current = stream.getVideoTracks()[0]?.getSettings().deviceId;
  return match && match.deviceId !== current ? match.deviceId : null;
}

export async function openCamera(deviceLabel?: string): Promise<CameraResult> {
  if (!navigator.mediaDevices?.getUserMedia) return { ok: false, problem: 'notFound' };
  try {
    let stream = await navigator.mediaDevices.getUserMedia({ video: videoConstraints, audio: false });
    const deviceId = deviceLabel ? await preferredDevice(stream, deviceLabel) : null;
    if (deviceId) {
      stopCamera(stream);
      stream = await navigator.mediaDevices.getUserMedia({ video: { ...videoConstraints, deviceId: { exact: deviceId } }, audio: false });
    }
    return { ok: true, stream };
  } catch (error) {
    return { ok: false, problem: problemOf(error) };
  }
}
