import type { LanguageVocabulary } from "./vocabulary-types.ts";

/** English. */
export const ENGLISH_VOCABULARY: LanguageVocabulary = {
  lang: "en",
  confirmExplicit: [
    "(i) confirm (it)", "confirmed", "(i) (have) confirmed", "confirming",
    "(i) accept (it)", "accepted", "i agree", "agreed",
    "i (still) want it|them", "send it (please)", "please send (it)", "go ahead", "(please) deliver (it)",
    "i ll|will take it",
  ],
  confirmBare: [
    "yes", "yeah", "yea", "yep", "yup", "yess", "sure", "of course", "okay", "alright", "all right",
    "absolutely", "definitely", "certainly", "sounds good", "that's|thats fine|right|correct|ok",
    "no problem", "no prob", "no worries", "np", "perfect",
  ],
  cancelExplicit: [
    "cancel (it|them)", "cancelled", "canceled", "cancelling", "canceling", "cancellation",
    "(i) want|wanna (to) cancel (it)", "i would|d like to cancel (it)", "please cancel (it)",
    "no thanks", "no thank you", "(i'm|im) not interested", "i am not interested",
    "(i'm|im) no longer interested", "i am no longer interested",
    "(i) (have) changed my mind", "i didn't|didnt|never order|ordered (it|this|anything)",
    "i did not order|ordered (it|this|anything)",
    "wrong number", "(i) refuse", "(i) decline", "no way",
  ],
  refusals: [
    "(i) don't|dont want|need (it|this|them) (anymore)",
    "(i) do not want|need (it|this|them) (anymore)",
    "(i) no longer want|need (it|this|them)",
  ],
  cancelBare: ["no", "nope", "nah", "nop"],
  contextual: [],
  negatorsBefore: [
    "not", "don t", "dont", "do not", "didn t", "didnt", "did not", "doesn t", "does not", "never",
    "can t", "cant", "cannot", "won t", "wont", "isn t", "no longer",
  ],
  negatorsAround: [],
  weakNegators: [],
  question: [
    "what", "when", "why", "how", "where", "which", "who", "how much", "is it", "can i", "could you",
    "do you", "does it", "are you",
  ],
  future: [
    "i ll", "i will", "will", "gonna", "going to", "later", "let you know", "get back to you", "soon",
  ],
  conditional: ["if", "unless", "only if", "provided"],
  hedge: [
    "maybe", "perhaps", "not sure", "i think", "i guess", "probably", "depends", "it depends", "idk",
    "i don't|dont know", "dunno", "wait", "hold on", "let me think", "not yet", "not now", "not really",
  ],
  contrast: ["but", "however", "except", "though"],
  courtesy: [
    "hi", "hello", "hey", "good morning|afternoon|evening", "thanks", "thank you", "thx", "ty",
    "please", "pls", "plz", "sir", "madam", "ma am", "dear", "bro", "sis", "bye",
    "have a nice|good day", "sorry",
  ],
  filler: ["i", "it", "the", "my", "this", "order", "for", "and", "so", "well", "just", "to", "actually"],
  lookalikes: ["noon", "supper", "yeep"],
};
