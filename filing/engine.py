"""The one entry point that runs every 要綱 rule over a ``Filing``."""

from filing.data import Filing, RuleContext
from filing.findings import Finding
from filing.rules import declaration as declaration_rules
from filing.rules import project as project_rules
from filing.rules import vision as vision_rules
from filing.rules.common import Rule


def check_filing(filing: Filing, context: RuleContext) -> list[Finding]:
    """All findings of 第3 and 第4, declaration first, in a stable order."""
    findings: list[Finding] = []
    findings += declaration_rules.check(filing, context)
    findings += vision_rules.check(filing, context)
    findings += project_rules.check(filing, context)
    return findings


def all_rules() -> tuple[Rule, ...]:
    """Every rule once, in the order the checks run (change.consultation serves two modules)."""
    rules: dict[str, Rule] = {}
    for module in (declaration_rules, vision_rules, project_rules):
        for rule in module.RULES:
            rules.setdefault(rule.code, rule)
    return tuple(rules.values())
