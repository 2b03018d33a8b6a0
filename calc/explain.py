"""A result as readable text, in Chinese or English (for `python -m calc estimate --format text`)."""

from __future__ import annotations


def _amount(display: dict | None, lang: str) -> str:
    if not display:
        return "—"
    wan = ("" if display["wan_exact"] else ("约" if lang == "zh" else "about ")) + display["wan"]
    return f"{display['yuan']}元({wan}万元)" if lang == "zh" else f"{display['yuan']} yuan ({wan}万)"


def explain(result: dict, lang: str = "zh") -> str:
    zh = lang == "zh"
    lines = [f"{'估算日期' if zh else 'Estimate as of'}: {result['as_of']}", ""]
    for item in result["items"]:
        label = item["label"][lang] or item["label"]["zh"]
        lines.append(f"[{item['provision']}] {label}")
        lines.append(f"  {'状态' if zh else 'Status'}: {item['status_label'][lang]}")
        if item["amount"] is not None:
            nature = ""
            if item["up_to"] is not None:
                nature = ("(最高额度,经评审确定)" if item["up_to"] else "(按规定金额或公式)") if zh else \
                    (" (up to, decided after review)" if item["up_to"] else " (amount or formula set by the text)")
            lines.append(f"  {'金额' if zh else 'Amount'}: {_amount(item['display'], lang)}{nature}")
            lines.append(f"  {'期限' if zh else 'Period'}: {item['period_label'][lang]}")
        for reason in item["reasons"]:
            lines.append(f"  {'原因' if zh else 'Reason'}: {reason[lang]}")
        for step in item["steps"]:
            lines.append(f"  - {step[lang]}")
            lines.append(f"    {'依据' if zh else 'Text'} [{step['clause']} · {step['sentence']}]: “{step['quote']}”")
        agencies = ("、" if zh else ", ").join(a[lang] or a["zh"] for a in item["agencies"])
        lines.append(f"  {'责任单位' if zh else 'Responsible agencies'}: {agencies}")
        lines.append("")
    d = result["display"]
    lines.append(f"{'合计' if zh else 'Total'}: {_amount(d['total'], lang)}")
    lines.append(f"  {'其中最高额度(经评审确定)' if zh else 'of which up to (decided after review)'}: {_amount(d['total_up_to'], lang)}")
    lines.append(f"  {'其中按规定金额或公式' if zh else 'of which set by the text'}: {_amount(d['total_fixed'], lang)}")
    lines += ["", result["notice"][lang]]
    return "\n".join(lines) + "\n"
