/** Ogg's CRC-32 (polynomial 0x04c11db7, not reflected, initial value 0). */
const CRC_TABLE = Array.from({ length: 256 }, (_, index) => {
  let value = index << 24;
  for (let bit = 0; bit < 8; bit++) value = value & 0x80000000 ? (value << 1) ^ 0x04c11db7 : value << 1;
  return value >>> 0;
});

function oggPage(packets: Uint8Array[], { granule, sequence, flags }: { granule: bigint; sequence: number; flags: number }): Uint8Array {
  const segments = packets.flatMap((packet) => {
    const lacing = Array<number>(Math.floor(packet.length / 255)).fill(255);
    lacing.push(packet.length % 255);
    return lacing;
  });
  const bodyLength = packets.reduce((sum, packet) => sum + packet.length, 0);
  const page = new Uint8Array(27 + segments.length + bodyLength);
  const view = new DataView(page.buffer);
  page.set([0x4f, 0x67, 0x67, 0x53, 0, flags]);
  view.setBigUint64(6, granule, true);
  view.setUint32(14, 0x0c0ff1a, true);
  view.setUint32(18, sequence, true);
  page[26] = segments.length;
  page.set(segments, 27);
  let offset = 27 + segments.length;
  for (const packet of packets) {
    page.set(packet, offset);
    offset += packet.length;
  }
  let crc = 0;
  for (const byte of page) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
  view.setUint32(22, crc, true);
  return page;
}

/**
 * A real Ogg Opus voice note of `seconds` of silence, as WhatsApp records them (mono, 48 kHz,
 * 20 ms packets): browsers play it, and its length reads from the last page.
 */
export function oggOpusVoiceNote(seconds = 3): Uint8Array<ArrayBuffer> {
  const preSkip = 312;
  const head = new Uint8Array(19);
  const headView = new DataView(head.buffer);
  head.set(new TextEncoder().encode("OpusHead"));
  head[8] = 1;
  head[9] = 1;
  headView.setUint16(10, preSkip, true);
  headView.setUint32(12, 48_000, true);
  const vendor = new TextEncoder().encode("confirma");
  const tags = new Uint8Array(8 + 4 + vendor.length + 4);
  tags.set(new TextEncoder().encode("OpusTags"));
  new DataView(tags.buffer).setUint32(8, vendor.length, true);
  tags.set(vendor, 12);
  // A 20 ms CELT frame of silence.
  const silence = new Uint8Array([0xf8, 0xff, 0xfe]);
  const pages = [oggPage([head], { granule: 0n, sequence: 0, flags: 0x02 }), oggPage([tags], { granule: 0n, sequence: 1, flags: 0 })];
  const total = Math.round(seconds * 50);
  for (let sent = 0, sequence = 2; sent < total; sequence++) {
    const count = Math.min(200, total - sent);
    sent += count;
    pages.push(oggPage(Array(count).fill(silence), { granule: BigInt(preSkip + sent * 960), sequence, flags: sent === total ? 0x04 : 0 }));
  }
  const file = new Uint8Array(pages.reduce((sum, page) => sum + page.length, 0));
  let offset = 0;
  for (const page of pages) {
    file.set(page, offset);
    offset += page.length;
  }
  return file;
}
