"""Pacewise settings. Everything configurable comes from environment variables (see README)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from .env import data_dir, env_bool, env_int, env_list, env_str, secret_key

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = data_dir()

DEBUG = env_bool("PACEWISE_DEBUG", False)
SECRET_KEY = secret_key(DEBUG, DATA_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("PACEWISE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Demo accounts (created by `pacewise demo`) may print their two-factor code on the command line.
PACEWISE_DEMO = env_bool("PACEWISE_DEMO", False)
# Keys for encrypting private free text at rest (comma-separated; the first encrypts, all
# decrypt, so a new key can be put first and old ones kept until re-encrypted). When unset, a
# key is derived from SECRET_KEY.
PACEWISE_FIELD_KEYS = env_list("PACEWISE_FIELD_KEYS", [])
# Directories with extra questionnaire definitions (JSON) that a clinic holds a licence for.
PACEWISE_INSTRUMENT_DIRS = env_list("PACEWISE_INSTRUMENT_DIRS", [])
# Which crisis lines to show; see pacewise.accounts.crisis for the lists.
PACEWISE_CRISIS_COUNTRY = env_str("PACEWISE_CRISIS_COUNTRY", "US").upper()

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "pacewise.accounts",
    "pacewise.diary",
    "pacewise.care",
    "pacewise.learn",
    "pacewise.outcomes",
    "pacewise.plans",
    "pacewise.insights",
    "pacewise.today",
    "pacewise.records",
    "pacewise.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "pacewise.accounts.middleware.UserTimeZoneMiddleware",
    "pacewise.accounts.middleware.RequireStaffTwoFactorMiddleware",
    "pacewise.accounts.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pacewise.config.urls"
# Widgets render with the project templates, so our accessible widgets can live beside them.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "pacewise.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pacewise.accounts.context.navigation",
                "pacewise.care.context.unread_messages",
                "pacewise.records.context.erasure",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite in the data directory by default; DATABASE_URL=postgres://... for production.
# On PostgreSQL a connection per request costs more than a check-in's own work (bench/scale.py:
# /healthz 275/s with one, 2,200/s without; docs/scaling.md), so each worker keeps its
# connection for a minute by default, checked before reuse.
_DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'pacewise.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(
        _DATABASE_URL,
        conn_max_age=env_int(
            "DATABASE_CONN_MAX_AGE", 60 if _DATABASE_URL.startswith("postgres") else 0
        ),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work together; synchronous=FULL so that a saved
    # check-in survives a power cut (health data: we pay the small write cost).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;"
            " PRAGMA foreign_keys=ON;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts ---------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
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
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env_str("PACEWISE_EMAIL_VERIFICATION", "optional")
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_ADAPTER = "pacewise.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "pacewise.accounts.forms.SignupForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Pacewise] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Pacewise"
# Accept the code of the 30-second step just before or after: a code typed as the step turns
# over, or a phone clock a few seconds out, is not "Incorrect code" (RFC 6238 §5.2 allows one
# step of delay). Still at most three valid codes at any moment.
MFA_TOTP_TOLERANCE = 1

# Login throttling: 5 failures from one address for one account locks that pair for 15 minutes.
AXES_FAILURE_LIMIT = env_int("PACEWISE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_USERNAME_CALLABLE = "pacewise.accounts.fields.login_identity"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
# allauth counts failures too; let axes own the per-account password lockout (one message,
# one rule) and keep allauth as a flood guard per address. Its counts live in the shared cache.
ACCOUNT_RATE_LIMITS = {"login_failed": "30/m/ip"}
AXES_VERBOSE = False
# The client's address, for lockouts and the audit log alike: behind a trusted proxy, the
# address that proxy appended to X-Forwarded-For, never one a client sent (one rule).
AXES_CLIENT_IP_CALLABLE = "pacewise.accounts.access.client_ip"
# Two-factor codes: wrong codes are counted per account in the database (shared by every
# worker); this many in the window locks code sign-in for the account until the window has
# passed, and the account holder is emailed (pacewise.accounts.two_factor).
MFA_FORMS = {
    "authenticate": "pacewise.accounts.two_factor.AuthenticateForm",
    "reauthenticate": "pacewise.accounts.two_factor.ReauthenticateForm",
}
PACEWISE_CODE_FAILURE_LIMIT = env_int("PACEWISE_CODE_FAILURE_LIMIT", 5)
PACEWISE_CODE_LOCKOUT = timedelta(minutes=15)

# --- Cache -----------------------------------------------------------------------------------
# Shared by every worker process (rate limits, used two-factor codes): the database by default,
# so a SQLite install needs nothing more; Redis when PACEWISE_REDIS_URL is set.
PACEWISE_REDIS_URL = env_str("PACEWISE_REDIS_URL", "")
if PACEWISE_REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": PACEWISE_REDIS_URL,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "pacewise_cache",
        }
    }

# --- Task queue -----------------------------------------------------------------------------
# Long work (a diary import) runs outside the web request, in `pacewise worker` (which
# `pacewise serve` starts beside gunicorn). The queue lives in the database, so SQLite and
# PostgreSQL installs need nothing more. django-tasks is the backport of Django 6's tasks.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Security -------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("PACEWISE_SESSION_AGE", 60 * 60 * 24 * 14)
CSRF_COOKIE_HTTPONLY = True
USE_TLS = env_bool("PACEWISE_TLS", not DEBUG)
SESSION_COOKIE_SECURE = USE_TLS
CSRF_COOKIE_SECURE = USE_TLS
SECURE_SSL_REDIRECT = USE_TLS and env_bool("PACEWISE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("PACEWISE_HSTS_SECONDS", 60 * 60 * 24 * 365) if USE_TLS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = USE_TLS
SECURE_HSTS_PRELOAD = USE_TLS
PACEWISE_BEHIND_PROXY = env_bool("PACEWISE_BEHIND_PROXY", False)
if PACEWISE_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# --- Email ----------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Pacewise <pacewise@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Static files, i18n ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(env_str("PACEWISE_STATIC_ROOT", str(DATA_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("PACEWISE_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
