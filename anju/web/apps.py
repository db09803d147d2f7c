from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "anju.web"
    label = "web"
