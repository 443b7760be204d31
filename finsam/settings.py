"""Finsam settings: one module, configured from the environment (see .env.example)."""

import datetime
from pathlib import Path

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Values already in the environment win over the file (CI, production).
environ.Env.read_env(env.str("DJANGO_ENV_FILE", default=str(BASE_DIR / ".env")), overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Production (DEBUG off) refuses to start without a real key; only DEBUG and the test
# run may fall back to a throwaway one.
_INSECURE_KEY = "django-insecure-only-for-debug-and-tests"
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=_INSECURE_KEY if DEBUG else "")
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY saknas. Sätt den i miljön eller i .env (se .env.example)."
    )

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # The form widgets' templates through TEMPLATES (FORM_RENDERER below), so the project
    # can word the empty choice in Swedish.
    "django.forms",
    "django_tables2",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "finsam",
    "forbund",
    "insatser",
    "ekonomi",
    "rapporter",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from the app server (no separate web server needed).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # Reject oversized bodies before anything reads them.
    "finsam.middleware.UploadLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Inside the session middleware: indexes the user's session after the view has run.
    "forbund.middleware.SessionIndexMiddleware",
    # NUL in a parameter: 400 before any view or database sees it.
    "finsam.middleware.OgiltigaTeckenMiddleware",
    # Idle and absolute timeouts log the user out before LoginRequiredMiddleware decides.
    "finsam.middleware.SessionTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "forbund.middleware.TvaFaktorMiddleware",
    # A start password set by someone else must be changed before anything else.
    "finsam.middleware.StartlosenordMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a lockout into the Swedish lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out username+IP before the password is checked.
AUTHENTICATION_BACKENDS = [
    "finsam.auth.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "finsam.urls"
WSGI_APPLICATION = "finsam.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "forbund.context_processors.forbund",
            ],
            "builtins": ["finsam.templatetags.svenska"],
        },
    }
]

# Form widgets render through TEMPLATES: templates/django/forms/widgets/select_option.html
# shows Django's "---------" empty choice as "Välj …"; filters say "Alla".
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
FILTERS_EMPTY_CHOICE_LABEL = "Alla"
FILTERS_NULL_CHOICE_LABEL = "Uppgift saknas"

# SQLite in the project folder unless DATABASE_URL says otherwise (postgres://...).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent use: WAL lets readers run beside a writer; IMMEDIATE takes the write
    # lock at BEGIN so two writers queue (busy timeout) instead of failing mid-transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    DATABASES["default"].setdefault("TEST", {})
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# PostgreSQL in production: the app connects as a role that owns nothing (DATABASE_URL);
# `make migrate` sets FINSAM_MIGRERA and connects as the schema owner
# (DATABASE_MIGRATE_URL), which then grants the app role its rights (finsam/dbroll.py).
FINSAM_DB_APPROLL = ""
if env("DATABASE_MIGRATE_URL", default=""):
    FINSAM_DB_APPROLL = DATABASES["default"].get("USER", "")
    if env.bool("FINSAM_MIGRERA", default=False):
        DATABASES["default"].update(env.db("DATABASE_MIGRATE_URL"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Production: collectstatic writes hashed, compressed files that whitenoise serves with
# far-future cache headers. DEBUG (and the test run) use the plain storage, no manifest.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Underlag and protokoll are private: kept outside static files, served only through
# views that check the user's förbund.
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media-privat/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
FINSAM_MAX_UPLOAD_BYTES = env.int("FINSAM_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
# SIE files above this size are imported by a background task with a progress page
# (ekonomi.sie.bakgrund); smaller ones in the request (about 25 000 rows a megabyte).
FINSAM_SIE_BAKGRUND_BYTES = env.int("FINSAM_SIE_BAKGRUND_BYTES", default=1024 * 1024)
# Key for the HMAC signature of backup manifests (backup_data/restore_data refuse to
# run without it; a restore refuses a manifest not signed with it).
FINSAM_BACKUP_KEY = env("FINSAM_BACKUP_KEY", default="")
# Background tasks (draft report PDFs): Django's tasks API through the django-tasks
# backport. Production: the database backend (SQLite or PostgreSQL, no other server) and
# one worker, `manage.py db_worker` (README: Drift, systemd unit). DEBUG (`make run`) runs
# each task at once inside the request, so no extra command is needed locally.
TASKS = {
    "default": {
        "BACKEND": env(
            "FINSAM_TASKS_BACKEND",
            default=(
                "django_tasks.backends.immediate.ImmediateBackend"
                if DEBUG
                else "django_tasks_db.DatabaseBackend"
            ),
        ),
    }
}
# Report PDFs are rendered in a child process with these limits (rapporter/sandlada.py):
# wall-clock and CPU seconds, and the child's address space in MiB.
FINSAM_PDF_TIDSGRANS = env.float("FINSAM_PDF_TIDSGRANS", default=120.0)
FINSAM_PDF_MINNE_MB = env.int("FINSAM_PDF_MINNE_MB", default=1536)
# Hard cap on any request body (413 before it is read): the file limit plus room for fields.
FINSAM_MAX_REQUEST_BYTES = env.int(
    "FINSAM_MAX_REQUEST_BYTES", default=FINSAM_MAX_UPLOAD_BYTES + 2 * 1024 * 1024
)
# Cells with fewer participants than this are shown as "<N" in published statistics.
FINSAM_SMA_CELLER = env.int("FINSAM_SMA_CELLER", default=5)
# Protected statistics (roles without participant rights) round every count to this base.
FINSAM_AVRUNDNINGSBAS = env.int("FINSAM_AVRUNDNINGSBAS", default=5)

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
# Sessions live in the database, so any app server behind a load balancer can serve any
# request (no sticky sessions, no state on the app servers).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Absolute lifetime from login (enforced by finsam.middleware.SessionTimeoutMiddleware, also
# the cookie's age) and idle timeout: no request for this long logs the user out.
SESSION_COOKIE_AGE = env.int("FINSAM_SESSION_MAX_SECONDS", default=8 * 3600)
FINSAM_SESSION_IDLE_SECONDS = env.int("FINSAM_SESSION_IDLE_SECONDS", default=30 * 60)

# Login throttling (django-axes): failures are counted per username *and* IP together, so
# someone guessing from elsewhere cannot lock a real user out of their own computer; the
# lock lifts by itself after the cool-off. Counted in the database: shared by all app
# servers.
AXES_ENABLED = env.bool("FINSAM_AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("FINSAM_AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("FINSAM_AXES_COOLOFF_MINUTES", default=15))
# Password spraying (one guess each at many usernames) never reaches the per-username limit,
# so one IP's failures across all usernames are counted too, with a higher limit
# (FINSAM_AXES_IP_FAILURE_LIMIT): a whole office behind one address is not locked by one
# user's typos. The order matters: finsam.auth.AxesHandler reads [username+IP, IP].
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "finsam.auth.AxesHandler"
FINSAM_AXES_IP_FAILURE_LIMIT = env.int("FINSAM_AXES_IP_FAILURE_LIMIT", default=20)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lasd.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# Behind a load balancer: how many proxies add themselves to X-Forwarded-For (0 = none,
# use REMOTE_ADDR). Never trust the header from the internet directly.
AXES_IPWARE_PROXY_COUNT = env.int("FINSAM_PROXY_COUNT", default=0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# E-mail (invitations, password reset, deadline reminders, approval notices) through
# Django's mail framework: EMAIL_URL is an SMTP URL (smtp+tls://user:pass@host:587). With
# DEBUG (`make run`) the default prints mails on the console; the test run uses locmem.
vars().update(
    env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="Finsam <finsam@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address users reach the app at, for links in mails sent outside a request (the daily
# reminder command). Links in mails sent from a page use that request's own address.
FINSAM_BASE_URL = env.str("FINSAM_BASE_URL", default="http://127.0.0.1:8000")
# An invitation link is valid this long (seconds), and only once.
FINSAM_INBJUDAN_GILTIG_SEKUNDER = env.int("FINSAM_INBJUDAN_GILTIG_SEKUNDER", default=7 * 24 * 3600)
# Django's password reset link (seconds).
PASSWORD_RESET_TIMEOUT = env.int("FINSAM_LOSENORD_LANK_SEKUNDER", default=24 * 3600)

# Two-factor login (TOTP) for förbundschef and systemadministratör. On by default in
# production, off by default with DEBUG so the demo logins of `make run` stay one step.
FINSAM_KRAV_2FA = env.bool("FINSAM_KRAV_2FA", default=not DEBUG)
OTP_TOTP_ISSUER = "Finsam"
OTP_TOTP_THROTTLE_FACTOR = 1

# Content Security Policy: nothing but our own origin; no inline script or style, no
# framing, forms post only to us.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

DJANGO_TABLES2_TEMPLATE = "_partials/table.html"

# Logs go to stderr (gunicorn and systemd/journald collect them); one line per event.
# Security events (lockouts, 2FA failures, timeouts) are logged by axes and finsam.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # WeasyPrint and fontTools report every layout step at INFO: noise in server logs.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
