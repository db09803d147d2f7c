from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "anju.jobs"
    label = "jobs"
