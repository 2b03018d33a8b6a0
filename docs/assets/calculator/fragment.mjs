// Owns the scenario in the URL fragment: shareable, restored on reload, never sent to a server (browsers do
// not send what follows #).
//
// Format, version 2 (names.mjs FRAGMENT_VERSION): `&`-separated `key=value` pairs, values percent-encoded:
//
//   #v=2&as_of=2026-06-01&a=ai_firm,rented_compute&p=m2-2,m9-4
//    &m2-2.compute_rental_fees_paid=800万          an input of a provision, as typed
//    &m2-2.if.meets_conditions=yes                 a condition: yes (met) or no (not met); absent = not yet confirmed
//    &m2-2.other.amount=150万&m2-2.other.source=…  other support for the same thing
//    &m5-6.other.level=province                    …from a Jiangsu provincial policy (absent: Suzhou, city)
//    &o.compute-costs=different                    an overlap group's answer: same or different (absent: unsure)
//
// `a` lists the profile's answers, `p` the provisions chosen for the estimate. Version 1 (before the profile)
// is still read: its `role` becomes the answers policy/profiles.json maps it to, `all` is dropped (every
// provision is listed when nothing is answered), renamed condition ids are mapped to their new ids.
//
// decodeFragment never throws: whatever it cannot use is left out and reported (messages from the catalog).

import { emptyState } from "./form.mjs";
import { FRAGMENT_VERSION, RENAMED_CONDITIONS } from "../names.mjs";
import { t } from "./strings.mjs";

export const VERSION = FRAGMENT_VERSION;
export const MAX_FRAGMENT_LENGTH = 16384;
export const MAX_PAIRS = 600;
export const MAX_VALUE_LENGTH = 200;
const MAX_SHOWN = 40;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function shown(text) {
  const value = String(text);
  return value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
}

function problem(code, values = {}) {
  const safe = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, shown(value)]));
  return { code, text: t(`link.${code}`, safe) };
}

/** Text any URL can carry: a lone surrogate (which encodeURIComponent refuses) becomes U+FFFD. */
export function wellFormed(text) {
  const value = String(text);
  return typeof value.toWellFormed === "function" ? value.toWellFormed() : value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

/** The fragment (without #) for a state; only what differs from an empty form is written. */
export function encodeFragment(state, schema) {
  const pairs = [["v", String(VERSION)]];
  if (state.as_of) pairs.push(["as_of", state.as_of]);
  if (state.answers.size) pairs.push(["a", [...state.answers].join(",")]);
  const chosen = [...state.provisions].filter(([, entry]) => entry.include).map(([pid]) => pid);
  if (chosen.length) pairs.push(["p", chosen.join(",")]);
  for (const [group, answer] of state.overlaps) if (answer !== "unsure") pairs.push([`o.${group}`, answer]);
  for (const [pid, entry] of state.provisions) {
    for (const [name, value] of entry.inputs) if (value) pairs.push([`${pid}.${name}`, value]);
    for (const cid of schema.provisions.get(pid).conditions) {
      if (entry.conditions.has(cid)) pairs.push([`${pid}.if.${cid}`, entry.conditions.get(cid) ? "yes" : "no"]);
    }
    if (entry.other.amount) pairs.push([`${pid}.other.amount`, entry.other.amount]);
    if (entry.other.source) pairs.push([`${pid}.other.source`, entry.other.source]);
    if (entry.other.level !== "city") pairs.push([`${pid}.other.level`, entry.other.level]);
  }
  return pairs.map(([key, value]) => `${key}=${encodeURIComponent(wellFormed(value)).replace(/%2C/g, ",")}`).join("&");
}

/** True when the fragment is a scenario (has key=value pairs) rather than a plain anchor such as #m2-2. */
export function isScenarioFragment(fragment) {
  return typeof fragment === "string" && fragment.includes("=");
}

/** {state, problems}: the state a fragment describes (from an empty form) and what was ignored. */
export function decodeFragment(fragment, schema) {
  const state = emptyState(schema);
  const problems = [];
  try {
    decodeInto(String(fragment ?? ""), schema, state, problems);
  } catch {
    // Defensive: decodeInto is written not to throw; if it ever does, the link is ignored, not the page.
    return { state: emptyState(schema), problems: [problem("unreadable")] };
  }
  return { state, problems };
}

function splitPairs(text, problems) {
  const pairs = new Map();
  for (const part of text.split("&").filter((piece) => piece !== "")) {
    const at = part.indexOf("=");
    if (at < 1) {
      problems.push(problem("not_a_pair", { part }));
      continue;
    }
    const key = part.slice(0, at);
    let value;
    try {
      value = decodeURIComponent(part.slice(at + 1));
    } catch {
      problems.push(problem("bad_encoding", { key }));
      continue;
    }
    if (value.length > MAX_VALUE_LENGTH) problems.push(problem("value_too_long", { key, max: MAX_VALUE_LENGTH }));
    else if (pairs.has(key)) problems.push(problem("duplicate", { key }));
    else pairs.set(key, value);
  }
  return pairs;
}

function decodeInto(raw, schema, state, problems) {
  const text = raw.startsWith("#") ? raw.slice(1) : raw;
  if (!text) return;
  if (text.length > MAX_FRAGMENT_LENGTH) return void problems.push(problem("too_long", { max: MAX_FRAGMENT_LENGTH }));
  if (text.split("&").filter((part) => part !== "").length > MAX_PAIRS) return void problems.push(problem("too_many", { max: MAX_PAIRS }));
  const pairs = splitPairs(text, problems);
  const version = pairs.has("v") ? pairs.get("v") : String(VERSION);
  if (!/^[1-9]\d*$/.test(version) || Number(version) > VERSION) {
    return void problems.push(problem("version", { version, current: VERSION }));
  }
  pairs.delete("v");
  const context = { schema, state, problems, version: Number(version), unknown: new Set() };
  for (const [key, value] of pairs) decodePair(key, value, context);
}

function reportProvision(pid, context) {
  if (context.unknown.has(pid)) return;
  context.unknown.add(pid);
  const spec = context.schema.provisions.get(pid);
  context.problems.push(problem(spec && !spec.computed ? "not_computed" : "unknown_provision", { pid }));
}

function decodeAnswers(values, context) {
  for (const id of values) {
    if (context.schema.answers.has(id)) context.state.answers.add(id);
    else context.problems.push(problem("unknown_answer", { value: id }));
  }
}

function decodePair(key, value, context) {
  const { schema, state, problems } = context;
  if (key === "as_of") {
    if (DATE.test(value)) state.as_of = value;
    else problems.push(problem("bad_date", { value }));
  } else if (key === "a") {
    decodeAnswers(value.split(",").filter(Boolean), context);
  } else if (key === "role" && context.version === 1) {
    if (schema.roles.has(value)) decodeAnswers(schema.roles.get(value), context);
    else problems.push(problem("unknown_role", { value }));
  } else if (key === "all" && context.version === 1) {
    if (value !== "1" && value !== "0") problems.push(problem("bad_all"));
  } else if (key === "p") {
    for (const pid of value.split(",").filter(Boolean)) {
      const entry = state.provisions.get(pid);
      if (entry) entry.include = true;
      else reportProvision(pid, context);
    }
  } else if (key.startsWith("o.")) {
    decodeOverlap(key.slice(2), value, context);
  } else {
    decodeProvisionKey(key, value, context);
  }
}

function decodeOverlap(group, value, context) {
  if (!context.schema.groups.has(group)) context.problems.push(problem("unknown_key", { key: `o.${group}` }));
  else if (["same", "different", "unsure"].includes(value)) context.state.overlaps.set(group, value);
  else context.problems.push(problem("bad_overlap", { group }));
}

function decodeInput(pid, name, value, context) {
  const input = context.schema.provisions.get(pid).inputs.get(name);
  const label = input?.label;
  if (!input) context.problems.push(problem("unknown_input", { pid, name }));
  else if (input.type === "choice" && !input.options.includes(value)) context.problems.push(problem("bad_choice", { pid, label, value }));
  else if (input.type === "date" && !DATE.test(value)) context.problems.push(problem("bad_input_date", { pid, label }));
  else context.state.provisions.get(pid).inputs.set(name, value);
}

function decodeCondition(pid, name, value, context) {
  const spec = context.schema.provisions.get(pid);
  const renamed = RENAMED_CONDITIONS[pid]?.[name];
  const cid = !spec.conditions.has(name) && renamed && spec.conditions.has(renamed) ? renamed : name;
  if (!spec.conditions.has(cid)) context.problems.push(problem("unknown_condition", { pid, name }));
  else if (value === "yes" || value === "no") context.state.provisions.get(pid).conditions.set(cid, value === "yes");
  else context.problems.push(problem("bad_condition", { pid, name }));
}

function decodeProvisionKey(key, value, context) {
  const pieces = key.split(".");
  const pid = pieces[0];
  if (pieces.length < 2 || !/^m\d+-\d+$/.test(pid)) return void context.problems.push(problem("unknown_key", { key }));
  if (!context.state.provisions.has(pid)) return void reportProvision(pid, context);
  if (pieces.length === 2) return void decodeInput(pid, pieces[1], value, context);
  if (pieces.length === 3 && pieces[1] === "if") return void decodeCondition(pid, pieces[2], value, context);
  if (pieces.length === 3 && pieces[1] === "other" && (pieces[2] === "amount" || pieces[2] === "source")) {
    context.state.provisions.get(pid).other[pieces[2]] = value;
    return;
  }
  if (pieces.length === 3 && pieces[1] === "other" && pieces[2] === "level") {
    if (value === "city" || value === "province") context.state.provisions.get(pid).other.level = value;
    else context.problems.push(problem("bad_level", { pid }));
    return;
  }
  context.problems.push(problem("unknown_key", { key }));
}
