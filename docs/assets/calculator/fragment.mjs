// The scenario in the URL fragment: shareable, restored on reload, never sent to a server (browsers do
// not send what follows #).
//
// Format, version 1: `&`-separated `key=value` pairs, values percent-encoded (encodeURIComponent):
//
//   #v=1&as_of=2026-06-01&role=enterprise&all=1&p=m2-2,m9-4
//    &m2-2.compute_rental_fees_paid=800万          an input of a provision, as typed
//    &m2-2.if.meets_conditions=yes                 a condition: yes (met) or no (not met); absent = not yet confirmed
//    &m2-2.other.amount=150万&m2-2.other.source=…  other Suzhou support for the same thing
//
// `p` lists the provisions included in the estimate; inputs of provisions not in `p` are kept, so unticking
// and ticking again loses nothing. A link from a measure page is just `#v=1&p=m2-2`.
//
// decodeFragment never throws: whatever it cannot use (a bad encoding, an unknown version, key, provision,
// input or value, or a fragment too long) is left out and reported, each problem in Chinese and English.

import { emptyState } from "./form.mjs";

export const VERSION = 1;
export const MAX_FRAGMENT_LENGTH = 16384;
export const MAX_PAIRS = 600;
export const MAX_VALUE_LENGTH = 200;
const MAX_SHOWN = 40;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function shown(text) {
  const value = String(text);
  return value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
}

function problem(code, zh, en) {
  return { code, zh, en };
}

/** The fragment (without #) for a state; only what differs from an empty form is written. */
export function encodeFragment(state, schema) {
  const pairs = [["v", String(VERSION)]];
  if (state.as_of) pairs.push(["as_of", state.as_of]);
  if (state.role) pairs.push(["role", state.role]);
  if (state.all) pairs.push(["all", "1"]);
  const included = [...state.provisions].filter(([, entry]) => entry.include).map(([pid]) => pid);
  if (included.length) pairs.push(["p", included.join(",")]);
  for (const [pid, entry] of state.provisions) {
    for (const [name, value] of entry.inputs) if (value) pairs.push([`${pid}.${name}`, value]);
    for (const cid of schema.provisions.get(pid).conditions) {
      if (entry.conditions.has(cid)) pairs.push([`${pid}.if.${cid}`, entry.conditions.get(cid) ? "yes" : "no"]);
    }
    if (entry.other.amount) pairs.push([`${pid}.other.amount`, entry.other.amount]);
    if (entry.other.source) pairs.push([`${pid}.other.source`, entry.other.source]);
  }
  return pairs.map(([key, value]) => `${key}=${encodeURIComponent(value).replace(/%2C/g, ",")}`).join("&");
}

/** True when the fragment is a scenario (has key=value pairs) rather than a plain anchor such as #m2-2. */
export function isScenarioFragment(fragment) {
  return typeof fragment === "string" && fragment.includes("=");
}

/**
 * {state, problems}: the state a fragment describes (starting from an empty form) and what was ignored.
 * `fragment` is location.hash with or without its leading #.
 */
export function decodeFragment(fragment, schema) {
  const state = emptyState(schema);
  const problems = [];
  try {
    decodeInto(String(fragment ?? ""), schema, state, problems);
  } catch (error) {
    // Defensive: decodeInto is written not to throw; if it ever does, the link is ignored, not the page.
    problems.push(problem("unreadable", "链接无法读取,已忽略。", "The link could not be read and was ignored."));
    return { state: emptyState(schema), problems };
  }
  return { state, problems };
}

function decodeInto(raw, schema, state, problems) {
  let text = raw.startsWith("#") ? raw.slice(1) : raw;
  if (!text) return;
  if (text.length > MAX_FRAGMENT_LENGTH) {
    problems.push(problem("too_long", `链接过长(超过${MAX_FRAGMENT_LENGTH}个字符),其中的情景已忽略。`,
      `The link is too long (more than ${MAX_FRAGMENT_LENGTH} characters); its scenario was ignored.`));
    return;
  }
  const parts = text.split("&").filter((part) => part !== "");
  if (parts.length > MAX_PAIRS) {
    problems.push(problem("too_many", `链接中的项目过多(超过${MAX_PAIRS}项),其中的情景已忽略。`,
      `The link has too many entries (more than ${MAX_PAIRS}); its scenario was ignored.`));
    return;
  }
  const pairs = new Map();
  for (const part of parts) {
    const at = part.indexOf("=");
    if (at < 1) {
      problems.push(problem("not_a_pair", `链接中的“${shown(part)}”不是“名称=值”的形式,已忽略。`,
        `“${shown(part)}” in the link is not of the form name=value and was ignored.`));
      continue;
    }
    const key = part.slice(0, at);
    let value;
    try {
      value = decodeURIComponent(part.slice(at + 1));
    } catch {
      problems.push(problem("bad_encoding", `链接中“${shown(key)}”的值编码有误(可能被截断),已忽略。`,
        `The value of “${shown(key)}” in the link is badly encoded (perhaps cut off) and was ignored.`));
      continue;
    }
    if (value.length > MAX_VALUE_LENGTH) {
      problems.push(problem("value_too_long", `链接中“${shown(key)}”的值过长(超过${MAX_VALUE_LENGTH}个字符),已忽略。`,
        `The value of “${shown(key)}” in the link is too long (more than ${MAX_VALUE_LENGTH} characters) and was ignored.`));
      continue;
    }
    if (pairs.has(key)) {
      problems.push(problem("duplicate", `链接中“${shown(key)}”出现了不止一次,只用了第一个。`,
        `“${shown(key)}” appears more than once in the link; only the first was used.`));
      continue;
    }
    pairs.set(key, value);
  }
  const version = pairs.has("v") ? pairs.get("v") : String(VERSION);
  if (version !== String(VERSION)) {
    problems.push(problem("version", `链接的格式版本“${shown(version)}”本页无法读取(本页为版本${VERSION}),其中的情景已忽略。`,
      `This page cannot read link format version “${shown(version)}” (it reads version ${VERSION}); the scenario was ignored.`));
    return;
  }
  pairs.delete("v");
  const unknownProvisions = new Set();
  const reportUnknownProvision = (pid) => {
    if (unknownProvisions.has(pid)) return;
    unknownProvisions.add(pid);
    const spec = schema.provisions.get(pid);
    if (spec && !spec.computed) {
      problems.push(problem("not_computed", `条款 ${shown(pid)} 不计算金额,已忽略。`,
        `Provision ${shown(pid)} has no amount to compute and was ignored.`));
    } else {
      problems.push(problem("unknown_provision", `链接中的条款 ${shown(pid)} 不存在,已忽略。`,
        `The link names provision ${shown(pid)}, which does not exist; it was ignored.`));
    }
  };
  for (const [key, value] of pairs) {
    if (key === "as_of") {
      if (DATE.test(value)) state.as_of = value;
      else problems.push(problem("bad_date", `链接中的估算日期“${shown(value)}”不是 YYYY-MM-DD 格式,已忽略。`,
        `The date of the estimate in the link, “${shown(value)}”, is not YYYY-MM-DD and was ignored.`));
    } else if (key === "role") {
      if (schema.roles.has(value)) state.role = value;
      else problems.push(problem("unknown_role", `链接中的身份“${shown(value)}”不存在,已忽略。`,
        `The role “${shown(value)}” in the link does not exist and was ignored.`));
    } else if (key === "all") {
      if (value === "1" || value === "0") state.all = value === "1";
      else problems.push(problem("bad_value", `链接中“all”的值应为 1 或 0,已忽略。`, `“all” in the link must be 1 or 0; it was ignored.`));
    } else if (key === "p") {
      for (const pid of value.split(",").filter(Boolean)) {
        const entry = state.provisions.get(pid);
        if (entry) entry.include = true;
        else reportUnknownProvision(pid);
      }
    } else {
      decodeProvisionKey(key, value, schema, state, problems, reportUnknownProvision);
    }
  }
}

function decodeProvisionKey(key, value, schema, state, problems, reportUnknownProvision) {
  const pieces = key.split(".");
  const pid = pieces[0];
  const entry = state.provisions.get(pid);
  if (pieces.length < 2 || !/^m\d+-\d+$/.test(pid)) {
    problems.push(problem("unknown_key", `链接中的“${shown(key)}”无法识别,已忽略。`, `“${shown(key)}” in the link is not understood and was ignored.`));
    return;
  }
  if (!entry) {
    reportUnknownProvision(pid);
    return;
  }
  const spec = schema.provisions.get(pid);
  if (pieces.length === 2) {
    const input = spec.inputs.get(pieces[1]);
    if (!input) {
      problems.push(problem("unknown_input", `条款 ${pid} 没有输入项“${shown(pieces[1])}”,已忽略。`,
        `Provision ${pid} has no input “${shown(pieces[1])}”; it was ignored.`));
    } else if (input.type === "choice" && !input.options.includes(value)) {
      problems.push(problem("bad_choice", `条款 ${pid} 的“${input.label}”没有选项“${shown(value)}”,已忽略。`,
        `“${input.label}” of provision ${pid} has no option “${shown(value)}”; it was ignored.`));
    } else if (input.type === "date" && !DATE.test(value)) {
      problems.push(problem("bad_date", `条款 ${pid} 的“${input.label}”不是 YYYY-MM-DD 格式的日期,已忽略。`,
        `“${input.label}” of provision ${pid} is not a YYYY-MM-DD date; it was ignored.`));
    } else {
      entry.inputs.set(pieces[1], value);
    }
    return;
  }
  if (pieces.length === 3 && pieces[1] === "if") {
    if (!spec.conditions.has(pieces[2])) {
      problems.push(problem("unknown_condition", `条款 ${pid} 没有条件“${shown(pieces[2])}”,已忽略。`,
        `Provision ${pid} has no condition “${shown(pieces[2])}”; it was ignored.`));
    } else if (value === "yes" || value === "no") {
      entry.conditions.set(pieces[2], value === "yes");
    } else {
      problems.push(problem("bad_value", `条款 ${pid} 的条件“${pieces[2]}”的值应为 yes 或 no,已忽略。`,
        `The condition “${pieces[2]}” of provision ${pid} must be yes or no; it was ignored.`));
    }
    return;
  }
  if (pieces.length === 3 && pieces[1] === "other" && (pieces[2] === "amount" || pieces[2] === "source")) {
    entry.other[pieces[2]] = value;
    return;
  }
  problems.push(problem("unknown_key", `链接中的“${shown(key)}”无法识别,已忽略。`, `“${shown(key)}” in the link is not understood and was ignored.`));
}
