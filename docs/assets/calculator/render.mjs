// Owns the estimate as DOM: totals by period first (never one mixed sum; the applicant's apart from money paid
// to talents themselves), one compact row per provision (the amount in calc's words: period, 最高 where it is a
// ceiling, the figure; whose money it is; the limit that bound it; what 就高、不重复 counted), the steps,
// conditions and agencies behind a disclosure that stays open while the reader edits, and the project's
// interpretations once. Every figure and its wording is a string calc wrote; nothing is computed here.

import { PAGES } from "../names.mjs";
import { h, safeId } from "./dom.mjs";
import { pickText, t } from "./strings.mjs";

/** Link from the calculator page (<edition>/calculator/) to a clause or sentence of the text. */
export function clauseHref(measure, anchor) {
  const id = safeId(anchor);
  if (measure === "closing") return id ? `../#${id}` : "../";
  const page = safeId(measure);
  if (!page) return null;
  const href = "../" + PAGES.measure.replace("{measure}", page);
  return id ? `${href}#${id}` : href;
}

/** "200万元(2,000,000.00元)" or "2,000,000.00 yuan (200万元)": the wording calc wrote into a display object. */
export function amountText(display, lang) {
  return pickText(display.text, lang);
}

const link = (text, href) => (href ? h("a", { href }, text) : text);

/** The totals by whose money they are: the applicant's (period_totals), then money paid to talents themselves. */
function totalGroups(result) {
  const own = Array.isArray(result.period_totals) ? result.period_totals : [];
  const paid = Array.isArray(result.talent_period_totals) ? result.talent_period_totals : [];
  return [
    own.length || !paid.length ? { party: "applicant", title: t("totalsTitle"), totals: own } : null,
    paid.length ? { party: "talent", title: t("totalsTalent"), totals: paid } : null,
  ].filter(Boolean);
}

function totalsBlock(result, lang) {
  return h("div", { class: "calc-total" }, totalGroups(result).map((group) => [
    h("p", { class: "calc-total-title", "data-recipient": group.party }, group.title),
    h("ul", { class: "calc-period-totals", "data-recipient": group.party },
      group.totals.length ? group.totals.map((p) => h("li", { class: "calc-total-main", "data-period": p.period }, h("strong", {}, pickText(p.text, lang))))
        : h("li", { class: "calc-total-main" }, t("totalsNone"))),
  ]));
}

function amountLine(item, lang) {
  if (item.wording && (item.status === "eligible" || item.status === "set_aside")) {
    const counted = item.status === "eligible";
    return h("p", { class: "calc-item-amount", "data-counted": counted ? "yes" : "no" }, h("strong", {}, pickText(item.wording, lang)),
      counted ? null : h("span", { class: "calc-not-counted" }, t("notCountedInTotal")),
      item.bound_label ? h("span", { class: "calc-bound" }, t("boundBy", { bound: pickText(item.bound_label, lang) })) : null);
  }
  const text = item.status === "open_amount" || item.status === "not_monetary" ? t("notComputed") : t("notCounted");
  return h("p", { class: "calc-item-amount calc-muted" }, `${text} · ${pickText(item.status_label, lang)}`);
}

/** Whose money the row is: 付给申请主体, or 付给新引进的应届博士、硕士、本科生,不付给用人单位. */
function recipientLine(item, lang) {
  if (!item.recipient || item.amount === null || item.amount === undefined) return null;
  return h("p", { class: "calc-recipient", "data-party": item.recipient.party }, pickText(item.recipient.label, lang));
}

/** On the row 就高、不重复 counted: what it set aside, with the figure as compared (the set-aside rows give their reason). */
function overlapCountedLine(item, labels, lang) {
  if (item.status !== "eligible" || !item.overlap || !item.overlap.applies) return null;
  const others = (item.overlap.set_aside || []).map((ref) => `${refName(ref, labels, lang)} ${ref.display ? amountText(ref.display, lang) : ""}`.trim());
  return h("p", { class: "calc-overlap-counted" }, t("overlapCounted", { others: others.join(t("listSep")) }));
}

function facts(item, lang) {
  const rows = [[t("status"), pickText(item.status_label, lang)]];
  if (item.status === "eligible" && item.up_to !== null && item.up_to !== undefined) {
    rows.push([t("nature"), item.up_to_label ? pickText(item.up_to_label, lang) : t("fixed")]);
  }
  rows.push([t("period"), pickText(item.period_label, lang)]);
  const agencies = (item.agencies || []).map((a) => pickText(a, lang)).join(t("listSep"));
  if (agencies) rows.push([t("agencies"), agencies]);
  return h("dl", { class: "calc-facts" }, rows.map(([term, detail]) => [h("dt", {}, term), h("dd", {}, detail)]));
}

function conditionText(condition, lang) {
  return lang === "en" && condition.text.en ? `${condition.text.en} (${condition.text.zh})` : condition.text.zh;
}

function conditionsBlock(item, lang) {
  const open = (item.conditions || []).filter((c) => c.confirmed === null || c.confirmed === undefined);
  const met = (item.conditions || []).filter((c) => c.confirmed === true);
  return [
    open.length ? h("div", { class: "calc-to-confirm" }, h("p", {}, t("conditionsToConfirm")), h("ul", {}, open.map((c) => h("li", {}, conditionText(c, lang))))) : null,
    met.length ? h("div", { class: "calc-confirmed" }, h("p", {}, t("conditionsConfirmed")), h("ul", {}, met.map((c) => h("li", {}, conditionText(c, lang))))) : null,
  ];
}

function reasonsBlock(item, lang) {
  if (!item.reasons || !item.reasons.length) return null;
  return h("div", { class: "calc-reasons" }, h("p", {}, t("reasons")), h("ul", {}, item.reasons.map((reason) => h("li", {}, pickText(reason, lang)))));
}

function refName(ref, labels, lang) {
  if (ref.type === "other_support") return `${ref.provision} ${ref.source ? t("otherSupportNamed", { source: ref.source }) : t("otherSupport")}`;
  const label = labels.get(ref.provision);
  return label ? `${ref.provision} ${pickText(label, lang)}` : String(ref.provision);
}

function overlapBlock(overlap, labels, lang) {
  if (!overlap) return null;
  return h("div", { class: "calc-overlap", "data-applies": overlap.applies ? "yes" : "no", "data-basis": overlap.basis },
    h("p", {}, h("strong", {}, `${t("overlapTitle")}${t("labelSep")}`), overlap.applies ? t("overlapApplies") : t("overlapSetAside")),
    h("p", {}, t("overlapApplied"), refName(overlap.applied, labels, lang)),
    (overlap.set_aside || []).length ? h("p", {}, t("overlapSetAsideList"), overlap.set_aside.map((ref) => refName(ref, labels, lang)).join(t("listSep"))) : null);
}

function stepsBlock(item, lang) {
  if (!item.steps || !item.steps.length) return null;
  return h("div", { class: "calc-steps" }, h("p", {}, t("steps")),
    h("ol", {}, item.steps.map((step) => {
      const measure = step.clause === "closing" ? "closing" : item.measure;
      return h("li", { "data-sentence": safeId(step.sentence) },
        h("p", { class: "calc-step-text" }, lang === "en" ? step.en || step.zh : step.zh),
        h("p", { class: "calc-step-quote" }, h("q", { lang: "zh-CN" }, step.quote), " ",
          link(t("quoteLink", { sentence: step.sentence }), clauseHref(measure, step.sentence))));
    })));
}

function itemBlock(item, labels, lang) {
  return h("li", {},
    h("article", { class: "calc-item", "data-provision": item.provision, "data-status": item.status },
      h("h4", {}, link(pickText(item.label, lang), clauseHref(item.measure, item.provision)), " ", h("span", { class: "calc-pid" }, item.provision)),
      amountLine(item, lang),
      recipientLine(item, lang),
      overlapCountedLine(item, labels, lang),
      reasonsBlock(item, lang),
      h("details", { class: "calc-item-details" }, h("summary", {}, t("details")),
        facts(item, lang), conditionsBlock(item, lang), overlapBlock(item.overlap, labels, lang), stepsBlock(item, lang),
        h("p", { class: "calc-clause-link" }, link(t("clauseLink"), clauseHref(item.measure, item.provision))))));
}

/** The project's interpretations that apply to this result, each once (overlap readings and notes). */
function interpretations(result, lang) {
  const texts = [];
  const add = (text) => text && !texts.includes(text) && texts.push(text);
  for (const question of result.overlap_questions || []) {
    add(pickText(question.explanation, lang));
    const other = question.alternative;
    if (other && other.answer === "different" && other.display_added) add(t("overlapAlternative", { amount: amountText(other.display_added, lang) }));
  }
  for (const item of result.items || []) {
    if (item.overlap && item.overlap.basis === "interpretation") add(pickText(item.overlap.explanation, lang));
    for (const note of item.notes || []) if (note.basis === "interpretation") add(pickText(note, lang));
  }
  if (!texts.length) return null;
  return h("div", { class: "calc-interpretation", "data-basis": "interpretation" },
    h("p", {}, h("strong", {}, t("interpretationTitle"))), h("ul", {}, texts.map((text) => h("li", {}, text))));
}

/** What would change this answer: calc's points (caps, conditions, the other overlap answer, dates), in its words. */
function changesBlock(result, lang) {
  const changes = Array.isArray(result.what_would_change) ? result.what_would_change : [];
  if (!changes.length) return null;
  return h("section", { class: "calc-changes" }, h("h3", {}, t("changesTitle")),
    h("ul", {}, changes.map((change) => h("li", { "data-kind": change.kind }, pickText(change, lang)))));
}

function otherBlock(result, built, labels, lang) {
  const entries = result.other_support || [];
  if (!entries.length) return null;
  return h("section", { class: "calc-other-report" }, h("h3", {}, t("otherTitle")),
    h("ul", {}, entries.map((entry, j) => {
      const typed = built.scenario.other_support[j]?.amount ?? entry.amount;
      // Provincial support carries calc's note (counted against a coordinated ceiling, or not compared).
      const outcome = entry.note ? pickText(entry.note, lang)
        : !entry.overlap ? t("otherNoComparison") : entry.overlap.applies ? t("otherApplies") : t("otherSetAside");
      const label = labels.get(entry.provision);
      const source = entry.source ? t("otherSupportNamed", { source: entry.source }) : t("otherSupport");
      const from = entry.level_label ? ` (${pickText(entry.level_label, lang)})` : "";
      return h("li", { "data-provision": entry.provision, "data-level": entry.level || "city" },
        `${entry.provision} ${label ? pickText(label, lang) : ""} · ${source}${from} · ${t("otherEntered")}${typed} · ${outcome}`);
    })));
}

function pendingBlock(built, schema) {
  if (!built || !built.pending.size) return null;
  return h("div", { class: "calc-pending-list" }, h("p", {}, t("pendingTitle")),
    h("ul", {}, [...built.pending].map(([pid, missing]) => {
      const spec = schema.provisions.get(pid);
      const names = missing.map((name) => spec.inputs.get(name)?.label || name).join(t("listSep"));
      return h("li", {}, `${pid} ${spec.label}${t("labelSep")}${t("pendingMissing")}${names}`);
    })));
}

/** The provisions whose 计算过程 disclosure is open, to open again once the results are drawn anew. */
function openDetails(container) {
  return new Set([...container.querySelectorAll("article.calc-item > details[open]")].map((details) => details.parentElement.dataset.provision));
}

function reopen(container, open) {
  for (const article of container.querySelectorAll("article.calc-item")) {
    if (open.has(article.dataset.provision)) article.querySelector(":scope > details").open = true;
  }
}

/** The totals in one line each for the live region and the sticky bar: calc's words, the talents' money apart. */
function summaryLines(result, lang) {
  const line = (totals, key) => totals.map((p) => pickText(p[key], lang)).join(t("listSep"));
  const own = Array.isArray(result.period_totals) ? result.period_totals : [];
  const paid = Array.isArray(result.talent_period_totals) ? result.talent_period_totals : [];
  const talentAnnounce = paid.length ? t("announceTalent", { totals: line(paid, "text") }) : "";
  const talentSticky = paid.length ? t("stickyTalent", { totals: line(paid, "short") }) : "";
  return {
    announce: [own.length || !paid.length ? t("announceTotals", { totals: own.length ? line(own, "text") : t("totalsNone") }) : "", talentAnnounce].filter(Boolean).join(" "),
    sticky: [own.length ? line(own, "short") : "", talentSticky].filter(Boolean).join(t("stickySep")),
  };
}

/** Replace the results with this estimate. Returns {announce, sticky}: one line for the live region and the bar. */
export function renderResult(container, result, built, schema, lang) {
  const labels = new Map((result.items || []).map((item) => [item.provision, item.label]));
  const open = openDetails(container);
  container.replaceChildren(
    totalsBlock(result, lang),
    pendingBlock(built, schema) || "",
    h("h3", {}, t("itemsTitle")),
    h("ol", { class: "calc-items" }, result.items.map((item) => itemBlock(item, labels, lang))),
    interpretations(result, lang) || "",
    changesBlock(result, lang) || "",
    otherBlock(result, built, labels, lang) || "",
    h("p", { class: "calc-meta" }, `${t("asOf")}${t("labelSep")}${result.as_of} · ${t("policyVersion")}${t("labelSep")}${result.policy.id} ${result.policy.version}`),
    h("p", { class: "calc-result-notice" }, pickText(result.notice, lang)));
  reopen(container, open);
  return summaryLines(result, lang);
}

/** Replace the results with the problems that stop the estimate (each also shown beside its field). */
export function renderProblems(container, problems, built, schema) {
  container.replaceChildren(
    h("div", { class: "calc-problems", "data-problems": problems.length },
      h("p", {}, t("problemsTitle")),
      h("ul", {}, problems.map(({ message, target, label }) =>
        h("li", {}, target ? h("a", { href: `#${target}`, "data-focus": target }, label ? `${label}${t("labelSep")}${message}` : message) : message)))),
    pendingBlock(built, schema) || "");
  const announce = problems.length === 1 ? t("problemsAnnounceOne") : t("problemsAnnounce", { n: problems.length });
  return { announce, sticky: announce };
}

/** Replace the results with a plain message (nothing chosen, waiting for the runtime …). */
export function renderMessage(container, message, built, schema) {
  container.replaceChildren(message ? h("p", {}, message) : "", pendingBlock(built, schema) || "");
}
