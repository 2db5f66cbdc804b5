"""The claim categories every rule declares (the table of TAXONOMY.md v1.1).

Ids are stable: new categories are added, none is renamed. A test checks
this list against the taxonomy document.
"""
from __future__ import annotations

CATEGORIES: dict[str, str] = {
    "absolute-safety": "Treatment called safe, risk-free or harmless, or its risks minimised",
    "cure-or-repair": "Treatment cures a condition or repairs, reverses or rewires the brain or body",
    "unqualified-statistic": "Efficacy number with no specific source in the same sentence",
    "unsupervised-home-use": "Prescription or controlled treatment offered for home use or online",
    "regulatory-misstatement": "Approval, clearance or endorsement that does not exist",
    "efficacy-overstatement": "Efficacy stated as proven, certain, guaranteed or universal",
    "rapid-results": "Fast or instant relief promised as what patients get",
    "comparative-superiority": "Unsubstantiated superiority over other treatments or providers",
    "hype-superlative": "Puffery implying exceptional or revolutionary efficacy",
    "testimonial-or-anecdote": "Patient stories presented as evidence of outcome",
    "inducement": "Financial or material incentive to enrol",
    "pressure-tactic": "Urgency or fear used to push enrolment",
    "unapproved-indication-claim": "Treatment said to treat a condition it is not approved for",
    "discourages-conventional-care": "Urges patients to stop or replace established care",
    "referral-misrepresentation": "Referral service posing as a provider or as impartial",
    "prescription-only-medicine-promotion": "Prescription-only medicine promoted to the public (UK, AU)",
    "off-label-undisclosed": "Page promotes an off-label use without saying so",
    "missing-risk-information": "Page states benefits but no risks anywhere",
}
