from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "anju.web"
    label = "web"

    def ready(self) -> None:
        from anju.web.choice_labels import keep_choice_tables

        keep_choice_tables()
