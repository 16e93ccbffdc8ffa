"""The one entry point that runs every 要綱 rule over a ``Filing``."""

from declarations import rules as declaration_rules
from declarations.rules import Rule
from projects import rules as project_rules
from region_portal.filing import Filing, RuleContext
from region_portal.findings import Finding
from visions import rules as vision_rules


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
