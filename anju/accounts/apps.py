from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "anju.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from anju.accounts import signin  # noqa: F401  (the sign-in audit receivers)
