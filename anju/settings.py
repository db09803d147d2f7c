"""Django settings for Anju.

Everything a deployment changes comes from ANJU_* environment variables; the defaults run an
embedded SQLite database under ./var so that a fresh clone works with nothing else installed.
"""

from __future__ import annotations

import os
import shutil
from datetime import timedelta
from pathlib import Path

import dj_database_url

from anju.core.signin import SignInPolicy
from anju.secrets import load_secret

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("ANJU_VAR_DIR", "var")).resolve()

DEBUG = os.environ.get("ANJU_DEBUG", "") == "1"
SECRET_KEY = load_secret("SECRET_KEY", VAR_DIR)
ALLOWED_HOSTS = [
    h for h in os.environ.get("ANJU_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "ninja",
    "anju.jobs",  # before django_tasks_db: its db_worker takes back what a killed one left
    "django_tasks",
    "django_tasks_db",
    "anju.divisions",
    "anju.accounts",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "anju.audit",
    "anju.auditing",
    "anju.registry",
    "anju.stock",
    "anju.policy",
    "anju.assessment",
    "anju.participation",
    "anju.planning",
    "anju.projects",
    "anju.finance",
    "anju.experts",
    "anju.procurement",
    "anju.supervision",
    "anju.maps",
    "anju.web",
    "anju.backup",
    "anju.limits",
    "anju.demo",
    "anju.desk",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "anju.web.security.SecurityHeaders",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "anju.web.security.NoNulCharacters",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "anju.web.security.ApiTakesJson",
    "anju.accounts.middleware.SignedInChecks",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "anju.urls"

# Long work (plan solves) runs in `anju db_worker`, queued in the database itself, so an
# intranet deployment needs no broker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
WSGI_APPLICATION = "anju.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "anju.accounts.navigation.navigation",
            ],
        },
    },
]


def _database() -> dict[str, object]:
    url = os.environ.get("ANJU_DATABASE_URL") or f"sqlite:///{VAR_DIR / 'anju.sqlite3'}"
    config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "anju.accounts.passwords.ClassesValidator"},
    {"NAME": "anju.accounts.passwords.HistoryValidator"},
]
AUTHENTICATION_BACKENDS = ["anju.accounts.signin.LockoutBackend"]
SIGNIN_POLICY = SignInPolicy(
    max_failures=int(os.environ.get("ANJU_LOGIN_MAX_FAILURES") or 5),
    lock_for=timedelta(minutes=int(os.environ.get("ANJU_LOCKOUT_MINUTES") or 30)),
    password_max_age=timedelta(days=int(os.environ.get("ANJU_PASSWORD_MAX_AGE_DAYS") or 90)),
    idle=timedelta(minutes=int(os.environ.get("ANJU_IDLE_MINUTES") or 30)),
    history=int(os.environ.get("ANJU_PASSWORD_HISTORY") or 5),
    lifetime=timedelta(hours=int(os.environ.get("ANJU_SESSION_HOURS") or 12)),
)
# Superusers and staff always sign in with a second factor; these roles (e.g. city_bureau) too.
SECOND_FACTOR_ROLES = tuple(
    r for r in os.environ.get("ANJU_SECOND_FACTOR_ROLES", "").split(",") if r.strip()
)
OTP_TOTP_ISSUER = "安居"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = (
    os.environ.get("ANJU_STATIC_ROOT") or None
)  # set for `anju collectstatic` in production
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
LEDGER_UPLOAD_MAX_BYTES = int(os.environ.get("ANJU_LEDGER_UPLOAD_MAX_BYTES", 200 * 1024 * 1024))
# A spreadsheet is read in a process of its own with at most this much memory and time
# (anju/sheet_files.py); a file that needs more is refused, naming the bound.
SHEET_READER_MEMORY = int(os.environ.get("ANJU_SHEET_READER_MEMORY_MB") or 4096) * 1024 * 1024
SHEET_READER_SECONDS = float(os.environ.get("ANJU_SHEET_READER_SECONDS") or 100)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = (
    12 * 3600
)  # SIGNIN_POLICY ends idle sessions sooner, and every one by its lifetime
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Behind the deployment's own front web server (docs/deployment.md), which alone reaches Anju
# and sets X-Real-IP and X-Forwarded-Proto: the log names the client it saw.
BEHIND_PROXY = os.environ.get("ANJU_BEHIND_PROXY", "") == "1"
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Served over HTTPS: cookies only over HTTPS, plain HTTP sent there, browsers told to stay.
HTTPS = "1" in (os.environ.get("ANJU_HTTPS", ""), os.environ.get("ANJU_SECURE_COOKIES", ""))
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("ANJU_HSTS_SECONDS") or 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The browsers' HSTS preload list is for the public internet; an intranet host is never on it.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

ANJU_DATA_KEY = load_secret("DATA_KEY", VAR_DIR)
# What the deployment signs the returns it sends upward with (supervision.signing): its public
# half is what a province registers for this city.
ANJU_SIGNING_KEY = load_secret("SIGNING_KEY", VAR_DIR)
# The packs and documents Anju ships; a deployment's own go in ANJU_POLICY_DIR (packs/*.yaml,
# sources/*.txt), beside them and outside the package: a city not among the seeds brings its
# document and pack there (anju new-pack) without a change to Anju. POLICY_PACK is the pack
# the deployment runs by default (its city's).
POLICY_PACKS_DIR = Path(__file__).resolve().parent / "policy" / "packs"
POLICY_DIR = Path(os.environ.get("ANJU_POLICY_DIR") or VAR_DIR / "policy")
POLICY_PACK = os.environ.get("ANJU_POLICY_PACK", "puyang-2020")
# The deployment's own city (its 12-digit division code): where a ledger's district name is
# looked for first when several districts in the country bear it (鼓楼区, 城关区 …).
ANJU_CITY = os.environ.get("ANJU_CITY", "")

# The fonts a bureau's documents are set in (GB/T 9704), as "title=…,heading=…,body=…"; Word
# documents name them, and the PDFs use them where the server has them installed, else the
# free Noto CJK faces Anju installs.
DOCUMENT_FONTS = {
    "title": "方正小标宋简体",
    "heading": "黑体",
    "body": "仿宋_GB2312",
    **{
        part.split("=", 1)[0].strip(): part.split("=", 1)[1].strip()
        for part in os.environ.get("ANJU_DOCUMENT_FONTS", "").split(",")
        if "=" in part and part.split("=", 1)[1].strip()
    },
}
# A base map under the map's points from the deployment's own tile server (a 天地图 node on the
# intranet, self-hosted tiles): an XYZ template in Web Mercator, 256-pixel tiles, such as
# https://tiles.example.gov.cn/{z}/{x}/{y}.png. Empty, the default: no base map, and nothing
# fetched from another host. The note (its 审图号, whose map it is) is shown under the map.
MAP_TILES = os.environ.get("ANJU_MAP_TILES", "")
MAP_TILES_NOTE = os.environ.get("ANJU_MAP_TILES_NOTE", "")
MAP_TILES_MAX_ZOOM = int(os.environ.get("ANJU_MAP_TILES_MAX_ZOOM") or 18)
# The browser that prints reports to PDF: Debian's chromium package, which the tests use too.
CHROMIUM = os.environ.get("ANJU_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# The longest the supervision pages show an area's standing, even with nothing written since,
# before asking the worker to read it again (anju/supervision/standing.py).
SUPERVISION_FRESH_MINUTES = int(os.environ.get("ANJU_SUPERVISION_FRESH_MINUTES") or 60)
LEDGER_ARCHIVE_DIR = Path(os.environ.get("ANJU_LEDGER_ARCHIVE_DIR") or VAR_DIR / "ledgers")
# Ledgers uploaded on the web wait here, sealed, until the worker has imported them, with the
# progress each import shows on its page.
LEDGER_IMPORT_DIR = Path(os.environ.get("ANJU_LEDGER_IMPORT_DIR") or VAR_DIR / "ledger-imports")
# Documents people post and sign (notices, signed plans). Served only through Anju's own views,
# which check who may read them; never by the web server from this folder.
MEDIA_ROOT = Path(os.environ.get("ANJU_MEDIA_DIR") or VAR_DIR / "media")
BACKUP_DIR = Path(os.environ.get("ANJU_BACKUP_DIR") or VAR_DIR / "backups")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ANJU_LOG_LEVEL", "WARNING")},
}
