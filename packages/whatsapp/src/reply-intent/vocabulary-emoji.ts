import type { LanguageVocabulary } from "./vocabulary-types.ts";

/**
 * Emoji, after the normaliser removed skin tones and variation selectors (👍🏽 → 👍, ✔️ → ✔).
 * 🙏 is "please / thank you", not a yes: it is courtesy. Any emoji not listed is other content.
 */
export const EMOJI_VOCABULARY: LanguageVocabulary = {
  lang: "emoji",
  confirmExplicit: [],
  confirmBare: ["👍", "✅", "👌", "✔", "☑", "🆗"],
  cancelExplicit: [],
  refusals: [],
  cancelBare: ["❌", "👎", "🚫", "✖", "⛔", "❎", "🙅"],
  contextual: [],
  negatorsBefore: [],
  negatorsAround: [],
  weakNegators: [],
  question: ["❓", "❔"],
  future: ["⏳", "⌛"],
  conditional: [],
  hedge: ["🤔", "🤷"],
  contrast: [],
  courtesy: [
    "🙏", "😊", "🙂", "😀", "😁", "😃", "😄", "😉", "😍", "🥰", "😘", "☺", "🤗", "😇", "❤", "🧡", "💛", "💚",
    "💙", "💜", "💕", "💖", "💗", "💓", "💞", "🌹", "🌸", "💐", "✨", "🤝", "🎉", "🥳", "😎", "💯",
  ],
  filler: [],
  lookalikes: [],
};
