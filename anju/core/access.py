"""Who may do what: roles and the capabilities they carry.

Where a user may do it is the other half of the rule, their divisions; the apps combine the two
in one queryset filter (anju.accounts.jurisdiction).
"""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    CITY_BUREAU = "city_bureau"
    CITY_DEPARTMENT = "city_department"
    DISTRICT = "district"
    STREET = "street"
    COMMITTEE = "committee"
    AUDITOR = "auditor"
    OWNER = "owner"
    EXPERT = "expert"
    UTILITY = "utility"


class Capability(enum.StrEnum):
    REGISTRY_VIEW = "registry.view"
    REGISTRY_EDIT = "registry.edit"
    PERSONAL_DATA_EXPORT = "personal_data.export"
    AUDIT_VIEW = "audit.view"
    PARTICIPATION_MANAGE = "participation.manage"
    PLAN_MANAGE = "plan.manage"
    MONEY_MANAGE = "money.manage"
    EXPERTS_MANAGE = "experts.manage"
    PROCUREMENT_MANAGE = "procurement.manage"
    ACCOUNTS_MANAGE = "accounts.manage"


_OFFICIALS_READ = frozenset({Capability.REGISTRY_VIEW})
_OFFICIALS_WRITE = _OFFICIALS_READ | {Capability.REGISTRY_EDIT}

# Consultations, votes and notices are run where the residents are: by the street office and the
# residents' committee, and by the district and city above them.
_RUNS_PARTICIPATION = frozenset({Capability.PARTICIPATION_MANAGE})

# The annual and five-year plans are drawn up by the housing bureaus of the city and the
# districts (puyang-2020 annex 1: 负责老旧小区改造提升工作计划编制).
_DRAWS_UP_PLANS = frozenset({Capability.PLAN_MANAGE})

# Budgets and grants to projects are kept by the housing bureaus of the city and the districts,
# who also record each payment the finance department makes (hangjin-2021 §5.(2)).
_KEEPS_THE_MONEY = frozenset({Capability.MONEY_MANAGE})

# The expert library and the design reviews drawn from it are kept by the housing bureaus
# (chongqing-2021 §3.(2)3: 建立项目储备库和专家咨询库).
_KEEPS_THE_EXPERTS = frozenset({Capability.EXPERTS_MANAGE})

# How each project's work is let is recorded and overseen by the housing bureaus
# (puyang-2020 §3.(2)4: 县(区)住房城乡建设部门要强化老旧小区改造提升项目全过程监管).
_OVERSEES_PROCUREMENT = frozenset({Capability.PROCUREMENT_MANAGE})

# Accounts are opened by the post above, as posts are (anju.core.staffing says which).
_OPENS_ACCOUNTS = frozenset({Capability.ACCOUNTS_MANAGE})

CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.CITY_BUREAU: _OFFICIALS_WRITE
    | _RUNS_PARTICIPATION
    | _DRAWS_UP_PLANS
    | _KEEPS_THE_MONEY
    | _KEEPS_THE_EXPERTS
    | _OVERSEES_PROCUREMENT
    | _OPENS_ACCOUNTS
    | {Capability.PERSONAL_DATA_EXPORT, Capability.AUDIT_VIEW},
    Role.CITY_DEPARTMENT: _OFFICIALS_READ,
    Role.DISTRICT: _OFFICIALS_WRITE
    | _RUNS_PARTICIPATION
    | _DRAWS_UP_PLANS
    | _KEEPS_THE_MONEY
    | _KEEPS_THE_EXPERTS
    | _OVERSEES_PROCUREMENT
    | _OPENS_ACCOUNTS
    | {Capability.PERSONAL_DATA_EXPORT},
    Role.STREET: _OFFICIALS_WRITE | _RUNS_PARTICIPATION | _OPENS_ACCOUNTS,
    Role.COMMITTEE: _OFFICIALS_READ | _RUNS_PARTICIPATION,
    Role.AUDITOR: _OFFICIALS_READ | {Capability.AUDIT_VIEW},
    Role.OWNER: frozenset(),
    Role.EXPERT: frozenset(),
    Role.UTILITY: frozenset(),
}


def role_can(role: Role, capability: Capability) -> bool:
    return capability in CAPABILITIES[role]
