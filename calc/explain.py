"""A result as readable text, in Chinese or English (for `python -m calc estimate --format text`)."""

from __future__ import annotations

from decimal import Decimal

from .money import display


def _amount(display: dict | None, lang: str) -> str:
    return display["text"][lang] if display else "—"


NOTE_HEADING = {
    "interpretation": {"zh": "本项目解读", "en": "This project's reading"},
    "text": {"zh": "原文规定", "en": "The text's rule"},
    "input": {"zh": "注意", "en": "Note"},
}


def explain(result: dict, lang: str = "zh") -> str:
    zh = lang == "zh"
    lines = [f"{'估算日期' if zh else 'Estimate as of'}: {result['as_of']}", ""]
    for item in result["items"]:
        label = item["label"][lang] or item["label"]["zh"]
        lines.append(f"[{item['provision']}] {label}")
        lines.append(f"  {'状态' if zh else 'Status'}: {item['status_label'][lang]}")
        if item["amount"] is not None:
            nature = f"({item['up_to_label'][lang]})" if zh and item["up_to_label"] else \
                (f" ({item['up_to_label'][lang]})" if item["up_to_label"] else "")
            lines.append(f"  {'金额' if zh else 'Amount'}: {_amount(item['display'], lang)}{nature}")
            lines.append(f"  {'期限' if zh else 'Period'}: {item['period_label'][lang]}")
        for reason in item["reasons"]:
            lines.append(f"  {'原因' if zh else 'Reason'}: {reason[lang]}")
        for note in item["notes"]:
            lines.append(f"  {NOTE_HEADING[note['basis']][lang]}: {note[lang]}")
        for step in item["steps"]:
            lines.append(f"  - {step[lang]}")
            lines.append(f"    {'依据' if zh else 'Text'} [{step['clause']} · {step['sentence']}]: “{step['quote']}”")
        agencies = ("、" if zh else ", ").join(a[lang] or a["zh"] for a in item["agencies"])
        lines.append(f"  {'责任单位' if zh else 'Responsible agencies'}: {agencies}")
        lines.append("")
    for question in result["overlap_questions"]:
        lines.append(f"{'就高、不重复' if zh else 'Higher one, not both'}: {question['question'][lang]} "
                     f"{'回答' if zh else 'Answer'}: {question['answer_label'][lang]}")
        lines.append(f"  {NOTE_HEADING[question['basis']][lang]}: {question['explanation'][lang]}")
        alternative = question["alternative"]
        if alternative:
            lines.append(f"  {'若回答“不是同一笔费用”,估算另加' if zh else 'If the answer were “different costs”, the estimate would add'} "
                         f"{_amount(alternative['display_added'], lang)}")
        lines.append("")
    lines.append("合计(按期限分列,不同期限的金额不相加):" if zh else "Totals by period (amounts of different periods are not added up):")
    for total in result["period_totals"] or [{"label": {"zh": "—", "en": "—"}, "display": None, "amount_up_to": None}]:
        ceilings = _amount(display(Decimal(total["amount_up_to"])), lang) if total["amount_up_to"] not in (None, "0.00") else ""
        up_to = (f"(其中为上限、不是承诺的部分:{ceilings})" if zh else f" (of which ceilings, not promises: {ceilings})") if ceilings else ""
        lines.append(f"  {total['label'][lang]}: {_amount(total['display'], lang)}{up_to}")
    lines += ["", result["notice"][lang]]
    return "\n".join(lines) + "\n"
