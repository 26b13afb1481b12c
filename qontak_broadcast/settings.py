"""Settings for Qontak Broadcast.

Infrastructure comes from the environment (django-environ), read once here.
The defaults make `make run` work on a bare machine: SQLite, tasks run
in-process after commit, and mail kept in the development mailbox.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long "
            "random string (python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=true for local development."
        )
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Django's admin on django-otp's OTPAdminSite: operators sign in with a TOTP code.
    "qontak_broadcast.apps.OperatorsAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "accounts",
    "otp",
    "security_settings",
    "templates_app",
    "team",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.CurrentMembershipMiddleware",
    "team.middleware.OrganizationTimeZoneMiddleware",
    # After authentication: a signed-in person's preferred language wins over the browser's.
    "accounts.middleware.LanguageMiddleware",
    "qontak_broadcast.middleware.UnavailableMiddleware",
    # Last, so it sees the login page's response and marks a lockout as 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "qontak_broadcast.urls"

# Django's cached loader, one compiled copy per interface language with the fixed words translated in.
TEMPLATE_LOADERS = [
    (
        "qontak_broadcast.templating.Loader",
        ["django.template.loaders.filesystem.Loader", "django.template.loaders.app_directories.Loader"],
    )
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "loaders": TEMPLATE_LOADERS,
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.membership",
                "django.template.context_processors.i18n",
                "qontak_broadcast.context_processors.shell",
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    },
    {
        # Plain-text emails and subjects: rendered without HTML escaping.
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {"autoescape": False, "loaders": TEMPLATE_LOADERS, "builtins": ["django.templatetags.i18n"]},
    },
]

WSGI_APPLICATION = "qontak_broadcast.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# The throttle backend (django-axes) first: it refuses a locked-out email+address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# The interface speaks English (the source language) and Bahasa Indonesia:
# the person's preference, else the browser's Accept-Language, else English.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("id", "Bahasa Indonesia")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and times in each language's own format (qontak_broadcast/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["qontak_broadcast.formats"]
LANGUAGE_COOKIE_NAME = "qb_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": env.str("DEFAULT_FILE_STORAGE", default="django.core.files.storage.FileSystemStorage")},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Redis, cache, Celery -------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "qontak_broadcast.cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Without a broker, tasks run in-process; callers still queue them after
# commit (delay_on_commit), so behaviour matches the full stack.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    "accounts.tasks.send_email": {"queue": "email"},
    "templates_app.tasks.*": {"queue": "submissions"},
}
# A task whose worker died before acknowledging it is delivered again after this many seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE

# --- Email ----------------------------------------------------------------
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Qontak Broadcast <no-reply@qontak-broadcast.test>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
elif env.str("EMAIL_HOST", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env.str("EMAIL_HOST")
    EMAIL_PORT = env.int("EMAIL_PORT", default=25)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
elif DEBUG:
    EMAIL_BACKEND = "accounts.mail.DevMailboxBackend"
else:
    # Codes and reset links must never land in a table that staff can read.
    raise ImproperlyConfigured(
        "No SMTP server is configured. Set EMAIL_URL (e.g. smtp+tls://user:password@smtp.example.com:587) "
        "or EMAIL_HOST (with EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS), "
        "or set DEBUG=true for local development with the development mailbox."
    )
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# The development mailbox (backend, /dev/mailbox/ pages, its admin) only ever works with DEBUG on.
DEV_MAILBOX_ENABLED = DEBUG and EMAIL_BACKEND == "accounts.mail.DevMailboxBackend"

# Key for credentials stored encrypted (channel accounts). Defaults to one
# derived from SECRET_KEY; set it separately to rotate SECRET_KEY freely.
FIELD_ENCRYPTION_KEY = env.str("FIELD_ENCRYPTION_KEY", default="")

# --- Security -------------------------------------------------------------
# No inline script or style anywhere: pages load their scripts from /static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "media-src": [SELF, "blob:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SESSION_COOKIE_HTTPONLY = True
# Sessions are read from the cache (Redis) and kept in the database: no query per request for them, and a
# Redis outage only makes them slower (accounts/sessions.py).
SESSION_ENGINE = "accounts.sessions"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 12)
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
if not DEBUG:
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Verification codes (otp app) -----------------------------------------
OTP_CODE_LIFETIME = env.int("OTP_CODE_LIFETIME", default=10 * 60)
OTP_MAX_ATTEMPTS = env.int("OTP_MAX_ATTEMPTS", default=5)
OTP_RESEND_COOLDOWN = env.int("OTP_RESEND_COOLDOWN", default=60)
OTP_ISSUE_LIMIT = env.int("OTP_ISSUE_LIMIT", default=5)
OTP_ISSUE_WINDOW = env.int("OTP_ISSUE_WINDOW", default=15 * 60)

# --- Client address ---------------------------------------------------------
# The reverse proxies in front of the app, one entry per hop from the outermost
# to the one that connects to the app, each an address or a CIDR network (e.g.
# "10.0.0.0/8"). When the connection comes from them, the client is the address
# they recorded in X-Forwarded-For; otherwise headers are ignored (can't be forged).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

# --- Sign-in throttling (django-axes, for /accounts/login/ and /admin/) ----
# Wrong passwords for one email from one client address before that pair is
# locked out for the window (seconds). Other addresses, and the right password
# from elsewhere, still get in.
LOGIN_FAILURES_PER_EMAIL = env.int("LOGIN_FAILURES_PER_EMAIL", default=5)
LOGIN_FAILURE_WINDOW = env.int("LOGIN_FAILURE_WINDOW", default=15 * 60)
# Past this many failures from one address within the window, every sign-in
# from it waits LOGIN_SLOWDOWN seconds first: slowed, never refused.
LOGIN_FAILURES_PER_IP = env.int("LOGIN_FAILURES_PER_IP", default=20)
LOGIN_SLOWDOWN = env.float("LOGIN_SLOWDOWN", default=2.0)
AXES_FAILURE_LIMIT = LOGIN_FAILURES_PER_EMAIL
AXES_COOLOFF_TIME = timedelta(seconds=LOGIN_FAILURE_WINDOW)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "qontak_broadcast.client_address.client_ip"
AXES_USERNAME_CALLABLE = "accounts.backends.login_email"
AXES_LOCKOUT_CALLABLE = "accounts.backends.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # failures are kept (AccessAttempt); successes are not
AXES_VERBOSE = False

# Password-reset mails per email and per client address per hour; past it the
# page answers the same, and no mail is sent.
PASSWORD_RESET_LIMIT = env.int("PASSWORD_RESET_LIMIT", default=3)

# Operators' /admin/: the TOTP issuer shown in authenticator apps.
OTP_TOTP_ISSUER = "Qontak Broadcast"

# /healthz names each part's state only to localhost or to a caller sending this token.
HEALTHZ_TOKEN = env.str("HEALTHZ_TOKEN", default="")

# --- Team (invitations, email changes) --------------------------------------
INVITATION_LIFETIME = env.int("INVITATION_LIFETIME", default=7 * 24 * 60 * 60)
INVITATION_RESEND_COOLDOWN = env.int("INVITATION_RESEND_COOLDOWN", default=60)
INVITATIONS_PER_HOUR = env.int("INVITATIONS_PER_HOUR", default=20)
EMAIL_CHANGE_LINK_LIFETIME = env.int("EMAIL_CHANGE_LINK_LIFETIME", default=2 * 24 * 60 * 60)

DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="demo-password")
# Where users reach the app: links in emails sent by workers (no request there).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"forbidden_one_line": {"()": "qontak_broadcast.log.ForbiddenOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "django.request": {"filters": ["forbidden_one_line"]},
        # django-axes logs every attempt at INFO; lockouts are WARNING.
        "axes": {"level": "WARNING"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
# Exponential back-off (django-otp throttling) after consecutive wrong codes
# across all of a user's challenges: delays of factor * 2^(n-1) seconds.
# 0 turns it off; the per-code limit of OTP_MAX_ATTEMPTS always applies.
OTP_THROTTLE_FACTOR = env.int("OTP_THROTTLE_FACTOR", default=1)
# Wrong codes per user across all challenges: a short window, and a day past
# which the user's code actions are locked until an Admin unlocks them (or a day passes).
OTP_WRONG_CODES_PER_WINDOW = env.int("OTP_WRONG_CODES_PER_WINDOW", default=25)
OTP_WRONG_CODES_WINDOW = env.int("OTP_WRONG_CODES_WINDOW", default=15 * 60)
OTP_WRONG_CODES_PER_DAY = env.int("OTP_WRONG_CODES_PER_DAY", default=50)

# --- WhatsApp Business Platform (the `meta` approval provider) -------------
META_GRAPH_API_URL = env.str("META_GRAPH_API_URL", default="https://graph.facebook.com")
META_GRAPH_API_VERSION = env.str("META_GRAPH_API_VERSION", default="v23.0")
META_APP_SECRET = env.str("META_APP_SECRET", default="")
META_WEBHOOK_VERIFY_TOKEN = env.str("META_WEBHOOK_VERIFY_TOKEN", default="")
META_HTTP_TIMEOUT = env.float("META_HTTP_TIMEOUT", default=10.0)

# --- Submissions ----------------------------------------------------------
# WhatsApp allows 100 template creations per hour per account; each language is one.
SUBMISSIONS_PER_HOUR = env.int("SUBMISSIONS_PER_HOUR", default=100)
SUBMISSION_MAX_RETRIES = env.int("SUBMISSION_MAX_RETRIES", default=8)
# A claim older than this is taken to belong to a worker that died mid-send.
SUBMISSION_CLAIM_TIMEOUT = env.int("SUBMISSION_CLAIM_TIMEOUT", default=300)
STATUS_SYNC_INTERVAL = env.int("STATUS_SYNC_INTERVAL", default=15 * 60)
CELERY_BEAT_SCHEDULE = {
    "requeue-stranded-submissions": {
        "task": "templates_app.tasks.requeue_stranded_submissions",
        "schedule": 5 * 60,
    },
    "sync-template-statuses": {
        "task": "templates_app.tasks.sync_template_statuses",
        "schedule": STATUS_SYNC_INTERVAL,
    },
}
