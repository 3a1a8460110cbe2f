import type { LanguageVocabulary } from "./vocabulary-types.ts";

/**
 * Maghrebi Darija in Latin script ("arabizi": 2 = ء, 3 = ع, 5 = kh, 7 = ح, 9 = ق), mostly
 * Moroccan, with common Algerian and Tunisian forms.
 *
 * Left out on purpose: "ah" (French interjection), "safi" ("ok" but also "enough / stop": neutral
 * filler here), "mzyan" ("good", not a clear yes), "lala" (also "Madam"), "wesh" (greeting).
 */
export const DARIJA_VOCABULARY: LanguageVocabulary = {
  lang: "ary",
  confirmExplicit: [
    "confirmit", "kanconfirmi", "kan2akked", "kan2aked", "kanakked", "n2akked", "2akkedt",
    "bghitha", "bghito", "bghitou", "mazal bghitha", "sifto", "siftoh", "siftiha", "sifteh", "siftih",
  ],
  confirmBare: [
    "wakha", "wkha", "wekha", "wa5a", "w5a", "waxa", "wakhkha",
    "iyeh", "iyah", "ayeh", "eyeh", "akid", "behi", "bahi",
    "machi|mashi|ma|makayn|makaynch mochkil|mouchkil|moshkil|mochkila|mouchkila",
    "ma kayn (ta) mochkil|mouchkil|moshkil",
  ],
  cancelExplicit: [
    "la|lla|laa shukran|chokran|choukran|chukran|shokran|chkran|merci",
    "lghi", "lghiha", "lghih", "annuliha", "nnuliha", "anuliha", "annulih",
    "machi ana", "mashi ana",
  ],
  refusals: [
    "mabghitch", "mabghitsh", "mabghitx", "mabghitach", "mab9itch", "mab9itx",
    "ma bghitch|bghitsh|bghitx|bghitach|b9itch",
    "mabghit walo", "ma bghit walo",
    "mabghithach", "mabghitahch", "ma bghithach", "mabghitouch",
    "makhasnich", "ma khasnich", "ma 5asnich",
    "mahabitch", "ma habitch", "manhabch", "ma nhabch", "manhebech", "ma n7ebech", "manhebbech",
  ],
  cancelBare: ["lla", "laa"],
  contextual: [
    { pattern: "la", intent: "cancel", fallback: "filler" },
    { pattern: "wah", intent: "confirm", fallback: "unknown" },
    { pattern: "ewa", intent: "confirm", fallback: "unknown" },
  ],
  negatorsBefore: ["machi", "mashi"],
  negatorsAround: [],
  weakNegators: [],
  question: [
    "wach", "wash", "imta", "fo9ach", "fokach", "fo9ash", "fin", "fen", "kifach", "kifash",
    "chhal", "ch7al", "sh7al", "shhal", "3lach", "3lash", "lach", "alach",
    "chno", "chnou", "chnu", "achno", "ashno", "shno", "ach",
  ],
  future: [
    "ghadi", "ghad", "mn|men|min ba3d", "mnba3d", "menba3d", "mn|men b3d", "ba3d", "b3d",
    "ghda", "ghedda", "ghedwa", "nchouf", "nchof", "nshouf", "n3awd nchouf",
  ],
  conditional: ["ila", "ilakan", "ila kan"],
  hedge: [
    "inchallah", "inshallah", "incha allah", "in cha allah", "inchaallah", "nchallah", "inshaallah",
    "insha allah", "in sha allah", "inchalah", "inshalah",
    "mumkin", "momkin", "yemken", "ymkn", "ymken",
    "mazal", "ma3reftch", "ma3rftch", "ma3araftch", "manarefch",
    "tsna", "tsenna", "tsanna",
  ],
  contrast: ["walakin", "walakine", "walaken", "lakin", "lakine", "bsah", "bsa7"],
  courtesy: [
    "salam", "slm", "salamo|salamou|salam|assalam|assalamu|essalam|slm alaykom|alaykoum|alaikoum|alaikum|alikoum|3alaykom|aleykoum|alikom",
    "chokran", "choukran", "shukran", "shokran", "chukran", "chkran", "chokrane",
    "barak|baraka|barakallahu|barakallah (allahu|llahou|llahu|lahou) fik|fikom",
    "llah|allah ykhalik|ykhlik|yhfdk|yhfdek",
    "3afak", "afak", "3fak",
    "khouya", "khoya", "khay", "khti", "a khouya|khoya|khti|sidi|lalla|hajja|hajj|sahbi",
    "sahbi", "lalla", "sidi", "hajja", "hajj", "akhi", "ukhti", "habibi", "habibti", "hbibi", "hbibti",
    "labas", "hamdoullah", "hamdollah", "alhamdulillah", "l7amdollah", "tbarkallah", "tbarkellah",
  ],
  filler: ["safi", "daba", "ana", "ghir", "lcommande", "lkomand"],
  lookalikes: [],
};
