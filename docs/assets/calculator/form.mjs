// The form generated at build time (scripts/sitegen/render_calculator.py): what it declares (the
// schema), what the user entered (the state), and showing or hiding provisions by role.
//
// State: {as_of, role, all, provisions: Map(pid -> {include, inputs: Map(name -> text),
//         conditions: Map(id -> true|false), other: {amount, source}})}

/** Provisions, inputs, conditions and roles the page declares, read once from the form's markup. */
export function readSchema(form) {
  const provisions = new Map();
  for (const box of form.querySelectorAll("fieldset.calc-provision")) {
    const pid = box.dataset.provision;
    const computed = !box.classList.contains("calc-not-computed");
    const inputs = new Map();
    for (const control of box.querySelectorAll("[data-input]")) {
      const options = control.tagName === "SELECT" ? [...control.options].map((o) => o.value).filter(Boolean) : null;
      inputs.set(control.dataset.input, {
        type: control.dataset.inputType,
        options,
        label: labelText(control),
        id: control.id,
      });
    }
    const conditions = new Set([...box.querySelectorAll("fieldset.calc-condition")].map((f) => f.id.slice(`calc-${pid}-if-`.length)));
    const label = box.querySelector(".calc-ptitle")?.firstChild?.textContent.trim() || pid;
    provisions.set(pid, { computed, inputs, conditions, label, roles: (box.dataset.roles || "").split(" ").filter(Boolean) });
  }
  const roles = new Set([...form.querySelectorAll("#calc-role option")].map((o) => o.value).filter(Boolean));
  return { provisions, roles };
}

function labelText(control) {
  const label = control.id ? control.ownerDocument.querySelector(`label[for="${CSS.escape(control.id)}"]`) : null;
  return label ? label.textContent.trim() : control.name;
}

/** An empty state for the schema: nothing included, no conditions answered. */
export function emptyState(schema) {
  const provisions = new Map();
  for (const [pid, spec] of schema.provisions) {
    if (!spec.computed) continue;
    provisions.set(pid, {
      include: false,
      inputs: new Map([...spec.inputs.keys()].map((name) => [name, ""])),
      conditions: new Map(),
      other: { amount: "", source: "" },
    });
  }
  return { as_of: "", role: "", all: false, provisions };
}

function byId(form, id) {
  return form.ownerDocument.getElementById(id);
}

/** What the form holds now. */
export function readState(form, schema) {
  const state = emptyState(schema);
  state.as_of = byId(form, "calc-as-of").value;
  state.role = byId(form, "calc-role").value;
  state.all = byId(form, "calc-show-all").checked;
  for (const [pid, entry] of state.provisions) {
    entry.include = byId(form, `calc-${pid}-include`).checked;
    for (const name of entry.inputs.keys()) entry.inputs.set(name, byId(form, `calc-${pid}-in-${name}`).value);
    for (const cid of schema.provisions.get(pid).conditions) {
      const checked = form.querySelector(`input[name="${CSS.escape(`${pid}.if.${cid}`)}"]:checked`);
      if (checked && checked.value === "yes") entry.conditions.set(cid, true);
      if (checked && checked.value === "no") entry.conditions.set(cid, false);
    }
    entry.other.amount = byId(form, `calc-${pid}-other-amount`).value;
    entry.other.source = byId(form, `calc-${pid}-other-source`).value;
  }
  return state;
}

/**
 * Put a state into the form. Returns the problems the browser itself found (a date it would not take),
 * each {field, zh, en}.
 */
export function writeState(form, schema, state) {
  const problems = [];
  const setValue = (control, value, what) => {
    control.value = value;
    if (value && control.value !== value) {
      const shown = value.slice(0, 40);
      problems.push({ zh: `${what}:“${shown}”不是有效的值,已忽略。`, en: `${what}: “${shown}” is not a valid value and was ignored.` });
    }
  };
  const label = (id) => form.ownerDocument.querySelector(`label[for="${CSS.escape(id)}"]`)?.textContent.trim() || id;
  setValue(byId(form, "calc-as-of"), state.as_of, label("calc-as-of"));
  byId(form, "calc-role").value = state.role;
  byId(form, "calc-show-all").checked = state.all;
  for (const [pid, entry] of state.provisions) {
    byId(form, `calc-${pid}-include`).checked = entry.include;
    for (const [name, value] of entry.inputs) {
      setValue(byId(form, `calc-${pid}-in-${name}`), value, `${pid} ${label(`calc-${pid}-in-${name}`)}`);
    }
    for (const cid of schema.provisions.get(pid).conditions) {
      const answer = entry.conditions.get(cid);
      const value = answer === true ? "yes" : answer === false ? "no" : "unset";
      byId(form, `calc-${pid}-if-${cid}-${value}`).checked = true;
    }
    byId(form, `calc-${pid}-other-amount`).value = entry.other.amount;
    byId(form, `calc-${pid}-other-source`).value = entry.other.source;
    if (entry.other.amount || entry.other.source) byId(form, `calc-${pid}-other`).open = true;
  }
  return problems;
}

/**
 * Show the provisions for the chosen role (all of them without a role, or with "show all"); a provision
 * included in the estimate always stays visible, so nothing counted is ever hidden. Returns
 * {shown, total} over the provisions.
 */
export function applyRoleFilter(form, state) {
  let shown = 0;
  let total = 0;
  for (const section of form.querySelectorAll("section.calc-measure")) {
    let visibleInSection = 0;
    for (const box of section.querySelectorAll("fieldset.calc-provision")) {
      total += 1;
      const roles = (box.dataset.roles || "").split(" ");
      const included = state.provisions.get(box.dataset.provision)?.include === true;
      const visible = !state.role || state.all || roles.includes(state.role) || included;
      box.hidden = !visible;
      if (visible) visibleInSection += 1;
    }
    section.hidden = visibleInSection === 0;
    shown += visibleInSection;
  }
  return { shown, total };
}
