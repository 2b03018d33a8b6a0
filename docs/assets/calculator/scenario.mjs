// Owns the step from the page's state to the scenario calc estimates, and from calc's problem paths back
// to the fields.
//
// Values are sent exactly as typed (strings): calc parses "800万", "８００万", "0.08亿" and refuses anything
// else with a message. A count left empty counts as 0 when another count of the same provision is filled
// (a graduate who enters 1 doctorate need not type 0 masters). A chosen provision with an input still
// empty is held back ("pending") rather than sent, so the others keep their estimate meanwhile.

import { IDS, elementId } from "../names.mjs";

function inputsOf(entry, spec) {
  const values = new Map(entry.inputs);
  const counts = [...values.keys()].filter((name) => spec.inputs.get(name)?.type === "count");
  if (counts.length > 1 && counts.some((name) => values.get(name).trim())) {
    for (const name of counts) if (!values.get(name).trim()) values.set(name, "0");
  }
  return values;
}

/**
 * {scenario, claims: [pid], others: [pid], pending: Map(pid -> [input names still empty])}.
 * claims[i] and others[j] name the provision behind scenario.claims[i] and scenario.other_support[j].
 */
export function buildScenario(state, schema) {
  const scenario = { as_of: state.as_of, claims: [], other_support: [] };
  const claims = [];
  const others = [];
  const pending = new Map();
  for (const [pid, entry] of state.provisions) {
    if (!entry.include) continue;
    const inputs = inputsOf(entry, schema.provisions.get(pid));
    const missing = [...inputs].filter(([, value]) => !value.trim()).map(([name]) => name);
    if (missing.length) {
      pending.set(pid, missing);
      continue;
    }
    const claim = { provision: pid, inputs: Object.fromEntries(inputs) };
    if (entry.conditions.size) claim.conditions = Object.fromEntries(entry.conditions);
    scenario.claims.push(claim);
    claims.push(pid);
    if (entry.other.amount.trim()) {
      const level = entry.other.level === "province" ? { level: "province" } : {};
      scenario.other_support.push({ provision: pid, amount: entry.other.amount, source: entry.other.source.trim(), ...level });
      others.push(pid);
    }
  }
  const answered = [...state.overlaps].filter(([group, answer]) => answer !== "unsure" && schema.groups.get(group)?.every((pid) => claims.includes(pid)));
  if (answered.length) scenario.overlaps = Object.fromEntries(answered);
  return { scenario, claims, others, pending };
}

const CLAIM_FIELD = /^claims\[(\d+)\]\.(inputs|conditions)\.([A-Za-z0-9_]+)$/;
const CLAIM = /^claims\[(\d+)\]/;
const OTHER_FIELD = /^other_support\[(\d+)\](?:\.(amount|source|level))?/;
const OVERLAP_FIELD = /^overlaps\.([a-z][a-z0-9-]*)$/;
const OTHER_IDS = { source: "otherSource", level: "otherLevel" };

/**
 * The id of the element a problem belongs to (its error slot is that id + "-err"), or null when the
 * problem belongs to no single field (it is then shown above the results).
 */
export function fieldFor(path, built) {
  if (typeof path !== "string") return null;
  if (path === "as_of") return IDS.asOf;
  let match = CLAIM_FIELD.exec(path);
  if (match && built.claims[Number(match[1])]) {
    const pid = built.claims[Number(match[1])];
    return elementId(match[2] === "inputs" ? "input" : "condition", { pid, name: match[3] });
  }
  match = CLAIM.exec(path);
  if (match && built.claims[Number(match[1])]) return elementId("box", { pid: built.claims[Number(match[1])] });
  match = OTHER_FIELD.exec(path);
  if (match && built.others[Number(match[1])]) {
    return elementId(OTHER_IDS[match[2]] || "otherAmount", { pid: built.others[Number(match[1])] });
  }
  match = OVERLAP_FIELD.exec(path);
  if (match) return elementId("overlap", { name: match[1] });
  return null;
}
