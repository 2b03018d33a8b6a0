"""The calculator page: a form generated from the policy JSON at build time, in Chinese or English.

Everything a reader needs is in the HTML before any script runs: the role filter, every provision with its
amount in words, its inputs (label, unit, hint), its conditions in the text's own words, its date rule and
a field for other Suzhou support for the same thing. ``docs/assets/calculator/app.mjs`` (loaded as a module
script on this page only) then fills in today's date, filters by role, keeps the scenario in the URL
fragment and shows the results computed by ``calc`` in Pyodide.

Element ids follow one pattern so the script can put each problem beside its field:
``calc-<provision>-in-<input>``, ``calc-<provision>-if-<condition>``, ``calc-<provision>-other-amount``,
each with ``-err`` (its error) and ``-hint`` (its hint) beside it.
"""

from __future__ import annotations

from .describe import (
    amount_summary,
    beneficiary_label,
    date_rule_label,
    period_label,
    pick,
    provisions_of,
    tx,
)
from .markdown import html

#: Kinds the calculator computes an amount for; the others are listed with the reason they are not.
MONETARY = ("share_of_base", "ceiling", "fixed", "tiers")

NOT_COMPUTED = {
    "open_amount": ("不计算:原文未写明金额。", "Not computed: the text gives no amount."),
    "non_monetary": ("不计算:非资金措施。", "Not computed: no money is involved."),
}

#: Relative URL from the calculator page to the site root (where pyodide/ and data/ live).
SITE_ROOT = {"zh": "../", "en": "../../"}

FRAGMENT_VERSION = 1


def calculator_href(provision_id: str) -> str:
    """The URL, from a measure page (measures/<id>/), of the calculator with this provision preselected.

    A built URL in raw HTML rather than ``../calculator.md#...``: MkDocs would check the fragment as a heading
    anchor and log every link.
    """
    return f"../../calculator/#v={FRAGMENT_VERSION}&p={provision_id}"


def calculator_link(provision: dict, lang: str) -> str | None:
    """A list item for a measure page linking to the calculator, or None for provisions it does not compute."""
    if provision["kind"] not in MONETARY:
        return None
    text = pick(lang, "在补贴估算器中估算此项", "Estimate this in the subsidy estimator")
    return f'- <a class="calc-link" href="{html(calculator_href(provision["id"]))}">{html(text)}</a>'


def attrs(**values: str | None) -> str:
    """HTML attributes, escaped; None leaves an attribute out, and a trailing _ is dropped (class_)."""
    parts = []
    for name, value in values.items():
        if value is None:
            continue
        name = name.rstrip("_").replace("_", "-")
        parts.append(f'{name}="{html(value)}"')
    return (" " + " ".join(parts)) if parts else ""


def field_id(provision_id: str, part: str) -> str:
    return f"calc-{provision_id}-{part}"


def described_by(*ids: str | None) -> str | None:
    present = [i for i in ids if i]
    return " ".join(present) if present else None


def hint_and_error(base: str, hint: str) -> list[str]:
    lines = []
    if hint:
        lines.append(f'<p class="calc-hint" id="{base}-hint">{html(hint)}</p>')
    lines.append(f'<p class="calc-error" id="{base}-err" hidden></p>')
    return lines


def input_field(provision: dict, spec: dict, lang: str) -> str:
    """One input with its label, unit, hint and an empty slot for its error."""
    pid, name = provision["id"], spec["name"]
    base = field_id(pid, f"in-{name}")
    hint = tx(spec.get("hint"), lang)
    date_rule = provision["date_rule"]
    if date_rule and date_rule["input"] == name:
        hint = " ".join(part for part in (hint, date_rule_label(provision, lang)) if part)
    describedby = described_by(f"{base}-hint" if hint else None, f"{base}-err")
    common = dict(id=base, name=f"{pid}.{name}", data_provision=pid, data_input=name, data_input_type=spec["type"],
                  aria_describedby=describedby)
    if spec["type"] == "choice":
        options = [f'<option value="">{html(pick(lang, "请选择", "Choose"))}</option>']
        options += [f'<option value="{html(o["value"])}">{html(tx(o["label"], lang))}</option>' for o in spec["options"]]
        control = f'<select{attrs(**common)}>{"".join(options)}</select>'
    elif spec["type"] == "date":
        control = f'<input type="date"{attrs(**common, autocomplete="off")}>'
    elif spec["type"] == "count":
        control = f'<input type="text"{attrs(**common, inputmode="numeric", autocomplete="off", spellcheck="false")}>'
    else:  # money: text, so that 800万, ８００万 and 0.08亿 can be typed; calc parses it
        control = f'<input type="text"{attrs(**common, autocomplete="off", spellcheck="false")}>'
    unit = tx(spec.get("unit"), lang)
    unit_html = f'<span class="calc-unit" aria-hidden="true">{html(unit)}</span>' if unit else ""
    label = tx(spec["label"], lang) + (pick(lang, f"({unit})", f" ({unit})") if unit else "")
    lines = [f'<div class="calc-field" data-field="{html(base)}">',
             f'<label for="{base}">{html(label)}</label>',
             f'<div class="calc-control">{control}{unit_html}</div>',
             *hint_and_error(base, hint),
             "</div>"]
    return "\n".join(lines)


def condition_field(provision: dict, condition: dict, lang: str) -> str:
    """A condition in the text's words, with three answers: not yet confirmed, met, not met."""
    pid, cid = provision["id"], condition["id"]
    base = field_id(pid, f"if-{cid}")
    verbatim = condition["text"]["zh"]
    english = condition["text"].get("en") or ""
    if lang == "en" and english:
        legend = f'{html(english)} <span class="calc-verbatim" lang="zh-CN">({html(verbatim)})</span>'
    else:
        legend = f'<span class="calc-verbatim" lang="zh-CN">{html(verbatim)}</span>'
    answers = [("", pick(lang, "尚未确认", "Not yet confirmed")),
               ("yes", pick(lang, "符合", "Met")),
               ("no", pick(lang, "不符合", "Not met"))]
    radios = []
    for value, text in answers:
        radio_id = f"{base}-{value or 'unset'}"
        checked = " checked" if not value else ""
        radios.append(f'<span class="calc-choice"><input type="radio"{attrs(id=radio_id, name=f"{pid}.if.{cid}", value=value, data_provision=pid, data_condition=cid)}{checked}>'
                      f'<label for="{radio_id}">{html(text)}</label></span>')
    return "\n".join([
        f'<fieldset class="calc-condition" id="{base}" aria-describedby="{base}-err">',
        f"<legend>{legend}</legend>",
        f'<div class="calc-choices">{"".join(radios)}</div>',
        f'<p class="calc-error" id="{base}-err" hidden></p>',
        "</fieldset>",
    ])


def other_support_field(provision: dict, lang: str) -> str:
    """Support for the same thing from another Suzhou policy, compared under 就高、不重复."""
    pid = provision["id"]
    amount_id, source_id = field_id(pid, "other-amount"), field_id(pid, "other-source")
    intro = pick(lang, "本措施与我市相关政策有重叠的,按“就高、不重复”原则执行。如已获得或申请本市其他政策对同一事项的支持,请填写,估算器将只计较高的一项。",
                 "Where these measures overlap other Suzhou policies, the higher applies, not both (就高、不重复). "
                 "If you receive or apply for other Suzhou support for the same thing, enter it: only the higher one is counted.")
    return "\n".join([
        f'<details class="calc-other" id="{field_id(pid, "other")}">',
        f"<summary>{html(pick(lang, '本市其他政策对同一事项的支持(如有)', 'Other Suzhou support for the same thing (if any)'))}</summary>",
        f'<p class="calc-hint">{html(intro)}</p>',
        f'<div class="calc-field" data-field="{amount_id}">',
        f'<label for="{amount_id}">{html(pick(lang, "其他支持金额(元)", "Amount of the other support (yuan)"))}</label>',
        f'<div class="calc-control"><input type="text"{attrs(id=amount_id, name=f"{pid}.other.amount", data_provision=pid, data_other="amount", autocomplete="off", spellcheck="false", aria_describedby=f"{amount_id}-err")}>'
        f'<span class="calc-unit" aria-hidden="true">{html(pick(lang, "元", "yuan"))}</span></div>',
        f'<p class="calc-error" id="{amount_id}-err" hidden></p>',
        "</div>",
        f'<div class="calc-field" data-field="{source_id}">',
        f'<label for="{source_id}">{html(pick(lang, "来源(政策名称,选填)", "Source (name of the policy, optional)"))}</label>',
        f'<div class="calc-control"><input type="text"{attrs(id=source_id, name=f"{pid}.other.source", data_provision=pid, data_other="source", maxlength="200", autocomplete="off", aria_describedby=f"{source_id}-err")}></div>',
        f'<p class="calc-error" id="{source_id}-err" hidden></p>',
        "</div>",
        "</details>",
    ])


def clause_href(provision: dict) -> str:
    return f"../measures/{provision['measure']}/#{provision['id']}"


def provision_head(provision: dict, lang: str) -> list[str]:
    """Label, amount in words, period, beneficiary, the clause link and the verbatim words."""
    pid = provision["id"]
    facts = [amount_summary(provision, lang), period_label(provision, lang)]
    if provision["beneficiary"]:
        facts.append(pick(lang, f"受益主体:{beneficiary_label(provision, lang)}", f"beneficiary: {beneficiary_label(provision, lang)}"))
    quote = "……".join(f["zh"] for f in provision["fragments"])
    lines = [
        f'<p class="calc-summary">{html(" · ".join(facts))} · '
        f'<a href="{html(clause_href(provision))}">{html(pick(lang, "原文", "the clause"))} {html(pid)}</a></p>',
        f'<blockquote class="calc-quote" lang="zh-CN"><p>{html(quote)}</p></blockquote>',
    ]
    for note in provision["notes"]:
        lines.append(f'<p class="calc-note">{html(pick(lang, "本项目注释:", "Project note: "))}{html(tx(note, lang))}</p>')
    return lines


def legend(provision: dict, lang: str) -> str:
    return (f'<legend><h3 class="calc-ptitle">{html(tx(provision["label"], lang))} '
            f'<span class="calc-pid">{html(provision["id"])}</span></h3></legend>')


def computed_provision(provision: dict, lang: str) -> str:
    pid = provision["id"]
    include_id = field_id(pid, "include")
    lines = [
        f'<fieldset class="calc-provision"{attrs(id=field_id(pid, "box"), data_provision=pid, data_kind=provision["kind"], data_roles=" ".join(provision["roles"]))}>',
        legend(provision, lang),
        *provision_head(provision, lang),
        f'<p class="calc-include"><input type="checkbox"{attrs(id=include_id, name=f"{pid}.include", data_provision=pid, aria_describedby=f"{field_id(pid, "box")}-err")}>'
        f'<label for="{include_id}">{html(pick(lang, "计入估算", "Include in the estimate"))}</label></p>',
        f'<p class="calc-error" id="{field_id(pid, "box")}-err" hidden></p>',
        f'<p class="calc-pending" id="{field_id(pid, "pending")}" hidden></p>',
    ]
    lines += [input_field(provision, spec, lang) for spec in provision["inputs"]]
    if provision["conditions"]:
        lines += [f'<fieldset class="calc-conditions"><legend>{html(pick(lang, "原文条件(请自行确认)", "Conditions in the text (confirm them yourself)"))}</legend>',
                  *[condition_field(provision, c, lang) for c in provision["conditions"]],
                  "</fieldset>"]
    lines.append(other_support_field(provision, lang))
    lines.append("</fieldset>")
    return "\n".join(lines)


def listed_provision(provision: dict, lang: str) -> str:
    """An open-amount or non-monetary provision: listed with the reason it is not computed."""
    reason = pick(lang, *NOT_COMPUTED[provision["kind"]])
    return "\n".join([
        f'<fieldset class="calc-provision calc-not-computed"{attrs(id=field_id(provision["id"], "box"), data_provision=provision["id"], data_kind=provision["kind"], data_roles=" ".join(provision["roles"]))}>',
        legend(provision, lang),
        *provision_head(provision, lang),
        f'<p class="calc-reason">{html(reason)}</p>',
        "</fieldset>",
    ])


def measure_section(policy: dict, measure: dict, lang: str) -> str:
    number = pick(lang, f"第{measure['numeral']}条", f"Measure {measure['number']}")
    lines = [f'<section class="calc-measure"{attrs(id=f"calc-{measure["id"]}", data_measure=measure["id"])}>',
             f'<h2>{html(number)} {html(tx(measure["title"], lang))}</h2>']
    for provision in provisions_of(policy, measure):
        lines.append(computed_provision(provision, lang) if provision["kind"] in MONETARY else listed_provision(provision, lang))
    lines.append("</section>")
    return "\n".join(lines)


def general_fieldset(policy: dict, lang: str) -> str:
    roles = [f'<option value="">{html(pick(lang, "请选择(显示全部条款)", "Choose (all provisions are shown)"))}</option>']
    roles += [f'<option value="{html(r["id"])}">{html(tx(r["label"], lang))}</option>' for r in policy["roles"]]
    in_force = policy["document"]["in_force"]
    as_of_hint = pick(lang, f"默认为今天。本措施自{in_force['from']}起施行,有效期至{in_force['to']}。",
                      f"Today by default. The measures apply from {in_force['from']} to {in_force['to']}.")
    return "\n".join([
        '<fieldset class="calc-general">',
        f"<legend>{html(pick(lang, '我是…', 'I am…'))}</legend>",
        '<div class="calc-field">',
        f'<label for="calc-role">{html(pick(lang, "身份(只显示与之相关的条款)", "Role (shows only the provisions for it)"))}</label>',
        f'<div class="calc-control"><select id="calc-role" name="role">{"".join(roles)}</select></div>',
        "</div>",
        f'<p class="calc-include"><input type="checkbox" id="calc-show-all" name="all">'
        f'<label for="calc-show-all">{html(pick(lang, "仍显示全部条款", "Show all provisions anyway"))}</label></p>',
        '<p class="calc-hint" id="calc-role-count" aria-live="polite"></p>',
        '<div class="calc-field">',
        f'<label for="calc-as-of">{html(pick(lang, "估算日期", "Date of the estimate"))}</label>',
        '<div class="calc-control"><input type="date" id="calc-as-of" name="as_of" aria-describedby="calc-as-of-hint calc-as-of-err"></div>',
        f'<p class="calc-hint" id="calc-as-of-hint">{html(as_of_hint)}</p>',
        '<p class="calc-error" id="calc-as-of-err" hidden></p>',
        "</div>",
        "</fieldset>",
    ])


def status_block(lang: str) -> str:
    loading = pick(lang, "计算器尚未加载。表单可以先填写;需要浏览器启用 JavaScript。",
                   "The calculator has not loaded yet. You can fill in the form; JavaScript must be enabled.")
    return "\n".join([
        '<div class="calc-status" id="calc-status-box">',
        f'<p id="calc-status" role="status" aria-live="polite">{html(loading)}</p>',
        f'<button type="button" id="calc-retry" class="md-button" hidden>{html(pick(lang, "重试", "Retry"))}</button>',
        "</div>",
        '<div class="calc-link-problems" id="calc-link-problems" role="alert" hidden></div>',
    ])


def results_block(lang: str) -> str:
    return "\n".join([
        '<section class="calc-results-section" aria-labelledby="calc-results-title">',
        f'<h2 id="calc-results-title">{html(pick(lang, "估算结果", "Estimate"))}</h2>',
        '<p class="calc-announce" id="calc-announce" role="status" aria-live="polite" aria-atomic="true"></p>',
        f'<div id="calc-results" class="calc-results" data-seq="0"><p>{html(pick(lang, "勾选“计入估算”或填写某一条款的输入项后,结果显示在这里。", "Tick “Include in the estimate” or fill in a provision’s inputs; the results appear here."))}</p></div>',
        '<div class="calc-actions" id="calc-actions">',
        '<div class="calc-field calc-share">',
        f'<label for="calc-share-url">{html(pick(lang, "分享链接(情景保存在链接的 # 之后,不会发送到服务器)", "Share link (the scenario is kept after the # and never sent to a server)"))}</label>',
        f'<div class="calc-control"><input type="text" id="calc-share-url" readonly>'
        f'<button type="button" id="calc-copy" class="md-button">{html(pick(lang, "复制", "Copy"))}</button></div>',
        "</div>",
        f'<button type="button" id="calc-export-json" class="md-button" disabled>{html(pick(lang, "导出 JSON", "Export JSON"))}</button>',
        f'<button type="button" id="calc-export-csv" class="md-button" disabled>{html(pick(lang, "导出 CSV", "Export CSV"))}</button>',
        f'<button type="button" id="calc-print" class="md-button">{html(pick(lang, "打印", "Print"))}</button>',
        "</div>",
        "</section>",
    ])


def sticky_total(lang: str) -> str:
    return (f'<div class="calc-sticky" id="calc-sticky" hidden><button type="button" id="calc-sticky-button">'
            f'<span id="calc-sticky-text"></span> · {html(pick(lang, "查看明细", "details"))}</button></div>')


def notice(policy: dict, lang: str) -> str:
    text = pick(lang, "本页给出的是估算,不是决定。标有“最高”的金额是经评审后确定的上限,不是承诺。一切以苏州市人民政府发布的中文原文和责任单位的认定为准。本页的计算全部在您的浏览器中进行,填写的内容不会发送到任何服务器。",
                "This page gives an estimate, not a decision. Amounts marked “up to” (最高) are ceilings decided after review, not promises. "
                "The Chinese text issued by the Suzhou Municipal People’s Government and the decisions of the responsible agencies prevail. "
                "Everything is computed in your browser; nothing you enter is sent to any server.")
    return f'<div class="admonition warning calc-notice"><p class="admonition-title">{html(pick(lang, "请注意", "Please note"))}</p><p>{html(text)}</p></div>'


def render_calculator(policy: dict, lang: str) -> str:
    """Markdown (with one raw HTML block) for calculator.md."""
    dataset = policy["dataset"]
    intro = pick(lang, "选择身份,填写与您相关的条款,即可看到按原文计算的估算金额,以及每个数字所依据的原文。",
                 "Choose your role and fill in the provisions that concern you: you get an estimate computed from the text, "
                 "with the words of the text behind every number.")
    root = (f'<div class="calc" id="calc"{attrs(lang=pick(lang, "zh-CN", "en"), data_lang=lang, data_site_root=SITE_ROOT[lang], data_policy=dataset["id"], data_policy_version=dataset["version"])}>')
    body = [
        root,
        notice(policy, lang),
        status_block(lang),
        '<form id="calc-form" class="calc-form" novalidate autocomplete="off">',
        general_fieldset(policy, lang),
        *[measure_section(policy, measure, lang) for measure in policy["measures"]],
        "</form>",
        results_block(lang),
        sticky_total(lang),
        '<link rel="stylesheet" href="../assets/calculator/calculator.css">',
        '<script type="module" src="../assets/calculator/app.mjs"></script>',
        "</div>",
    ]
    lines = [
        "---",
        "hide:",
        "  - toc",
        "---",
        "",
        f"# {pick(lang, '补贴估算器', 'Subsidy estimator')}",
        "",
        f'<p class="lead">{html(intro)}</p>',
        "",
        "\n".join(body),
        "",
    ]
    return "\n".join(lines)
