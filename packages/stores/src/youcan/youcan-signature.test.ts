import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { DOCUMENTED_ORDER_CREATE, MOROCCAN_COD_ORDER } from "./youcan-fixtures.ts";
import { payloadDigest, phpJsonEncode, verifyYoucanSignature, youcanSignature } from "./youcan-signature.ts";

const CLIENT_SECRET = "yc_client_secret_0123456789abcdef";
const utf8 = (text: string) => new TextEncoder().encode(text);
const signed = (signature: string) => new Headers({ "x-youcan-signature": signature });

/** The bytes YouCan posts: PHP's json_encode of the payload. */
const phpBytes = (json: string) => utf8(phpJsonEncode(json)!);

describe("the signed form: PHP's json_encode with default flags", () => {
  test("a payload PHP encodes by hand: \\/ for slashes, lower-case \\u for non-ASCII (surrogate pairs), short escapes, numbers as written", () => {
    // php > echo json_encode(["name" => "Café / Thé 😀", "note" => "a\"b\\c\n\x01", "total" => 300.0, "list" => [], "url" => "https://x.ma/a"]);
    const php = String.raw`{"name":"Caf\u00e9 \/ Th\u00e9 \ud83d\ude00","note":"a\"b\\c\n\u0001","total":300.0,"list":[],"url":"https:\/\/x.ma\/a"}`;
    const written = `{\n  "name": "Café / Thé 😀",\n  "note": "a\\"b\\\\c\\n\\u0001",\n  "total": 300.0,\n  "list": [ ],\n  "url": "https://x.ma/a"\n}`;
    expect(phpJsonEncode(utf8(written))).toBe(php);
    expect(phpJsonEncode(php)).toBe(php);
    expect(phpJsonEncode(String.raw`{"a":"\u00E9\/"}`)).toBe(String.raw`{"a":"\u00e9\/"}`);
    expect(phpJsonEncode("{ not json")).toBeNull();
    expect(phpJsonEncode(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]))).toBeNull();
  });

  test("any JSON value: the same form however it is spelled, ASCII only, no bare slash, the same value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const compact = phpJsonEncode(JSON.stringify(value));
        expect(compact).not.toBeNull();
        expect(phpJsonEncode(JSON.stringify(value, null, 2))).toBe(compact);
        expect(compact!).toMatch(/^[\x20-\x7f]*$/);
        expect(compact!.replaceAll("\\\\", "")).not.toMatch(/[^\\]\//);
        expect(JSON.parse(compact!)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });
});

describe("x-youcan-signature", () => {
  const body = phpBytes(MOROCCAN_COD_ORDER);
  const signature = youcanSignature(CLIENT_SECRET, body);

  test("accepted on the raw bytes, in either hex case; refused after any one changed byte", () => {
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyYoucanSignature(CLIENT_SECRET, signed(signature), body)).toBe("valid");
    expect(verifyYoucanSignature(CLIENT_SECRET, signed(signature.toUpperCase()), body)).toBe("valid");
    for (const position of [0, 10, body.indexOf(0x34 /* "4" of 429 */), body.length - 1]) {
      const tampered = body.slice();
      tampered[position] = tampered[position]! ^ 0x01;
      expect(verifyYoucanSignature(CLIENT_SECRET, signed(signature), tampered)).toBe("invalid");
    }
  });

  test("missing, malformed, signed with another key (the access token) or another secret", () => {
    expect(verifyYoucanSignature(CLIENT_SECRET, new Headers(), body)).toBe("missing");
    expect(verifyYoucanSignature(CLIENT_SECRET, signed("sha256=abc"), body)).toBe("invalid");
    expect(verifyYoucanSignature(CLIENT_SECRET, signed(youcanSignature("access-token-of-the-store", body)), body)).toBe("invalid");
    expect(verifyYoucanSignature("another secret", signed(signature), body)).toBe("invalid");
  });

  // The documentation's check is hash_hmac('sha256', json_encode($payload), $secret): the signature
  // covers PHP's encoding of the payload. Both readings of that are accepted…
  test("either side: a signature over the exact bytes sent is accepted even when they are not PHP's spelling", () => {
    const reEncoded = utf8(JSON.stringify(JSON.parse(MOROCCAN_COD_ORDER)));
    expect(verifyYoucanSignature(CLIENT_SECRET, signed(youcanSignature(CLIENT_SECRET, reEncoded)), reEncoded)).toBe("valid");
  });

  test("either side: a body spelled differently from what was signed (unescaped unicode and slashes, indented) is accepted: its json_encode is what was signed", () => {
    for (const spelling of [MOROCCAN_COD_ORDER, JSON.stringify(JSON.parse(MOROCCAN_COD_ORDER)), DOCUMENTED_ORDER_CREATE]) {
      const documented = youcanSignature(CLIENT_SECRET, phpJsonEncode(spelling)!);
      expect(verifyYoucanSignature(CLIENT_SECRET, signed(documented), utf8(spelling))).toBe("valid");
    }
  });

  // …and what the rule makes a different payload is refused, even when JSON calls it equal.
  test("refused: the same JSON with keys in another order, a number written otherwise (300 vs 300.0), a duplicated key, a changed value", () => {
    const documented = signed(youcanSignature(CLIENT_SECRET, phpJsonEncode(DOCUMENTED_ORDER_CREATE)!));
    const { id, ref, ...rest } = JSON.parse(DOCUMENTED_ORDER_CREATE);
    const reordered = JSON.stringify({ ref, id, ...rest });
    expect(JSON.parse(reordered)).toEqual(JSON.parse(DOCUMENTED_ORDER_CREATE));
    expect(verifyYoucanSignature(CLIENT_SECRET, documented, utf8(reordered))).toBe("invalid");
    expect(verifyYoucanSignature(CLIENT_SECRET, documented, utf8(DOCUMENTED_ORDER_CREATE.replace('"total": 300,', '"total": 300.0,')))).toBe("invalid");
    expect(verifyYoucanSignature(CLIENT_SECRET, documented, utf8(DOCUMENTED_ORDER_CREATE.replace('"ref": "025",', '"ref": "025", "ref": "025",')))).toBe(
      "invalid",
    );
    expect(verifyYoucanSignature(CLIENT_SECRET, documented, utf8(DOCUMENTED_ORDER_CREATE.replace('"total": 300,', '"total": 30,')))).toBe("invalid");
    expect(verifyYoucanSignature(CLIENT_SECRET, documented, utf8("not json"))).toBe("invalid");
  });

  test("the payload digest is the same for a byte-identical or re-spelled redelivery, different for another payload", () => {
    expect(payloadDigest(phpBytes(MOROCCAN_COD_ORDER))).toBe(payloadDigest(phpBytes(MOROCCAN_COD_ORDER)));
    expect(payloadDigest(utf8(MOROCCAN_COD_ORDER))).toBe(payloadDigest(phpBytes(MOROCCAN_COD_ORDER)));
    expect(payloadDigest(phpBytes(DOCUMENTED_ORDER_CREATE))).not.toBe(payloadDigest(phpBytes(MOROCCAN_COD_ORDER)));
  });
});
