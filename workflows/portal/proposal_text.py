"""How a manager reads one proposal: a headline and facts rendered from its typed payload and evidence.

The agents' ``summary`` and ``rationale`` are written for logs (``engagement 0.110000``, raw kinds, stems of
matched words); the portal says the same things from the structured payload and evidence instead: rates as
percentages, money formatted with its currency, fractions as percentages, words as words. Pure shaping of
rows already loaded: no SQL and no decision here. A payload that does not parse as its kind's model falls
back to the agent's summary, so one odd proposal never breaks the inbox.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import ValidationError

from agents.approval.payloads import (
    ApplicationDecision,
    Clawback,
    CommissionChange,
    FlashIncentive,
    Offboarding,
    TierBump,
    parse_payload,
)
from store.models import Proposal
from store.money import MoneyError, human_money, parse_money


@dataclass(frozen=True, slots=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True, slots=True)
class ProposalText:
    headline: str
    facts: tuple[Fact, ...]
    reasons: tuple[str, ...] = ()
    warning: str = ""  # e.g. an application that tries to instruct the reviewer


def percent(value: object) -> str:
    """``Decimal('10.50')`` or ``"9"`` -> ``"10.5%"`` / ``"9%"`` (a rate in percent points)."""
    number = _decimal(value)
    if number is None:
        return "?"
    return f"{_plain(number)}%"


def fraction_percent(value: object) -> str:
    """A fraction (an engagement rate ``0.110000``) as a percentage: ``"11%"``."""
    number = _decimal(value)
    if number is None:
        return "?"
    return f"{_plain((number * 100).quantize(Decimal('0.1')))}%"


def words(identifier: str) -> str:
    """``click_injection`` -> ``click injection``."""
    return identifier.replace("_", " ").strip()


def effect_text(cents: int, currency: str) -> str:
    """A money effect said as what it does: ``costs 12.00 USD``, ``keeps or recovers 3.00 USD``, ``no stated amount``."""
    if cents < 0:
        return f"costs {human_money(-cents, currency)}"
    if cents > 0:
        return f"keeps or recovers {human_money(cents, currency)}"
    return "no stated amount"


def describe(proposal: Proposal, *, payload: Mapping[str, Any], partner_name: str, currency: str) -> ProposalText:
    """The proposal (with ``payload``: as proposed, or as edited) in a manager's words."""
    try:
        parsed = parse_payload(proposal.kind, payload)
    except (KeyError, ValidationError):  # KeyError: a kind no module registers
        return ProposalText(headline=proposal.summary, facts=())
    evidence, impact = proposal.evidence or {}, proposal.expected_impact or {}
    if isinstance(parsed, TierBump):
        return _tier_bump(parsed, evidence, impact, partner_name, currency)
    if isinstance(parsed, CommissionChange):
        return _commission_change(parsed, evidence, impact, currency)
    if isinstance(parsed, FlashIncentive):
        return _flash(parsed, evidence, impact, currency)
    if isinstance(parsed, Clawback):
        return _clawback(parsed, evidence, partner_name, currency)
    if isinstance(parsed, Offboarding):
        return _offboard(parsed, evidence, impact, partner_name, currency)
    if isinstance(parsed, ApplicationDecision):
        return _application(proposal, evidence)
    return ProposalText(headline=proposal.summary, facts=())  # a kind the portal has no wording for yet


def _tier_bump(bump: TierBump, evidence: Mapping[str, Any], impact: Mapping[str, Any], name: str,
               currency: str) -> ProposalText:  # fmt: skip
    before = percent(bump.previous_percent) if bump.previous_percent is not None else "its current rate"
    facts = [Fact("Rate", f"{before} → {percent(bump.percent)}")]
    if "score" in evidence:
        facts.append(
            Fact("Score", f"{evidence['score']}/100" + (f" ({evidence['tier']})" if evidence.get("tier") else ""))
        )
    window = f" per {impact['window_days']} days" if impact.get("window_days") else ""
    facts += _money_facts(impact, currency, {
        "extra_commission_at_current_run_rate": f"Extra commission at today's sales{window}",
        "margin_contribution_in_window": f"Margin it brings{window}",
        "revenue_uplift_that_pays_for_it": "Pays off if its revenue grows by",
    })  # fmt: skip
    return ProposalText(headline=f"Raise the commission of {name} from {before} to {percent(bump.percent)}",
                        facts=tuple(facts), reasons=_texts(evidence.get("reasons")))  # fmt: skip


def _commission_change(change: CommissionChange, evidence: Mapping[str, Any], impact: Mapping[str, Any],
                       currency: str) -> ProposalText:  # fmt: skip
    before = percent(change.previous_percent) if change.previous_percent is not None else "its current rate"
    if change.sku is not None:
        subject = f"commission on {change.sku}"
    else:
        cohort = change.partner_ids or []
        subject = (f"commission for experiment {change.experiment_id}'s cohort" if change.experiment_id is not None
                   else "commission for a cohort") + f" ({len(cohort)} partners)"  # fmt: skip
    verb = "Lower" if change.previous_percent is not None and change.percent < change.previous_percent else "Set"
    facts = [Fact("Rate", f"{before} → {percent(change.percent)}")]
    if change.variant:
        facts.append(Fact("Winning variant", change.variant))
    facts += _stock_facts(evidence)
    facts += _money_facts(impact, currency, {
        "margin_saved_on_remaining_stock_if_all_affiliate": "Margin saved on the stock left (all sold by partners)",
    })  # fmt: skip
    return ProposalText(headline=f"{verb} {subject} from {before} to {percent(change.percent)}", facts=tuple(facts))


def _flash(
    flash: FlashIncentive, evidence: Mapping[str, Any], impact: Mapping[str, Any], currency: str
) -> ProposalText:
    facts = [Fact("Bonus", f"+{percent(flash.bonus_percent)} for {flash.days} days")]
    if "current_percent" in evidence:
        facts.append(Fact("Rate today", percent(evidence["current_percent"])))
    facts += _stock_facts(evidence)
    facts += _money_facts(impact, currency, {
        "bonus_cost_at_current_run_rate": "Bonus cost at today's sales",
        "inventory_over_target_at_cost": "Stock over target, at cost",
    })  # fmt: skip
    if impact.get("extra_units_that_pay_for_it"):
        facts.append(Fact("Pays off after", f"{impact['extra_units_that_pay_for_it']} extra units"))
    return ProposalText(headline=f"Flash bonus of +{percent(flash.bonus_percent)} on {flash.sku} for {flash.days} days",
                        facts=tuple(facts))  # fmt: skip


def _clawback(claw: Clawback, evidence: Mapping[str, Any], name: str, currency: str) -> ProposalText:
    facts = [Fact("Amount", human_money(claw.amount_cents, currency))]
    signal = claw.signal or str(evidence.get("signal") or "")
    if signal:
        facts.append(Fact("Why", words(signal)))
    if claw.order_ids:
        shown = ", ".join(claw.order_ids[:5]) + (
            f" and {len(claw.order_ids) - 5} more" if len(claw.order_ids) > 5 else ""
        )
        facts.append(Fact(f"Orders ({len(claw.order_ids)})", shown))
    if evidence.get("reason"):
        facts.append(Fact("Reason", str(evidence["reason"])))
    return ProposalText(
        headline=f"Claw back {human_money(claw.amount_cents, currency)} from {name}", facts=tuple(facts)
    )


def _offboard(off: Offboarding, evidence: Mapping[str, Any], impact: Mapping[str, Any], name: str,
              currency: str) -> ProposalText:  # fmt: skip
    facts = []
    if off.signals:
        facts.append(Fact("Fraud signals", ", ".join(words(s) for s in off.signals)))
    if "score" in evidence:
        facts.append(Fact("Score", f"{evidence['score']}/100"))
    for finding in _mappings(evidence.get("findings")):
        summary = str(finding.get("summary") or "")
        facts.append(Fact(f"{words(str(finding.get('signal', 'finding')))} ({finding.get('severity', '?')})",
                          summary or "no summary"))  # fmt: skip
    facts += _money_facts(impact, currency, {
        "commission_stopped_per_window": "Commission it stops",
        "margin_contribution_in_window": "Margin it brings now",
    })  # fmt: skip
    reason = "fraud" if off.signals else "destroyed margin"
    return ProposalText(headline=f"Offboard {name} ({reason})", facts=tuple(facts),
                        reasons=_texts(evidence.get("reasons")))  # fmt: skip


def _application(proposal: Proposal, evidence: Mapping[str, Any]) -> ProposalText:
    app = evidence.get("application") if isinstance(evidence.get("application"), Mapping) else {}
    assert isinstance(app, Mapping)
    who = str(app.get("name") or proposal.application_id or "an applicant")
    verb = {"approve_application": "Admit", "reject_application": "Decline", "review_application": "Decide on"}
    facts = []
    if app.get("platform"):
        facts.append(Fact("Platform", str(app["platform"]) + (f" · {app['niche']}" if app.get("niche") else "")))
    if app.get("audience_size") is not None:
        ratio = (
            f" ({_plain(_decimal(app['audience_vs_median']) or Decimal(0))}× the partners' median)"
            if app.get("audience_vs_median") is not None
            else ""
        )
        facts.append(Fact("Audience", f"{int(app['audience_size']):,}{ratio}"))
    if app.get("engagement_rate") is not None:
        ratio = (
            f" ({_plain(_decimal(app['engagement_vs_median']) or Decimal(0))}× the median)"
            if app.get("engagement_vs_median") is not None
            else ""
        )
        facts.append(Fact("Engagement", fraction_percent(app["engagement_rate"]) + ratio))
    fit = evidence.get("brand_fit")
    if isinstance(fit, Mapping) and fit.get("score") is not None:
        facts.append(
            Fact("Brand fit", f"{fit['score']}/100" + (" · coupon / deal content" if fit.get("low_value") else ""))
        )
    for key, label in (("findings", "Screening"), ("authenticity", "Authenticity")):
        for finding in _mappings(app.get(key)):
            seen = str(finding.get("seen") or "")
            facts.append(Fact(label, str(finding.get("label", "")) + (f": “{seen}”" if seen else "")))
    for link in _mappings(app.get("linked_partners")):
        facts.append(
            Fact("Linked partner", f"{link.get('partner_id')} ({link.get('status')}, same {link.get('matched_on')})")
        )
    injection = app.get("injection")
    warning = ""
    if isinstance(injection, Mapping):
        warning = f"Tries to instruct the reviewer in its {injection.get('field')}: “{injection.get('excerpt')}”"
    return ProposalText(headline=f"{verb.get(proposal.kind, 'Decide on')} {who}", facts=tuple(facts), warning=warning)


def _stock_facts(evidence: Mapping[str, Any]) -> list[Fact]:
    facts = []
    if evidence.get("stock") is not None:
        target = f" (target {evidence['stock_target']})" if evidence.get("stock_target") is not None else ""
        facts.append(Fact("Stock", f"{evidence['stock']}{target}"))
    cover = evidence.get("days_of_cover")
    if cover not in (None, "", "None"):
        facts.append(Fact("Days of cover", _plain(_decimal(cover) or Decimal(0))))
    if evidence.get("units_sold_28d") is not None:
        facts.append(Fact("Sold in 28 days", str(evidence["units_sold_28d"])))
    return facts


def _money_facts(impact: Mapping[str, Any], currency: str, labels: Mapping[str, str]) -> list[Fact]:
    facts = []
    for key, label in labels.items():
        stated = impact.get(key)
        if isinstance(stated, str):
            try:
                facts.append(Fact(label, human_money(parse_money(stated, currency), currency)))
            except MoneyError:
                continue
    return facts


def _mappings(value: object) -> list[Mapping[str, Any]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, Sequence) else []


def _texts(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        return ()
    return tuple(str(item) for item in value)


def _decimal(value: object) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _plain(number: Decimal) -> str:
    text = f"{number.normalize():f}"
    return text
