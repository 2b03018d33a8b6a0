"""统筹省、市政策: one ceiling for provincial and municipal support together (measure 5, smart factories).

Where a provision carries a ``coordination`` (its text says 统筹省、市政策), this project reads the ceiling as
the most that provincial and municipal support together may give: support the user already received from
Jiangsu province for the same honour is deducted from the ceiling, and what is left is the most these
measures can give. That reading is an interpretation, and every step that applies it says so.
"""

from __future__ import annotations

from decimal import Decimal

from .money import amount_text, format_amount
from .policy import Policy
from .scenario import OtherSupport
from .trace import step


def apply_coordination(policy: Policy, items: list, others: list[OtherSupport]) -> None:
    """Deduct provincial support from the ceiling of each eligible item whose text coordinates both levels."""
    for item in items:
        coordination = item.provision["coordination"]
        if item.status != "eligible" or not coordination:
            continue
        received = sum((o.amount for o in others if o.level == "province" and o.provision == item.provision["id"]),
                       Decimal("0.00"))
        if not received:
            continue
        ceiling = item.amount
        left = max(ceiling - received, Decimal("0.00"))
        item.amount = left
        item.steps.append(step(
            policy, item.provision, coordination["term"],
            f"统筹省、市政策(本项目解读):上限{format_amount(ceiling, 'zh')}为省、市支持合计;"
            f"已获江苏省支持{format_amount(received, 'zh')},本措施最多{format_amount(left, 'zh')}。",
            f"Coordinating provincial and municipal policies (this project's interpretation): the ceiling of "
            f"{format_amount(ceiling, 'en')} covers provincial and municipal support together; {format_amount(received, 'en')} "
            f"already came from Jiangsu province, so these measures give at most {format_amount(left, 'en')}.",
            amount_text(left)))
