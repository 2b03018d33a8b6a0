// What a printout adds to every page (partials/print-meta.html, shown only in print): the page's address,
// with its fragment (a calculator link carries the whole scenario), and the date it is printed, today in
// China as the status line says. While printing, every closed disclosure of the page is opened, so that an
// estimate prints with its steps and their quotes; they close again afterwards.
import { todayInChina } from "./site-status.mjs";

function fill() {
  for (const meta of document.querySelectorAll(".print-meta")) {
    meta.querySelector(".print-meta__address").textContent = location.href;
    meta.querySelector(".print-meta__date").textContent = todayInChina();
    meta.querySelector(".print-meta__when").hidden = false;
  }
}

window.addEventListener("beforeprint", () => {
  fill();
  for (const details of document.querySelectorAll("article details:not([open])")) {
    details.open = true;
    details.dataset.printOpened = "";
  }
});
window.addEventListener("afterprint", () => {
  for (const details of document.querySelectorAll("details[data-print-opened]")) {
    details.open = false;
    delete details.dataset.printOpened;
  }
});
fill();
