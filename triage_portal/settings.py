"""Settings for the SSC Triage Portal, all read from the environment.

DJANGO_ENV=production switches on the production mode, which refuses to start without a
real SECRET_KEY and turns on HTTPS-only cookies and headers. Every variable is listed in
README.md.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from triage_portal.audit.keys import DEVELOPMENT_AUDIT_HMAC_KEYS, current_key_id, parse_audit_keys
from triage_portal.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PORTAL_VAR_DIR", str(BASE_DIR / "var")))

DJANGO_ENV = env_str("DJANGO_ENV", "development").strip().lower()
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'development' or 'production'")
PRODUCTION = DJANGO_ENV == "production"

DEVELOPMENT_SECRET_KEY = "development-only-insecure-key-do-not-use-in-production"  # noqa: S105 -- a marker the production mode refuses
SECRET_KEY = env_str("SECRET_KEY", "" if PRODUCTION else DEVELOPMENT_SECRET_KEY)
if PRODUCTION and (
    not SECRET_KEY
    or SECRET_KEY == DEVELOPMENT_SECRET_KEY
    or len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
):
    raise ImproperlyConfigured(
        "Production mode needs a real SECRET_KEY: at least 50 random characters. Generate one with "
        "python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )

DEBUG = env_bool("DJANGO_DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured(
        "DJANGO_DEBUG cannot be true in production: debug pages show settings, code and data to "
        "anyone who causes an error. Unset DJANGO_DEBUG, or run without DJANGO_ENV=production."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "django_tasks_db",
    "triage_portal",
    "triage_portal.accounts",
    "triage_portal.audit",
    "triage_portal.notices",
    "triage_portal.perf",
    "usecases",
    "assessments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "triage_portal.observability.RequestLogMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Before the session: a stored page is checked against the session row itself.
    "triage_portal.perf.page_cache.PageCacheMiddleware",
    # Facts asked many times in a request (the user's seats) are worked out once.
    "triage_portal.perf.memo.RequestMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After CommonMiddleware, which refuses a host not in ALLOWED_HOSTS: e-mailed links made
    # while answering a request point at the host and port it came to (triage_portal/links.py).
    "triage_portal.links.RequestOriginMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "triage_portal.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "triage_portal.urls"
WSGI_APPLICATION = "triage_portal.wsgi.application"

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
                "triage_portal.context_processors.portal",
            ],
        },
    },
    {
        # Django's own Jinja2 backend, for the few hot fragments a Django template includes
        # with {% jinja_fragment %} (triage_portal/perf/README.md). Templates: <app>/jinja2/.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "triage_portal.perf.jinja_env.environment"},
    },
]

DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DB_CONN_MAX_AGE", 600),
            conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", default=True),
        )
    }
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # Django's own cursors bind parameters on the client and never prepare; this lets the
        # page cache's one check per request (triage_portal/perf/freshness.py) be prepared once
        # per connection. Turn it off behind a pooler that cannot keep prepared statements.
        prepared = env_bool("DB_PREPARED_STATEMENTS", default=True)
        DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = (
            5 if prepared else None
        )
        # Off by default: with the parameters bound on the server, psycopg prepares Django's
        # statements too, and PostgreSQL may then give one a generic plan for any values. On
        # skewed columns a generic plan guesses badly: `status = $1` became half of ten years'
        # votes, and a 0.1 ms query took 3 ms (docs/performance.md).
        DATABASES["default"]["OPTIONS"]["server_side_binding"] = prepared and env_bool(
            "DB_SERVER_SIDE_BINDING", default=False
        )
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            # Kept open between requests, as PostgreSQL's are: opening a file and setting WAL
            # costs more than a page served from the page cache.
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 600),
            "OPTIONS": {
                # Wait for a writer to finish instead of failing with "database is locked".
                "timeout": env_int("SQLITE_BUSY_TIMEOUT_SECONDS", 20),
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Backups (triage_portal/backups.py): JSON that keeps text exactly and times to the microsecond.
SERIALIZATION_MODULES = {"exactjson": "triage_portal.exact_json"}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out account is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "triage_portal.accounts.backends.PortalModelBackend",
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
# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT failures for one e-mail address from
# one IP address, that pair is locked out for AXES_COOLOFF_MINUTES. A success resets the count.
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "triage_portal.accounts.views.sign_in_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "triage_portal.accounts.views.locked_out"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0) or None
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:signed-out"
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 60 * 60 * 24)

# Sessions end after this many seconds without a request (each request renews the cookie).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 2)
SESSION_SAVE_EVERY_REQUEST = True
# Renews the idle expiry without a database write on every page view (see the module).
SESSION_ENGINE = "triage_portal.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# A web worker does its first PDF's one-off work (WeasyPrint, fonts, the process diagram) before
# it takes a request (triage_portal/warm_up.py, called by wsgi.py). The functions are named here
# so that triage_portal imports none of the apps above it.
PORTAL_WARM_UP_ON_START = env_bool("PORTAL_WARM_UP_ON_START", default=PRODUCTION)
PORTAL_WARM_UP = env_list("PORTAL_WARM_UP", ["usecases.presentation.diagram_print.diagram_forms"])

# Signed-in pages and costly figures kept until anything changes (triage_portal/perf/README.md).
# Each worker keeps its own by default: what is kept is keyed on the change stamp, which database
# triggers move on every write, so no worker needs telling when something changes. 0 seconds turns the cache off.
PORTAL_PAGE_CACHE_SECONDS = env_int("PORTAL_PAGE_CACHE_SECONDS", 300)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": env_str("PAGE_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": env_str("PAGE_CACHE_LOCATION", "pages"),
        "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_MAX_ENTRIES", 500)},
    },
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise serves from here once collected
# Uploads live outside the web root and are only ever served by a view that checks access.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Static files are served by WhiteNoise, compressed and with hashed names in production (run
# collectstatic first; scripts/serve does). Uploads go through Django's storage API: set
# DEFAULT_STORAGE_BACKEND (e.g. storages.backends.s3.S3Storage) for shared storage.
STORAGES = {
    "default": {
        "BACKEND": env_str("DEFAULT_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

EMAIL_BACKEND_PATH = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER"),
        "password": env_str("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS", default=False),
        "timeout": env_int("EMAIL_TIMEOUT", 20),
    }
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "SSC Triage Portal <no-reply@ssc-portal.invalid>"
)
SECRETARIAT_EMAIL = env_str("SECRETARIAT_EMAIL", "ssc-secretariat@ssc-portal.invalid")
# Where e-mailed links point when no request is being answered (scheduled jobs, background
# tasks); a link made while answering a request uses that request's host (triage_portal/links.py).
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", "http://127.0.0.1:8000")

# Background work: immediate in development (nothing extra to start); in production the
# database backend, worked by `python manage.py db_worker` (scripts/serve starts one).
TASKS = {
    "default": {
        "BACKEND": env_str(
            "TASKS_BACKEND",
            "django_tasks_db.DatabaseBackend"
            if PRODUCTION
            else "django.tasks.backends.immediate.ImmediateBackend",
        ),
        # "annexes": preparing attached PDFs (up to ATTACHMENT_PDF_PREPARE_SECONDS each), worked
        # by a worker of its own (scripts/serve), so e-mail and packs never wait behind it.
        "QUEUES": ["default", "annexes"],
    }
}
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 5)
TASK_RETRY_BASE_SECONDS = env_int("TASK_RETRY_BASE_SECONDS", 60)
# A task still RUNNING after this long was abandoned by a worker that stopped (run_scheduled
# marks it FAILED, so it can be run again); packs and e-mails take seconds to minutes.
TASK_ABANDONED_MINUTES = env_int("TASK_ABANDONED_MINUTES", 30)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Health checks answer over plain HTTP too, so a load balancer can probe the app directly.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# Errors go to Sentry when SENTRY_DSN is set (needs `pip install sentry-sdk`).
SENTRY_DSN = env_str("SENTRY_DSN")
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# LOG_FORMAT=json gives one JSON object per line (the default in production); text otherwise.
LOG_FORMAT = env_str("LOG_FORMAT", "json" if PRODUCTION else "text")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured("LOG_FORMAT must be 'json' or 'text'")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "triage_portal.observability.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # One line per request; set REQUEST_LOG_LEVEL=WARNING to silence it.
        "portal.requests": {
            "level": env_str("REQUEST_LOG_LEVEL", "INFO" if PRODUCTION else "WARNING")
        },
        "django.server": {"level": "WARNING" if PRODUCTION else "INFO"},
        "django.tasks": {"level": env_str("TASKS_LOG_LEVEL", "WARNING")},
        "weasyprint": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Portal rules that the domain research marks as assumptions ([GK?]/[INF]) are settings.
# A paper's Annex 1 prints the proposer's and supporters' contact details as the SSC template
# does (the seed paper, WHITE, carries them); false: only in AMBER and RED papers.
PORTAL_ANNEX_SHOWS_CONTACTS = env_bool("PORTAL_ANNEX_SHOWS_CONTACTS", default=True)
PORTAL_SHOW_DEMO_BANNER = env_bool("PORTAL_SHOW_DEMO_BANNER", default=not PRODUCTION)
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
# Uploaded PDFs are rewritten without actions, links, forms and files (triage_portal/pdf_worker.py),
# in a process with a time and memory limit; a page heavier than MAX_OPERATORS is drawn as a
# picture for the papers, in the background, within PREPARE_SECONDS (or the annex is refused).
ATTACHMENT_PDF_MAX_PAGES = env_int("ATTACHMENT_PDF_MAX_PAGES", 100)
ATTACHMENT_PDF_MAX_CONTENT_BYTES = env_int("ATTACHMENT_PDF_MAX_CONTENT_BYTES", 10 * 1024 * 1024)
ATTACHMENT_PDF_MAX_OPERATORS = env_int("ATTACHMENT_PDF_MAX_OPERATORS", 100_000)
ATTACHMENT_PDF_RASTER_DPI = env_int("ATTACHMENT_PDF_RASTER_DPI", 100)
ATTACHMENT_PDF_CHECK_SECONDS = env_int("ATTACHMENT_PDF_CHECK_SECONDS", 20)
ATTACHMENT_PDF_PREPARE_SECONDS = env_int("ATTACHMENT_PDF_PREPARE_SECONDS", 120)
ATTACHMENT_PDF_MEMORY_MB = env_int("ATTACHMENT_PDF_MEMORY_MB", 768)
# DOCX and XLSX: judged from the ZIP directory before anything is expanded.
ATTACHMENT_OFFICE_MAX_UNCOMPRESSED_BYTES = env_int(
    "ATTACHMENT_OFFICE_MAX_UNCOMPRESSED_BYTES", 100 * 1024 * 1024
)
ATTACHMENT_OFFICE_MAX_RATIO = env_int("ATTACHMENT_OFFICE_MAX_RATIO", 100)
ATTACHMENT_OFFICE_MAX_PARTS = env_int("ATTACHMENT_OFFICE_MAX_PARTS", 2000)
SUPPORT_LINK_MAX_AGE_DAYS = env_int("SUPPORT_LINK_MAX_AGE_DAYS", 14)
# How many supporting SEC Parties one proposal may name: each is e-mailed on submission, so
# without a limit one submission could make the portal e-mail any number of addresses.
PORTAL_MAX_SUPPORTERS = env_int("PORTAL_MAX_SUPPORTERS", 10)
# Whether a SEC Party may support a proposal from its own organisation (the 2019 seed paper shows
# E.ON supporting E.ON's). Off: support must come from another SEC Party (docs/security.md).
SUPPORT_FROM_PROPOSERS_ORGANISATION = env_bool("SUPPORT_FROM_PROPOSERS_ORGANISATION", False)
SIGNUP_LINK_MAX_AGE_HOURS = env_int("SIGNUP_LINK_MAX_AGE_HOURS", 48)
ANSWER_MAX_CHARS = env_int("ANSWER_MAX_CHARS", 200_000)
# Submission references, allocated at registration: {year} and {number} are filled in.
PORTAL_REFERENCE_FORMATS = {
    "USE_CASE": env_str("REFERENCE_FORMAT_USE_CASE", "UCR-{year}-{number:03d}"),
    "SC_MODIFICATION": env_str("REFERENCE_FORMAT_SC_MODIFICATION", "SCMR-{year}-{number:03d}"),
}
# Use Cases 001 to 004 were published before the portal; new ones continue the series.
PORTAL_LAST_USE_CASE_NUMBER = env_int("PORTAL_LAST_USE_CASE_NUMBER", 4)
# The classification a proposal gets at registration unless the secretariat chooses another.
PORTAL_DEFAULT_CLASSIFICATION = env_str("PORTAL_DEFAULT_CLASSIFICATION", "AMBER")
# The level a Use Case takes when it is published in SSC Guidance Part 2: the public one [INF].
PORTAL_PUBLISHED_CLASSIFICATION = env_str("PORTAL_PUBLISHED_CLASSIFICATION", "WHITE")
# Days before a due date on which reminders are sent (working days), and on the day itself.
PORTAL_REMINDER_WORKING_DAYS = env_int("PORTAL_REMINDER_WORKING_DAYS", 3)
# The committee that owns proposals, and how many business items a meeting takes [INF].
PORTAL_HOME_COMMITTEE = env_str("PORTAL_HOME_COMMITTEE", "SSC")
PORTAL_MAX_BUSINESS_ITEMS = env_int("PORTAL_MAX_BUSINESS_ITEMS", 12)
# The roster: a new term's length in months (24 for SSC members [S9]), and how many days before a
# term ends or vetting expires the secretariat and the member are reminded (once per lapse) [INF].
PORTAL_TERM_MONTHS = env_int("PORTAL_TERM_MONTHS", 24)
PORTAL_ROSTER_REMINDER_DAYS = env_int("PORTAL_ROSTER_REMINDER_DAYS", 30)
# Whether an alternate may vote by correspondence for their member [GK?].
PORTAL_ALTERNATES_VOTE_BY_CORRESPONDENCE = env_bool(
    "PORTAL_ALTERNATES_VOTE_BY_CORRESPONDENCE", default=False
)
# Markings on papers: TLP 1.0 words (WHITE) by default, or TLP 2.0 (TLP:CLEAR) [GK?].
PORTAL_TLP2_MARKINGS = env_bool("PORTAL_TLP2_MARKINGS", default=False)
# Two-factor sign-in (TOTP with backup codes) is required for the secretariat, the Chair, members
# and observers; proposers may opt in. Turning the requirement off is refused in production.
PORTAL_REQUIRE_2FA = env_bool("PORTAL_REQUIRE_2FA", default=True)
PORTAL_2FA_BACKUP_CODES = env_int("PORTAL_2FA_BACKUP_CODES", 10)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "SSC Triage Portal")
# seed_demo gives demo committee accounts a known authenticator key (development only).
PORTAL_DEMO_AUTHENTICATORS = env_bool("PORTAL_DEMO_AUTHENTICATORS", default=not PRODUCTION)
if PRODUCTION and not PORTAL_REQUIRE_2FA:
    raise ImproperlyConfigured(
        "PORTAL_REQUIRE_2FA cannot be turned off in production: committee roles see Amber and Red material"
    )
# The activity log is sealed with a keyed hash (HMAC-SHA256) whose keys live here, never in the
# database: "key id:base64 key" pairs, oldest first; new entries use AUDIT_HMAC_CURRENT_KID (the
# newest by default). Production refuses to start without real keys (triage_portal/audit/keys.py).
AUDIT_HMAC_KEYS = parse_audit_keys(
    env_str("AUDIT_HMAC_KEYS", "" if PRODUCTION else DEVELOPMENT_AUDIT_HMAC_KEYS),
    production=PRODUCTION,
)
AUDIT_HMAC_CURRENT_KID = current_key_id(AUDIT_HMAC_KEYS, env_str("AUDIT_HMAC_CURRENT_KID"))
# Issued papers, packs, minutes and decision letters are signed (PAdES) with the portal's key:
# PORTAL_SIGNING_KEY and PORTAL_SIGNING_CERT (each a file path or the PEM text; the certificate
# may be followed by its chain), with PORTAL_SIGNING_KEY_PASSPHRASE if the key is encrypted, or a
# PKCS#12 file in PORTAL_SIGNING_PKCS12 with PORTAL_SIGNING_PKCS12_PASSPHRASE. Certificates of
# earlier keys go in PORTAL_SIGNING_TRUSTED_CERTS, so the documents they signed still check.
# Production refuses to start without a key; development makes a self-signed one in
# PORTAL_SIGNING_DIR (triage_portal/signing.py).
PORTAL_SIGNING_KEY = env_str("PORTAL_SIGNING_KEY")
PORTAL_SIGNING_CERT = env_str("PORTAL_SIGNING_CERT")
PORTAL_SIGNING_KEY_PASSPHRASE = env_str("PORTAL_SIGNING_KEY_PASSPHRASE")
PORTAL_SIGNING_PKCS12 = env_str("PORTAL_SIGNING_PKCS12")
PORTAL_SIGNING_PKCS12_PASSPHRASE = env_str("PORTAL_SIGNING_PKCS12_PASSPHRASE")
PORTAL_SIGNING_TRUSTED_CERTS = env_str("PORTAL_SIGNING_TRUSTED_CERTS")
PORTAL_SIGNING_DIR = Path(env_str("PORTAL_SIGNING_DIR", str(VAR_DIR / "signing")))
if PRODUCTION and not (PORTAL_SIGNING_PKCS12 or (PORTAL_SIGNING_KEY and PORTAL_SIGNING_CERT)):
    raise ImproperlyConfigured(
        "Production mode needs the portal's signing key, which signs every paper, pack, minutes "
        "and decision letter it issues: PORTAL_SIGNING_KEY and PORTAL_SIGNING_CERT (paths or "
        "PEM), or PORTAL_SIGNING_PKCS12 with PORTAL_SIGNING_PKCS12_PASSPHRASE (README.md)"
    )
# The public "Check a document" page: the largest PDF it accepts, in megabytes.
PORTAL_DOCUMENT_CHECK_MAX_MB = env_int("PORTAL_DOCUMENT_CHECK_MAX_MB", 40)
# ... and the seconds its signature check may take (in a process of its own, with the memory
# limit of ATTACHMENT_PDF_MEMORY_MB); a file that takes longer is "not issued by this portal".
PORTAL_DOCUMENT_CHECK_SECONDS = env_int("PORTAL_DOCUMENT_CHECK_SECONDS", 10)
# `manage.py audit_checkpoint` (also run by run_scheduled) appends a signed checkpoint of the
# chain's head to a file here and e-mails it; keep the folder where the database's owner cannot
# rewrite it (another host, or a file with the append-only attribute: docs/security.md).
AUDIT_CHECKPOINT_DIR = Path(env_str("AUDIT_CHECKPOINT_DIR", str(VAR_DIR / "audit-checkpoints")))
AUDIT_CHECKPOINT_EMAIL = env_str("AUDIT_CHECKPOINT_EMAIL", SECRETARIAT_EMAIL)
# Rate limits ("COUNT/PERIOD", PERIOD m, h or d) per client address, and per e-mail address
# where one is typed, on the pages anyone can reach.
PORTAL_RATE_LIMITS_ENABLED = env_bool("PORTAL_RATE_LIMITS_ENABLED", default=True)
PORTAL_RATE_LIMITS = {
    "signup": env_str("RATE_LIMIT_SIGNUP", "5/h"),
    "password_reset": env_str("RATE_LIMIT_PASSWORD_RESET", "5/h"),
    "support_link": env_str("RATE_LIMIT_SUPPORT_LINK", "30/h"),
    "register_pdf": env_str("RATE_LIMIT_REGISTER_PDF", "30/h"),
    "document_check": env_str("RATE_LIMIT_DOCUMENT_CHECK", "30/h"),
    # Per e-mail address: how often an address is sent a new confirmation link, or told that
    # someone tried to sign up with it.
    "confirmation_resend": env_str("RATE_LIMIT_CONFIRMATION_RESEND", "3/h"),
    "existing_account_notice": env_str("RATE_LIMIT_EXISTING_ACCOUNT_NOTICE", "3/h"),
}
# Papers are tagged PDFs for screen readers: PDF/UA-1 (title, language, structure tree, bookmarks).
# An empty value gives untagged PDFs.
PORTAL_PDF_VARIANT = env_str("PORTAL_PDF_VARIANT", "pdf/ua-1")
# The REST API (/api/): personal tokens or the browser's session; pages of 50; errors field by field.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "triage_portal.accounts.api_tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "triage_portal.pagination.KeptCountPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "triage_portal.api_parsers.TextJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SSC Triage Portal API",
    "DESCRIPTION": (
        "Proposals, meetings, papers, decisions and the public registers, under the same "
        "Panel Information Policy as the pages: a list never holds what you may not see."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "TriStateEnum": "usecases.enums.TriState",
        "ClassificationEnum": "triage_portal.classification.Classification",
    },
}
