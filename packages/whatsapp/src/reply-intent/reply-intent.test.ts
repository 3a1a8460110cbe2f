import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import {
  classifyButtonReply,
  classifyReply,
  decodeButtonPayload,
  encodeButtonPayload,
  MAX_BUTTON_PAYLOAD_LENGTH,
  MAX_REPLY_LENGTH,
  type ReplyIntent,
} from "./reply-intent.ts";

const intentOf = (text: string): ReplyIntent => classifyReply(text).intent;

describe("confirmations", () => {
  test.each([
    "oui",
    "Oui",
    "OUI !",
    "ok",
    "OK.",
    "okay",
    "d'accord",
    "D’accord",
    "dac",
    "daccord",
    "parfait",
    "c'est bon",
    "je confirme",
    "confirmé",
    "confirmer",
    "valide",
    "je valide",
    "oui oui",
    "ouais",
    "yes",
    "yep",
    "sure",
    "confirmed",
    "sí",
    "si",
    "claro",
    "vale",
    "wakha",
    "wakhaa",
    "wah",
    "iyeh",
    "ewa",
    "wa5a",
    "نعم",
    "أكيد",
    "موافق",
    "واخا",
    "Bonjour oui",
    "Oui je confirme la commande, merci",
    "wakha merci",
    "oui khouya",
    "pas de souci",
    "il n'y a pas de problème",
    "si si",
    "si claro",
    "la commande ok",
    "wi",
    "ui",
    "oké",
    "dacc",
    "c bon",
    "jconfirme",
  ])("%p confirms", (text) => {
    expect(intentOf(text)).toBe("confirm");
  });

  test.each(["ouiii", "OUIIIII", "okkk", "waaakha", "yesss", "wiiii", "parfaiiit"])("repeated letters: %p confirms", (text) => {
    expect(intentOf(text)).toBe("confirm");
  });

  test.each(["👍", "👍🏽", "👍🏿", "👍\uFE0F", "✅", "👌", "✔️", "✔", "☑️", "👍👍👍", "ok 🙏", "👍😊"])("emoji: %p confirms", (text) => {
    expect(classifyReply(text)).toMatchObject({ intent: "confirm", rule: text.startsWith("ok") ? "word:fr:ok" : "emoji:confirm" });
  });
});

describe("cancellations", () => {
  test.each([
    "non",
    "Non.",
    "non merci",
    "annuler",
    "annulez",
    "j'annule",
    "je ne veux plus",
    "pas intéressé",
    "no",
    "nope",
    "cancel",
    "don't want",
    "la",
    "La la",
    "la shukran",
    "la merci",
    "La, merci",
    "lla",
    "laaa",
    "mabghitch",
    "mabghit walo",
    "لا",
    "ما بغيتش",
    "الغاء",
    "إلغاء",
    "nooon",
    "nn",
    "❌",
    "👎",
    "🚫",
    "Annulez svp, j'ai trouvé moins cher ailleurs",
    "la mabghitch",
  ])("%p cancels", (text) => {
    expect(intentOf(text)).toBe("cancel");
  });
});

describe("whole words only", () => {
  test.each([
    "Louis",
    "Louise",
    "nouilles",
    "annonce",
    "Nonante",
    "inouï",
    "nobody",
    "Yesenia",
    "nokia",
    "Tokyo",
    "bookmark",
    "casino",
    "je suis à Nonancourt",
    "la commande",
    "sinon",
    "noon",
    "Valle",
    "siesta",
    "okapi",
  ])("%p is neither yes nor no", (text) => {
    expect(intentOf(text)).toBe("unclear");
  });
});

describe("negation", () => {
  test.each([
    ["je ne confirme pas", "cancel", "negation"],
    ["je confirme pas", "cancel", "negation"],
    ["Non je ne confirme pas", "cancel", "negation"],
    ["I do not confirm", "cancel", "negation"],
    ["I don't confirm", "cancel", "negation"],
    ["ne pas confirmer", "cancel", "negation"],
    ["je ne veux pas confirmer", "cancel", "word:fr:je_ne_veux_pas"],
    ["pas d'accord", "cancel", "word:fr:pas_d_accord"],
    ["no confirmo", "cancel", "word:es:no_confirmo"],
    ["not ok", "unclear", "negation"],
    ["pas ok", "unclear", "negation"],
    ["n'annulez pas", "unclear", "negation"],
    ["je ne veux pas annuler", "unclear", "negation"],
    ["I don't want to cancel", "unclear", "negation"],
  ] as const)("%p → %s (%s)", (text, intent, rule) => {
    expect(classifyReply(text)).toMatchObject({ intent, rule });
  });
});

describe("not an answer", () => {
  test.each([
    ["c'est confirmé ?", "question"],
    ["Okay?", "question"],
    ["confirm?", "question"],
    ["oui mais c'est combien ?", "question"],
    ["est-ce que c'est confirmé", "question"],
    ["c'est livré quand", "question"],
    ["¿sí", "question"],
    ["نعم؟", "question"],
    ["👍❓", "question"],
    ["je confirmerai demain", "future"],
    ["je vous confirme plus tard", "future"],
    ["je vais réfléchir", "future"],
    ["I'll confirm tomorrow", "future"],
    ["ghadi nchouf", "future"],
    ["peut-être", "hedge"],
    ["oui inchallah", "hedge"],
    ["je sais pas", "hedge"],
    ["euh oui", "hedge"],
    ["si le prix baisse, oui", "conditional"],
    ["si je confirme", "conditional"],
    ["ok si", "conditional"],
    ["si c'est bon", "conditional"],
    ["oui si possible", "conditional"],
    ["yes if it is cheaper", "conditional"],
  ] as const)("%p is unclear (%s)", (text, rule) => {
    expect(classifyReply(text)).toMatchObject({ intent: "unclear", rule });
  });
});

describe("mixed signals and extra content", () => {
  test.each([
    ["oui non", "mixed"],
    ["ok mais annulez", "mixed"],
    ["oui... enfin non", "mixed"],
    ["non, je confirme", "mixed"],
    ["non non c'est bon je confirme", "mixed"],
    ["👍❌", "mixed"],
    ["la ok", "mixed"],
    ["là je confirme", "mixed"],
    ["oui mais", "contrast"],
    ["non mais", "contrast"],
    ["oui je suis là demain matin pour la livraison", "extra_content"],
    ["Non, l'adresse c'est 12 rue Nationale", "extra_content"],
    ["Bonjour, je voudrais savoir quand arrive mon colis", "question"],
    ["Bonjour", "no_match"],
    ["🙏", "no_match"],
    ["", "empty"],
    ["  ... ", "empty"],
    ["oui ".repeat(300), "too_long"],
  ] as const)("%p is unclear (%s)", (text, rule) => {
    expect(classifyReply(text)).toMatchObject({ intent: "unclear", rule });
  });

  test("a reply just under the length limit is still read", () => {
    expect(intentOf(`oui${" ".repeat(MAX_REPLY_LENGTH - 3)}`)).toBe("confirm");
  });

  test("never throws on non-string input from untyped callers", () => {
    expect(classifyReply(undefined as unknown as string)).toMatchObject({ intent: "unclear", rule: "empty" });
  });
});

describe("button payloads", () => {
  const orderId = "0190f5e4-7c3a-7b2e-9f1d-3c4b5a697887";

  test("encodes and decodes our own actions", () => {
    expect(encodeButtonPayload({ intent: "confirm", orderId })).toBe(`confirma:confirm:${orderId}`);
    for (const intent of ["confirm", "cancel"] as const) {
      expect(decodeButtonPayload(encodeButtonPayload({ intent, orderId }))).toEqual({ intent, orderId });
    }
  });

  test("round-trips every valid order id and fits WhatsApp's limit", () => {
    fc.assert(
      fc.property(fc.constantFrom("confirm" as const, "cancel" as const), fc.stringMatching(/^[A-Za-z0-9_-]{1,128}$/), (intent, id) => {
        const payload = encodeButtonPayload({ intent, orderId: id });
        expect(payload.length).toBeLessThanOrEqual(MAX_BUTTON_PAYLOAD_LENGTH);
        expect(decodeButtonPayload(payload)).toEqual({ intent, orderId: id });
      }),
    );
  });

  test.each([
    "",
    "yes",
    "CONFIRM",
    "confirm_order_123",
    "confirma:confirm:",
    "confirma:confirm",
    "CONFIRMA:confirm:abc",
    "confirma:CONFIRM:abc",
    "confirma:maybe:abc",
    " confirma:confirm:abc",
    "confirma:confirm:abc ",
    "confirma:confirm:abc\n",
    "confirma:confirm:a:b",
    "confirma:confirm:a b",
    "confirma:confirm:ü",
    "confirma:cancel:../etc",
    `confirma:confirm:${"a".repeat(129)}`,
    "other-app:confirm:abc",
  ])("rejects foreign or tampered payload %p", (payload) => {
    expect(decodeButtonPayload(payload)).toBeNull();
  });

  test("anything that decodes is exactly our encoding", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((tail) => `confirma:confirm:${tail}`),
        ),
        (payload) => {
          const action = decodeButtonPayload(payload);
          if (action !== null) expect(encodeButtonPayload(action)).toBe(payload);
        },
      ),
    );
  });

  test.each(["", "a:b", "a b", "x".repeat(129), "é"])("refuses to encode order id %p", (bad) => {
    expect(() => encodeButtonPayload({ intent: "confirm", orderId: bad })).toThrow(RangeError);
  });

  test("refuses an unknown intent", () => {
    expect(() => encodeButtonPayload({ intent: "maybe" as "confirm", orderId })).toThrow(RangeError);
  });

  test.each([
    [encodeButtonPayload({ intent: "confirm", orderId }), "Confirmer", { intent: "confirm", rule: "button:payload", orderId }],
    [encodeButtonPayload({ intent: "cancel", orderId }), "Confirmer", { intent: "cancel", rule: "button:payload", orderId }],
    ["confirma:confirm:not valid", "Confirmer", { intent: "unclear", rule: "button:invalid_payload" }],
    [undefined, "Oui", { intent: "confirm", rule: "button:word:fr:oui" }],
    ["btn_1", "Annuler la commande", { intent: "cancel", rule: "button:word:fr:annuler" }],
    ["YES", "Confirm", { intent: "confirm", rule: "button:word:en:confirm" }],
    ["CANCEL", "Confirmer", { intent: "unclear", rule: "button:mixed" }],
    ["yes", "", { intent: "confirm", rule: "button:payload_text:word:en:yes" }],
    ["yes", "Plus tard", { intent: "unclear", rule: "button:future" }],
  ] as const)("button %p titled %p", (payload, title, expected) => {
    expect(classifyButtonReply(payload, title)).toMatchObject(expected);
  });

  test("a request-wide payload names the exact request message, and is explicit", () => {
    const requestId = "0190f5e4-7c3a-7b2e-9f1d-3c4b5a697999";
    const payload = encodeButtonPayload({ intent: "cancel", requestId });
    expect(payload).toBe(`confirma:cancel:request:${requestId}`);
    expect(decodeButtonPayload(payload)).toEqual({ intent: "cancel", requestId });
    expect(classifyButtonReply(payload, "Tout annuler")).toEqual({ intent: "cancel", rule: "button:payload", strength: "explicit", requestId });
    expect(decodeButtonPayload(`confirma:cancel:request:${requestId}:x`)).toBeNull();
    expect(decodeButtonPayload("confirma:cancel:request:")).toBeNull();
    expect(() => encodeButtonPayload({ intent: "confirm", requestId: "a:b" })).toThrow(RangeError);
  });
});

describe("strength: explicit answers and plain words", () => {
  test.each([
    ["Oui, je confirme", "confirm", "explicit"],
    ["Oui d'accord je confirme", "confirm", "explicit"],
    ["Confirmé", "confirm", "explicit"],
    ["I confirm", "confirm", "explicit"],
    ["j'annule", "cancel", "explicit"],
    ["cancel the order", "cancel", "explicit"],
    ["je ne confirme pas", "cancel", "explicit"],
    ["non merci", "cancel", "explicit"],
    ["oui", "confirm", "plain"],
    ["ok", "confirm", "plain"],
    ["Ok merci 🙏", "confirm", "plain"],
    ["d'accord", "confirm", "plain"],
    ["👍", "confirm", "plain"],
    ["نعم", "confirm", "plain"],
    ["wakha", "confirm", "plain"],
    ["non", "cancel", "plain"],
    ["c'est combien ?", "unclear", "none"],
  ] as const)("%p is %p, %p", (text, intent, strength) => {
    expect(classifyReply(text)).toMatchObject({ intent, strength });
  });
});

describe("properties", () => {
  const POOL = [
    "oui",
    "ok",
    "non",
    "la",
    "si",
    "je",
    "confirme",
    "pas",
    "ne",
    "merci",
    "annulez",
    "d'accord",
    "c'est",
    "bon",
    "wakha",
    "👍",
    "❌",
    "nn",
    "plus",
    "tard",
    "mais",
    "la commande",
    "peut-être",
    "wah",
    "ewa",
    "claro",
    "no",
    "not",
    "don't",
    "want",
    "yes",
    "لا",
    "نعم",
    "🙏",
    "Louis",
    "demain",
    "je vous confirme",
    "bonjour",
    "svp",
  ];
  const SEPARATORS = [" ", " ", ", ", "... ", "! ", "\n"];
  const replyLike = fc
    .array(fc.oneof(fc.constantFrom(...POOL), fc.string({ maxLength: 6 })), { maxLength: 8 })
    .chain((words) =>
      fc
        .array(fc.constantFrom(...SEPARATORS), { minLength: words.length, maxLength: words.length })
        .map((separators) => words.map((word, index) => `${word}${separators[index] ?? " "}`).join("")),
    );
  const anyText = fc.oneof(fc.string({ unit: "binary", maxLength: 2000 }), fc.string({ unit: "grapheme", maxLength: 200 }), replyLike);

  test("never throws and always names a rule", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = classifyReply(text);
        expect(["confirm", "cancel", "unclear"]).toContain(result.intent);
        expect(result.rule.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  test("huge and exotic inputs stay fast and unclear", () => {
    const started = performance.now();
    expect(intentOf("oui".repeat(1_000_000))).toBe("unclear");
    expect(intentOf("\uD800".repeat(500))).toBe("unclear");
    expect(intentOf("👍🏽\u200D".repeat(150))).toBe("confirm");
    expect(intentOf("e\u0301".repeat(450))).toBe("unclear");
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test("a question mark never yields confirm", () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(" ?", "?", " ؟", "¿"), (text, mark) => {
        expect(intentOf(`${text}${mark}`)).not.toBe("confirm");
      }),
      { numRuns: 500 },
    );
  });

  test("adding other content, a negative, a hedge or a deferral never yields confirm", () => {
    fc.assert(
      fc.property(replyLike, fc.constantFrom(" zorglub", " non", " mais", " plus tard", " peut-être", " ❌"), (text, tail) => {
        expect(intentOf(`${text}${tail}`)).not.toBe("confirm");
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(replyLike, fc.constantFrom("zorglub ", "non ", "peut-être ", "je vais voir ", "si jamais "), (text, head) => {
        expect(intentOf(`${head}${text}`)).not.toBe("confirm");
      }),
      { numRuns: 500 },
    );
  });

  test("case and surrounding spaces do not matter", () => {
    fc.assert(
      fc.property(replyLike, (text) => {
        expect(intentOf(`  ${text.toUpperCase()}  `)).toBe(intentOf(text));
      }),
      { numRuns: 500 },
    );
  });
});
