// Owns the page's words: the catalog the build writes into the page (#calc-words, from
// scripts/sitegen/catalogs/<lang>.json), read once; fmt fills its {name} placeholders. No words live here.

import { IDS } from "../names.mjs";

let catalog = null;

/** The words of this page's language (an empty catalog before the page has any, as in unit tests). */
export function words() {
  if (catalog) return catalog;
  const element = typeof document !== "undefined" ? document.getElementById(IDS.words) : null;
  try {
    catalog = element ? JSON.parse(element.textContent) : {};
  } catch {
    catalog = {};
  }
  return catalog;
}

/** The catalog's text for key with {name} placeholders filled from values; the key itself if missing. */
export function t(key, values = {}) {
  const text = words()[key];
  if (typeof text !== "string") return key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** A bilingual text object ({zh, en}) in `lang`, English falling back to Chinese. */
export function pickText(text, lang) {
  if (!text || typeof text !== "object") return "";
  if (lang === "en") return String(text.en || text.zh || "");
  return String(text.zh || "");
}
