// The offer of the same page in the other edition (partials/language-offer.html). Whether it is shown was
// decided in <head> before the page was drawn (partials/language-offer-head.html marks <html> with
// data-language-offer); this module handles its dismiss button. Dismissed, it stays away on every page: the
// edition is added to the list kept under the offer's data-dismissed-key in localStorage (where storage is
// refused, for this page only). Never a redirect.

function remember(key, lang) {
  try {
    const kept = (localStorage.getItem(key) || "").split(" ").filter(Boolean);
    localStorage.setItem(key, [...new Set([...kept, lang])].join(" "));
  } catch {
    // storage refused: dismissed for this page only
  }
}

for (const offer of document.querySelectorAll(".language-offer[data-offer-lang]")) {
  offer.querySelector(".language-offer__dismiss").addEventListener("click", () => {
    document.documentElement.removeAttribute("data-language-offer");
    remember(offer.dataset.dismissedKey, offer.dataset.offerLang);
  });
}
