/** Office formats inside a ZIP (OOXML) or an OLE2 container: accepted only when the provider named them. */
const ZIP_DOCUMENTS = new Set([
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/zip",
]);
const OLE_DOCUMENTS = new Set(["application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"]);
const TEXT_DOCUMENTS = new Set(["text/plain", "text/csv"]);

/** File extension of each type Confirma stores (the stored name is generated; this is its only suffix). */
export const MEDIA_EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/gif": "gif",
  "image/webp": "webp",
  "audio/ogg": "ogg",
  "audio/mpeg": "mp3",
  "audio/aac": "aac",
  "audio/amr": "amr",
  "audio/mp4": "m4a",
  "audio/wav": "wav",
  "audio/webm": "weba",
  "video/mp4": "mp4",
  "video/3gpp": "3gp",
  "video/quicktime": "mov",
  "video/webm": "webm",
  "application/pdf": "pdf",
  "application/zip": "zip",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
  "application/msword": "doc",
  "application/vnd.ms-excel": "xls",
  "application/vnd.ms-powerpoint": "ppt",
  "text/plain": "txt",
  "text/csv": "csv",
};

const ascii = (bytes: Uint8Array, start: number, text: string) => [...text].every((char, index) => bytes[start + index] === char.charCodeAt(0));

function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The type of a file read from its first bytes, never from what the sender or the provider claims;
 * null for anything outside the allowed images, audio, video and documents (HTML, SVG, scripts and
 * executables among them). A container whose inner format the bytes cannot tell (a ZIP, an OLE2
 * file, plain text) takes the provider's declared type when that type is one of the allowed
 * documents. `declared` is the provider's `mime_type` or the answer's `Content-Type`.
 */
export function sniffMediaType(bytes: Uint8Array, declared?: string): string | null {
  const claimed = declared?.split(";")[0]?.trim().toLowerCase();
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (ascii(bytes, 0, "\x89PNG\r\n\x1a\n")) return "image/png";
  if (ascii(bytes, 0, "GIF87a") || ascii(bytes, 0, "GIF89a")) return "image/gif";
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP")) return "image/webp";
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WAVE")) return "audio/wav";
  if (ascii(bytes, 0, "OggS")) return "audio/ogg";
  if (ascii(bytes, 0, "#!AMR")) return "audio/amr";
  if (ascii(bytes, 0, "ID3")) return "audio/mpeg";
  if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1]! & 0xf6) === 0xf0) return "audio/aac";
  if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0) return "audio/mpeg";
  if (ascii(bytes, 4, "ftyp")) {
    const brand = String.fromCharCode(...bytes.subarray(8, 12));
    if (brand === "M4A " || brand === "M4B ") return "audio/mp4";
    if (brand.startsWith("3gp") || brand.startsWith("3g2")) return "video/3gpp";
    if (brand === "qt  ") return "video/quicktime";
    return claimed === "audio/mp4" ? "audio/mp4" : "video/mp4";
  }
  if (bytes.length >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3)
    return claimed?.startsWith("audio/") ? "audio/webm" : "video/webm";
  if (ascii(bytes, 0, "%PDF-")) return "application/pdf";
  if (ascii(bytes, 0, "PK\x03\x04")) return claimed && ZIP_DOCUMENTS.has(claimed) ? claimed : null;
  if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    return claimed && OLE_DOCUMENTS.has(claimed) ? claimed : null;
  if (claimed && TEXT_DOCUMENTS.has(claimed) && isUtf8Text(bytes)) return claimed;
  return null;
}

/** How a type is served: shown in the page (`inline`) for images, audio and video; downloaded otherwise. */
export function isInlineType(mimeType: string): boolean {
  return /^(image|audio|video)\//.test(mimeType);
}
