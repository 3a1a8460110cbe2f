import { describe, expect, test } from "bun:test";
import { oggOpusVoiceNote } from "../testing/voice-note.ts";
import { mediaDurationSeconds } from "./media-duration.ts";
import { isInlineType, sniffMediaType } from "./sniff-media.ts";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === "string" ? [...part].map((char) => char.charCodeAt(0)) : part)));

describe("sniffMediaType: the type comes from the bytes", () => {
  test.each([
    [bytes([0xff, 0xd8, 0xff, 0xe0], "JFIF"), undefined, "image/jpeg"],
    [bytes([0x89], "PNG\r\n\x1a\n", [0, 0]), "image/jpeg", "image/png"],
    [bytes("GIF89a"), undefined, "image/gif"],
    [bytes("RIFF", [0, 0, 0, 0], "WEBP"), undefined, "image/webp"],
    [bytes("RIFF", [0, 0, 0, 0], "WAVE"), undefined, "audio/wav"],
    [oggOpusVoiceNote(1), "audio/ogg; codecs=opus", "audio/ogg"],
    [bytes("ID3", [4, 0]), undefined, "audio/mpeg"],
    [bytes("#!AMR\n"), undefined, "audio/amr"],
    [bytes([0, 0, 0, 0x20], "ftypM4A ", [0]), undefined, "audio/mp4"],
    [bytes([0, 0, 0, 0x20], "ftypisom", [0]), undefined, "video/mp4"],
    [bytes([0, 0, 0, 0x20], "ftyp3gp4", [0]), undefined, "video/3gpp"],
    [bytes("%PDF-1.7"), "application/octet-stream", "application/pdf"],
    [
      bytes("PK\x03\x04"),
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ],
    [bytes("PK\x03\x04"), "application/java-archive", null],
    [bytes("prix;quantite\n35;1\n"), "text/csv", "text/csv"],
  ] as const)("%#: declared %s → %s", (content, declared, expected) => expect(sniffMediaType(content, declared)).toBe(expected));

  test.each([
    ["<html><script>alert(1)</script>", "image/jpeg"],
    ['<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "image/svg+xml"],
    ["MZ\x90\x00", "application/pdf"],
    ["#!/bin/sh\nrm -rf /", "application/x-sh"],
    ["plain words", undefined],
  ])("%j declared %s is refused", (content, declared) => expect(sniffMediaType(bytes(content), declared)).toBeNull());

  test("images, audio and video show inline; the rest downloads", () => {
    expect(["image/png", "audio/ogg", "video/mp4"].every(isInlineType)).toBe(true);
    expect(["application/pdf", "text/plain"].some(isInlineType)).toBe(false);
  });
});

describe("mediaDurationSeconds", () => {
  test("an Ogg Opus voice note's length comes from its last page", () => {
    expect(mediaDurationSeconds(oggOpusVoiceNote(3), "audio/ogg")).toBe(3);
    expect(mediaDurationSeconds(oggOpusVoiceNote(65), "audio/ogg")).toBe(65);
  });

  test("other formats, or a cut file, have none", () => {
    expect(mediaDurationSeconds(bytes([0xff, 0xd8, 0xff]), "image/jpeg")).toBeNull();
    expect(mediaDurationSeconds(oggOpusVoiceNote(3).subarray(0, 40), "audio/ogg")).toBeNull();
  });
});
