// The estimate as DOM: the total (the "up to" part apart from the fixed part), then each provision with
// its amount, status, limit, period, agencies, conditions, reasons, 就高、不重复 outcome and the steps,
// each quoting the text and linking to the sentence. Every figure is a string calc formatted (`display`,
// or the text of a step); nothing is computed here.

import { h, safeId } from "./dom.mjs";
import { pickText, words } from "./strings.mjs";

/** Link from the calculator page (<edition>/calculator/) to a clause or sentence of the text. */
export function clauseHref(measure, anchor) {
  const id = safeId(anchor);
  if (measure === "closing") return id ? `../#${id}` : "../";
  const page = safeId(measure);
  if (!page) return null;
  return id ? `../measures/${page}/#${id}` : `../measures/${page}/`;
}

/** "200万元 (2,000,000.00元)" or "2,000,000.00 yuan (200万元)" from a display object. */
export function amountText(display, lang) {
  const w = words(lang);
  const wan = w.wan(display.wan, display.wan_exact);
  return lang === "en" ? `${display.yuan} yuan (${wan})` : `${wan}(${display.yuan}元)`;
}

function link(text, href) {
  return href ? h("a", { href }, text) : text;
}

function totalBlock(result, lang) {
  const w = words(lang);
  const display = result.display;
  const block = h("div", { class: "calc-total" },
    h("p", { class: "calc-total-main" }, `${w.totalTitle}${w.labelSep}`, h("strong", { "data-total": result.total }, amountText(display.total, lang))),
    h("ul", {},
      h("li", { class: "calc-total-up-to" }, `${w.totalUpTo}${w.labelSep}`, amountText(display.total_up_to, lang)),
      h("li", { class: "calc-total-fixed" }, `${w.totalFixed}${w.labelSep}`, amountText(display.total_fixed, lang))));
  if (Object.keys(result.totals_by_period || {}).length > 1) block.append(h("p", { class: "calc-hint" }, w.mixedPeriods));
  return block;
}

function amountLine(item, lang) {
  const w = words(lang);
  if (item.status === "eligible" && item.display) {
    return h("p", { class: "calc-item-amount" },
      h("strong", {}, amountText(item.display, lang)),
      item.up_to ? h("span", { class: "calc-badge calc-badge-up-to" }, lang === "en" ? "up to" : "最高") : null);
  }
  if (item.status === "open_amount" || item.status === "not_monetary") {
    return h("p", { class: "calc-item-amount calc-muted" }, w.notComputed);
  }
  return h("p", { class: "calc-item-amount calc-muted" }, w.notCounted);
}

function facts(item, lang) {
  const w = words(lang);
  const rows = [[w.status, pickText(item.status_label, lang)]];
  if (item.status === "eligible" && item.up_to !== null && item.up_to !== undefined) {
    const terms = (item.up_to_terms || []).join("、");
    rows.push([w.nature, item.up_to ? `${w.upTo}${terms ? (lang === "en" ? ` (${terms})` : `(原文:${terms})`) : ""}` : w.fixed]);
  }
  if (item.bound_label) rows.push([w.bound, pickText(item.bound_label, lang)]);
  rows.push([w.period, pickText(item.period_label, lang)]);
  if (item.unit_term) rows.push([w.unit, item.unit_term]);
  const agencies = (item.agencies || []).map((a) => pickText(a, lang)).join(w.listSep);
  if (agencies) rows.push([w.agencies, agencies]);
  return h("dl", { class: "calc-facts" }, rows.map(([term, detail]) => [h("dt", {}, term), h("dd", {}, detail)]));
}

function conditionsBlock(item, lang) {
  const w = words(lang);
  const open = (item.conditions || []).filter((c) => c.confirmed === null || c.confirmed === undefined);
  const met = (item.conditions || []).filter((c) => c.confirmed === true);
  const text = (c) => (lang === "en" && c.text.en ? `${c.text.en} (${c.text.zh})` : c.text.zh);
  return [
    open.length ? h("div", { class: "calc-to-confirm" }, h("p", {}, w.conditionsToConfirm), h("ul", {}, open.map((c) => h("li", {}, text(c))))) : null,
    met.length ? h("div", { class: "calc-confirmed" }, h("p", {}, w.conditionsConfirmed), h("ul", {}, met.map((c) => h("li", {}, text(c))))) : null,
  ];
}

function reasonsBlock(item, lang) {
  if (!item.reasons || !item.reasons.length) return null;
  return h("div", { class: "calc-reasons" }, h("p", {}, words(lang).reasons),
    h("ul", {}, item.reasons.map((reason) => h("li", {}, pickText(reason, lang)))));
}

function refName(ref, labels, lang) {
  const w = words(lang);
  if (ref.type === "other_support") return `${ref.provision} ${w.otherSupport(ref.source)}`;
  const label = labels.get(ref.provision);
  return label ? `${ref.provision} ${pickText(label, lang)}` : String(ref.provision);
}

function overlapBlock(overlap, labels, lang) {
  if (!overlap) return null;
  const w = words(lang);
  const basis = overlap.basis === "interpretation"
    ? h("p", { class: "calc-overlap-basis", "data-basis": "interpretation" }, w.overlapBasisInterpretation, pickText(overlap.explanation, lang))
    : h("p", { class: "calc-overlap-basis", "data-basis": "text" }, w.overlapBasisText);
  return h("div", { class: "calc-overlap", "data-applies": overlap.applies ? "yes" : "no" },
    h("p", {}, h("strong", {}, `${w.overlapTitle}${w.labelSep}`), overlap.applies ? w.overlapApplies : w.overlapSetAside),
    h("p", {}, w.overlapApplied, refName(overlap.applied, labels, lang)),
    h("p", {}, w.overlapSetAsideList, (overlap.set_aside || []).map((ref) => refName(ref, labels, lang)).join(w.listSep)),
    basis);
}

function stepsBlock(item, lang) {
  const w = words(lang);
  if (!item.steps || !item.steps.length) return null;
  return h("div", { class: "calc-steps" }, h("p", {}, w.steps),
    h("ol", {}, item.steps.map((step) => {
      const measure = step.clause === "closing" ? "closing" : item.measure;
      return h("li", { "data-sentence": safeId(step.sentence) },
        h("p", { class: "calc-step-text" }, lang === "en" ? step.en || step.zh : step.zh),
        h("p", { class: "calc-step-quote" },
          h("q", { lang: "zh-CN" }, step.quote), " ",
          link(w.quoteLink(step.sentence), clauseHref(measure, step.sentence))));
    })));
}

function itemBlock(item, labels, lang) {
  const w = words(lang);
  return h("li", {},
    h("article", { class: "calc-item", "data-provision": item.provision, "data-status": item.status },
      h("h4", {}, link(pickText(item.label, lang), clauseHref(item.measure, item.provision)), " ",
        h("span", { class: "calc-pid" }, item.provision)),
      amountLine(item, lang),
      facts(item, lang),
      reasonsBlock(item, lang),
      conditionsBlock(item, lang),
      overlapBlock(item.overlap, labels, lang),
      stepsBlock(item, lang),
      h("p", { class: "calc-clause-link" }, link(w.clauseLink, clauseHref(item.measure, item.provision)))));
}

function otherBlock(result, built, labels, lang) {
  const w = words(lang);
  const entries = result.other_support || [];
  if (!entries.length) return null;
  return h("section", { class: "calc-other-report" }, h("h3", {}, w.otherTitle),
    h("ul", {}, entries.map((entry, j) => {
      const typed = built.scenario.other_support[j]?.amount ?? entry.amount;
      const outcome = !entry.overlap ? w.otherNoComparison : entry.overlap.applies ? w.otherApplies : w.otherSetAside;
      const label = labels.get(entry.provision);
      return h("li", { "data-provision": entry.provision },
        `${entry.provision} ${label ? pickText(label, lang) : ""} · ${w.otherSupport(entry.source)} · ${w.otherEntered}${typed} · ${outcome}`);
    })));
}

function pendingBlock(built, schema, lang) {
  const w = words(lang);
  if (!built.pending.size) return null;
  return h("div", { class: "calc-pending-list" }, h("p", {}, w.pendingTitle),
    h("ul", {}, [...built.pending].map(([pid, missing]) => {
      const spec = schema.provisions.get(pid);
      const names = missing.map((name) => spec.inputs.get(name)?.label || name).join(w.listSep);
      return h("li", {}, `${pid} ${spec.label}${w.labelSep}${w.pendingMissing}${names}`);
    })));
}

/**
 * Replace the results with this estimate. Returns {announce, sticky}: a one-line summary for the live
 * region and the sticky total.
 */
export function renderResult(container, result, built, schema, lang) {
  const w = words(lang);
  const labels = new Map((result.items || []).map((item) => [item.provision, item.label]));
  container.replaceChildren(
    totalBlock(result, lang),
    pendingBlock(built, schema, lang) || "",
    h("h3", {}, w.itemsTitle),
    h("ol", { class: "calc-items" }, result.items.map((item) => itemBlock(item, labels, lang))),
    otherBlock(result, built, labels, lang) || "",
    h("p", { class: "calc-meta" }, `${w.asOf}${w.labelSep}${result.as_of} · ${w.policyVersion}${w.labelSep}${result.policy.id} ${result.policy.version}`),
    h("p", { class: "calc-result-notice" }, pickText(result.notice, lang)));
  const total = amountText(result.display.total, lang);
  const wan = w.wan(result.display.total.wan, result.display.total.wan_exact);
  return { announce: w.announceTotal(wan, result.display.total.yuan), sticky: `${w.totalTitle} ${total}` };
}

/** Replace the results with the problems that stop the estimate (each also shown beside its field). */
export function renderProblems(container, problems, built, schema, lang) {
  const w = words(lang);
  container.replaceChildren(
    h("div", { class: "calc-problems", "data-problems": problems.length },
      h("p", {}, w.problemsTitle),
      h("ul", {}, problems.map(({ message, target, label }) =>
        h("li", {}, target ? h("a", { href: `#${target}`, "data-focus": target }, label ? `${label}${w.labelSep}${message}` : message) : message)))),
    pendingBlock(built, schema, lang) || "");
  return { announce: w.problemsAnnounce(problems.length), sticky: w.problemsAnnounce(problems.length) };
}

/** Replace the results with a plain message (nothing included, waiting for the runtime …). */
export function renderMessage(container, message, built, schema, lang) {
  container.replaceChildren(message ? h("p", {}, message) : "", (built && pendingBlock(built, schema, lang)) || "");
}
