import type { LanguageVocabulary } from "./vocabulary-types.ts";

/** Spanish. "sí" is the contextual "si" of the French table (French "si" is also "if"). */
export const SPANISH_VOCABULARY: LanguageVocabulary = {
  lang: "es",
  confirmExplicit: [
    "(lo|la) confirmo", "confirmado", "confirmada", "confirmar", "(lo|la) acepto", "aceptado",
    "(si) lo|la quiero", "lo|la quiero (todavia)",
  ],
  confirmBare: [
    "claro", "claro que si", "vale", "de acuerdo", "perfecto", "esta bien", "por supuesto", "muy bien",
    "dale", "no hay problema",
  ],
  cancelExplicit: [
    "no gracias", "no muchas gracias", "cancelar", "cancela", "cancelo", "cancelen", "cancelado",
    "anular", "anula", "anulen", "anulado", "no me interesa", "no confirmo", "no lo confirmo",
    "quiero cancelar|anular", "(yo) no lo|la pedi", "(yo) no pedi nada", "no he pedido nada",
  ],
  refusals: ["(ya) no lo|la quiero", "(ya) no quiero"],
  cancelBare: [],
  contextual: [],
  negatorsBefore: ["nunca", "tampoco"],
  negatorsAround: [],
  weakNegators: [],
  question: ["cuando", "cuanto", "cuanta", "como", "donde", "por que", "cual"],
  future: ["luego", "despues", "mas tarde", "manana", "voy a", "confirmare", "te|le aviso", "ya te digo"],
  conditional: ["solo si"],
  hedge: ["quizas", "quiza", "tal vez", "a lo mejor", "no se", "no lo se", "depende", "creo que"],
  contrast: ["pero", "sin embargo"],
  courtesy: [
    "hola", "buenos dias", "buenas tardes|noches", "buenas", "gracias", "muchas gracias", "por favor",
    "senor", "senora", "amigo", "amiga",
  ],
  filler: ["el", "mi", "pedido", "el pedido", "mi pedido", "y"],
  lookalikes: ["valle"],
};
