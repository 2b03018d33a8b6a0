// Offers the same page in the other edition (partials/language-offer.html) to a reader whose browser prefers
// that language: of the languages the browser lists (navigator.languages), the first that is Chinese or
// English is the offer's. Never a redirect. Dismissed, it stays away on every page (localStorage; where
// storage is refused, for this page only).

const DISMISSED = "suzhou-ai-plus.language-offer.dismissed";

/** Whether the browser's languages, in their order of preference, put `lang` (zh or en) before the other. */
export function prefers(languages, lang) {
  for (const tag of languages) {
    const primary = String(tag).toLowerCase().split("-")[0];
    if (primary === "zh" || primary === "en") return primary === lang;
  }
  return false;
}

function dismissed(lang) {
  try {
    return (localStorage.getItem(DISMISSED) || "").split(" ").includes(lang);
  } catch {
    return false;
  }
}

function remember(lang) {
  try {
    const kept = (localStorage.getItem(DISMISSED) || "").split(" ").filter(Boolean);
    localStorage.setItem(DISMISSED, [...new Set([...kept, lang])].join(" "));
  } catch {
    // storage refused: dismissed for this page only
  }
}

const languages = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
for (const offer of document.querySelectorAll(".language-offer[data-offer-lang]")) {
  const lang = offer.dataset.offerLang;
  if (!prefers(languages, lang) || dismissed(lang)) continue;
  offer.hidden = false;
  offer.querySelector(".language-offer__dismiss").addEventListener("click", () => {
    offer.hidden = true;
    remember(lang);
  });
}
