// "Copy link" buttons beside each provision: copy the absolute address of the provision's anchor.
// The buttons are rendered hidden and shown only here, so without JavaScript nothing is shown that does
// not work; the provision id stays a plain link either way.
import { WORDS } from "./site-words.mjs";

async function copy(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const field = document.createElement("textarea");
  field.value = text;
  field.setAttribute("readonly", "");
  field.className = "copy-link__buffer";
  document.body.append(field);
  field.select();
  const ok = document.execCommand("copy");
  field.remove();
  if (!ok) throw new Error("copy refused");
}

// Material puts each code block's copy button in an unnamed <nav>: one button is not a navigation landmark,
// and a page with several code blocks would list several unnamed ones (axe-core: landmark-unique).
function unlandmarkCodeButtons() {
  for (const nav of document.querySelectorAll("nav.md-code__nav:not([role])")) nav.setAttribute("role", "none");
}
document.addEventListener("DOMContentLoaded", unlandmarkCodeButtons);
window.addEventListener("load", unlandmarkCodeButtons);

for (const button of document.querySelectorAll("button.copy-link[data-href]")) {
  const label = button.textContent;
  const name = button.getAttribute("aria-label");
  const done = WORDS["script.copied"][document.documentElement.lang.startsWith("zh") ? "zh" : "en"];
  button.hidden = false;
  button.addEventListener("click", async () => {
    const url = new URL(button.dataset.href, window.location.href).href;
    button.dataset.url = url;
    try {
      await copy(url);
      button.textContent = done;
      button.setAttribute("aria-label", done); // the accessible name says what the button now shows
    } catch {
      window.prompt(label, url);
    }
    setTimeout(() => {
      button.textContent = label;
      if (name) button.setAttribute("aria-label", name);
    }, 2000);
  });
}
