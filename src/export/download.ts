/** Saving exports from the page as files in the browser's downloads. */

/**
 * How long an object URL stays valid after the click. The browser starts
 * the download after click() returns, so revoking the URL at once could
 * cancel it.
 */
const REVOKE_DELAY_MS = 60_000;

/**
 * Starts a download of `parts` joined as one file, through an object URL and
 * a temporary link. Byte arrays over a SharedArrayBuffer are copied, because
 * a Blob takes only ArrayBuffer-backed views. Main thread only: it needs
 * `document`.
 */
export function downloadBlob(parts: readonly (BlobPart | Uint8Array)[], fileName: string, type: string): void {
  const blob = new Blob(parts.map(blobPart), { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_DELAY_MS);
}

function blobPart(part: BlobPart | Uint8Array): BlobPart {
  if (!(part instanceof Uint8Array) || part.buffer instanceof ArrayBuffer) return part as BlobPart;
  return new Uint8Array(part);
}
