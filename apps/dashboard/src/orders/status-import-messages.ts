/**
 * The orders page's export and courier-import strings in French, spread into `fr.ts` (the English
 * ones, in `status-import-messages-en.ts`, into `en.ts`). French is the reference key set; English must have every key (the type checker makes sure).
 */
export const ordersExchangeFr = {
  "orders.export.xlsx": "Exporter (Excel)",
  "orders.export.csv": "Exporter (CSV)",
  "orders.filter.number": "N° de commande",
  "orders.filter.externalNumber": "N° boutique",
  "orders.filter.city": "Ville",
  "orders.filter.address": "Adresse",
  "orders.filter.item": "Article",
  "statusImport.open": "Importer des statuts",
  "statusImport.title": "Importer les statuts du transporteur",
  "statusImport.help":
    "Un fichier CSV avec une ligne par colis : le n° de commande (#74A1CE, le n° de la boutique ou l’identifiant), le statut (expédiée, livrée, retournée) et, si vous l’avez, la date. Vous voyez d’abord ce qui changera ; rien n’est modifié avant « Appliquer ».",
  "statusImport.file": "Fichier CSV",
  "statusImport.tooLarge": "Ce fichier dépasse 1 Mo : découpez-le.",
  "statusImport.checking": "Vérification du fichier…",
  "statusImport.preview": "Aperçu : {applied} à modifier, {unchanged} déjà à jour, {problems} à vérifier.",
  "statusImport.report": "{applied} commandes modifiées, {unchanged} déjà à jour, {problems} lignes non appliquées.",
  "statusImport.apply": "Appliquer",
  "statusImport.applying": "Application…",
  "statusImport.done": "{count} commandes mises à jour.",
  "statusImport.line": "Ligne",
  "statusImport.reference": "Commande",
  "statusImport.change": "Changement",
  "statusImport.outcome": "Résultat",
  "statusImport.outcome.willApply": "Sera modifiée",
  "statusImport.outcome.applied": "Modifiée",
  "statusImport.outcome.unchanged": "Déjà à jour",
  "statusImport.outcome.not_found": "Introuvable",
  "statusImport.outcome.ambiguous": "Plusieurs commandes ont ce numéro",
  "statusImport.outcome.invalid_status": "Statut non reconnu",
  "statusImport.outcome.invalid_date": "Date illisible",
  "statusImport.outcome.invalid_transition": "Changement impossible",
} as const;
