"""The registry's vocabularies, as the ledger template and the seeds word them.

The Chinese words here are the exchange format's tokens (what a ledger cell must say), not
interface text; the apps give each value a translatable label of their own.
"""

from __future__ import annotations

import enum


class PropertyNature(enum.StrEnum):
    """产权性质."""

    COMMERCIAL = "commercial"
    REFORM = "reform"
    PUBLIC = "public"
    WORK_UNIT = "work_unit"
    RESETTLEMENT = "resettlement"
    MIXED = "mixed"


class ManagementMode(enum.StrEnum):
    """物业管理方式: the three models of chongqing-2021 §2.(3) and 'none'."""

    PROFESSIONAL = "professional"
    COMMUNITY_CENTRE = "community_centre"
    SELF_GOVERNED = "self_governed"
    NONE = "none"


PROPERTY_NATURE_WORDS: dict[str, PropertyNature] = {
    "商品房": PropertyNature.COMMERCIAL,
    "房改房": PropertyNature.REFORM,
    "公房": PropertyNature.PUBLIC,
    "单位自管房": PropertyNature.WORK_UNIT,
    "安置房": PropertyNature.RESETTLEMENT,
    "混合": PropertyNature.MIXED,
}

MANAGEMENT_MODE_WORDS: dict[str, ManagementMode] = {
    "专业物业": ManagementMode.PROFESSIONAL,
    "社区物业服务中心": ManagementMode.COMMUNITY_CENTRE,
    "居民自治": ManagementMode.SELF_GOVERNED,
    "无": ManagementMode.NONE,
}

YES_WORDS = frozenset({"是", "有", "Y", "YES", "TRUE", "1", "√"})
NO_WORDS = frozenset({"否", "无", "N", "NO", "FALSE", "0", "×"})
