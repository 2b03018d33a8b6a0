"""A result as readable text, in Chinese or English (for `python -m calc estimate --format text`).

It says what the calculator page says: each amount with its period, whether it is a ceiling, and whose money
it is; the conditions still to confirm; support from other policies and what was done with it (compared,
deducted, or reported but not compared); the totals for the applicant kept apart from money paid to talents.
"""

from __future__ import annotations

from .labels import RECIPIENT_TOTALS

WORDS = {
    "as_of": {"zh": "估算日期", "en": "Estimate as of"},
    "status": {"zh": "状态", "en": "Status"},
    "not_counted": {"zh": "(不计入合计)", "en": " (not counted in the totals)"},
    "recipient": {"zh": "付给", "en": "Paid to"},
    "reason": {"zh": "原因", "en": "Reason"},
    "to_confirm": {"zh": "待确认的原文条件", "en": "Conditions of the text still to confirm"},
    "confirmed": {"zh": "已确认的原文条件", "en": "Conditions of the text confirmed"},
    "text": {"zh": "依据", "en": "Text"},
    "agencies": {"zh": "责任单位", "en": "Responsible agencies"},
    "other": {"zh": "已获其他政策支持", "en": "Support from other policies"},
    "other_entered": {"zh": "填写金额", "en": "entered"},
    "other_applies": {"zh": "就高:该支持较高,予以适用", "en": "the higher one: this support applies"},
    "other_set_aside": {"zh": "就高:本措施条款较高,该支持不重复计算", "en": "the higher one: this policy's provision applies instead"},
    "other_not_compared": {"zh": "未与本条款比较", "en": "not compared with the provision"},
    "overlap": {"zh": "就高、不重复", "en": "Higher one, not both"},
    "answer": {"zh": "回答", "en": "Answer"},
    "alternative": {"zh": "若回答“不是同一笔费用”,估算另加", "en": "If the answer were “different costs”, the estimate would add"},
    "totals": {"zh": "合计(按期限分列,不同期限的金额不相加;付给人才本人的金额另列):",
               "en": "Totals by period (amounts of different periods are not added up; money paid to talents is listed apart):"},
    "none": {"zh": "无", "en": "none"},
    "changes": {"zh": "什么会改变这个结果:", "en": "What would change this answer:"},
}

NOTE_HEADING = {
    "interpretation": {"zh": "本项目解读", "en": "This project's reading"},
    "text": {"zh": "原文规定", "en": "The text's rule"},
    "input": {"zh": "注意", "en": "Note"},
}

#: The result's totals, by whose money they are.
_TOTALS_OF = {"period_totals": "applicant", "talent_period_totals": "talent"}


def _say(key: str, lang: str) -> str:
    return WORDS[key][lang]


def _sep(lang: str) -> str:
    return ":" if lang == "zh" else ": "


def _amount_lines(item: dict, lang: str) -> list[str]:
    """The amount as the page's row says it (period, 最高, figure), why it is an upper bound, and whose it is."""
    lines = []
    if item["wording"]:
        nature = item["up_to_label"][lang] if item["up_to_label"] else ""
        shown = f"({nature})" if lang == "zh" and nature else (f" ({nature})" if nature else "")
        counted = _say("not_counted", lang) if item["status"] == "set_aside" else ""
        lines.append(f"  {item['wording'][lang]}{shown}{counted}")
    if item["recipient"] and item["amount"] is not None:
        lines.append(f"  {item['recipient']['label'][lang]}")
    return lines


def _condition_lines(item: dict, lang: str) -> list[str]:
    def words(condition: dict) -> str:
        text = condition["text"]
        return f"{text['en']} ({text['zh']})" if lang == "en" and text["en"] else text["zh"]
    lines = []
    for key, confirmed in (("to_confirm", None), ("confirmed", True)):
        chosen = [words(c) for c in item["conditions"] if c["confirmed"] is confirmed]
        if chosen:
            lines.append(f"  {_say(key, lang)}{_sep(lang)}{('、' if lang == 'zh' else '; ').join(chosen)}")
    return lines


def _item_lines(item: dict, lang: str) -> list[str]:
    label = item["label"][lang] or item["label"]["zh"]
    lines = [f"[{item['provision']}] {label}", f"  {_say('status', lang)}{_sep(lang)}{item['status_label'][lang]}"]
    lines += _amount_lines(item, lang)
    lines += [f"  {_say('reason', lang)}{_sep(lang)}{reason[lang]}" for reason in item["reasons"]]
    lines += _condition_lines(item, lang)
    lines += [f"  {NOTE_HEADING[note['basis']][lang]}{_sep(lang)}{note[lang]}" for note in item["notes"]]
    for step in item["steps"]:
        lines.append(f"  - {step[lang]}")
        lines.append(f"    {_say('text', lang)} [{step['clause']} · {step['sentence']}]: “{step['quote']}”")
    agencies = ("、" if lang == "zh" else ", ").join(a[lang] or a["zh"] for a in item["agencies"])
    lines += [f"  {_say('agencies', lang)}{_sep(lang)}{agencies}", ""]
    return lines


def _other_lines(result: dict, lang: str) -> list[str]:
    """Each entry of support from other policies, with what was done with it, as on the page."""
    if not result["other_support"]:
        return []
    lines = [f"{_say('other', lang)}{_sep(lang).rstrip()}"]
    for entry in result["other_support"]:
        if entry["note"]:
            outcome = entry["note"][lang]
        elif not entry["overlap"]:
            outcome = _say("other_not_compared", lang)
        else:
            outcome = _say("other_applies" if entry["overlap"]["applies"] else "other_set_aside", lang)
        source = f" “{entry['source']}”" if entry["source"] else ""
        lines.append(f"  [{entry['provision']}]{source} ({entry['level_label'][lang]}) · {_say('other_entered', lang)} "
                     f"{entry['display']['text'][lang]} · {outcome}")
    return lines + [""]


def _overlap_lines(result: dict, lang: str) -> list[str]:
    lines = []
    for question in result["overlap_questions"]:
        lines.append(f"{_say('overlap', lang)}{_sep(lang)}{question['question'][lang]} {_say('answer', lang)}{_sep(lang)}"
                     f"{question['answer_label'][lang]}")
        lines.append(f"  {NOTE_HEADING[question['basis']][lang]}{_sep(lang)}{question['explanation'][lang]}")
        if question["alternative"]:
            lines.append(f"  {_say('alternative', lang)} {question['alternative']['display_added']['text'][lang]}")
        lines.append("")
    return lines


def _total_lines(result: dict, lang: str) -> list[str]:
    """The applicant's totals, then money paid to talents, one line per period, each saying whether it is a ceiling."""
    lines = [_say("totals", lang)]
    for key, party in _TOTALS_OF.items():
        totals = result[key]
        if not totals and party == "talent":
            continue
        lines.append(f"  {RECIPIENT_TOTALS[party][lang]}{_sep(lang).rstrip()}")
        lines += [f"    {total['text'][lang]}" for total in totals] or [f"    {_say('none', lang)}"]
    return lines


def _change_lines(result: dict, lang: str) -> list[str]:
    changes = result.get("what_would_change") or []
    return ([_say("changes", lang)] + [f"  - {change[lang]}" for change in changes] + [""]) if changes else []


def explain(result: dict, lang: str = "zh") -> str:
    lines = [f"{_say('as_of', lang)}{_sep(lang)}{result['as_of']}", ""]
    for item in result["items"]:
        lines += _item_lines(item, lang)
    lines += _other_lines(result, lang) + _overlap_lines(result, lang) + _change_lines(result, lang) + _total_lines(result, lang)
    lines += ["", result["notice"][lang]]
    return "\n".join(lines) + "\n"
