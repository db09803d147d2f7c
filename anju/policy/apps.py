from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "anju.policy"
    label = "policy"
    verbose_name = _("Policy packs")

    def ready(self) -> None:
        from anju.policy.checks import policy_packs

        checks.register(policy_packs)
