/**
 * The length in seconds of an Ogg file (WhatsApp voice notes are Ogg Opus): the last page's
 * granule position over the sample rate (48 kHz for Opus, the Vorbis header's rate otherwise).
 * Null for other formats or a file it cannot read; the browser still shows the player.
 */
export function mediaDurationSeconds(bytes: Uint8Array, mimeType: string): number | null {
  if (mimeType !== "audio/ogg" || bytes.length < 64) return null;
  const text = (start: number, value: string) => [...value].every((char, index) => bytes[start + index] === char.charCodeAt(0));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The first packet starts after the first page's header (27 bytes) and its segment table.
  const firstPacket = 27 + (bytes[26] ?? 0);
  let rate: number | null = null;
  let preSkip = 0;
  if (text(firstPacket, "OpusHead")) {
    rate = 48_000;
    preSkip = view.getUint16(firstPacket + 10, true);
  } else if (text(firstPacket + 1, "vorbis")) rate = view.getUint32(firstPacket + 12, true);
  if (!rate) return null;
  for (let at = bytes.length - 27; at >= 0; at--) {
    if (bytes[at] !== 0x4f || !text(at, "OggS")) continue;
    const granule = Number(view.getBigUint64(at + 6, true));
    if (granule <= 0 || granule === Number(0xffff_ffff_ffff_ffffn)) return null;
    return Math.max(0, Math.round((granule - preSkip) / rate));
  }
  return null;
}
