"""Settings for the exercise library.

Every value a deployment may change is read from the environment here, at the top, with a typed
default. Production is the default; development is opted into with DJANGO_DEBUG=1.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
REDIS_URL = os.environ.get("REDIS_URL", "")
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
SITE_LANGUAGE_CODES = env_list("SITE_LANGUAGES", "en,es")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
# The publish folder the front server serves public pages from; empty: no pages are published.
PUBLISH_ROOT = os.environ.get("PUBLISH_ROOT", "")
BEHIND_TLS_PROXY = env_bool("DJANGO_BEHIND_TLS_PROXY")
# How many proxies in front of the app append to X-Forwarded-For; 0 trusts only the connection's address.
TRUSTED_PROXIES = int(os.environ.get("DJANGO_TRUSTED_PROXIES", 0))
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"
LOGIN_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", 5))
LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO")
# Session and CSRF cookies only over HTTPS; `0` only for a local stack on plain http://127.0.0.1.
SECURE_COOKIES = env_bool("DJANGO_SECURE_COOKIES", True)

# Without a key the app server refuses to start (config/startup.py); management commands that need
# no key, such as migrate or makemigrations, still run.
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "insecure-development-key-only-used-with-DJANGO_DEBUG"

# Absolute links (canonical, hreflang, JSON-LD, sitemap, feeds) use this origin, never the request's Host
# header, so no visitor can poison a cached page. Unset in production: the first allowed host, over HTTPS.
if not SITE_URL and DEBUG:
    SITE_URL = "http://127.0.0.1:8000"
elif not SITE_URL and ALLOWED_HOSTS and "*" not in ALLOWED_HOSTS[0]:
    SITE_URL = f"https://{ALLOWED_HOSTS[0].lstrip('.')}"
site_url = urlsplit(SITE_URL)
if site_url.scheme not in ("http", "https") or not site_url.netloc or site_url.path or site_url.query:
    raise ImproperlyConfigured(
        f"SITE_URL must be an origin such as 'https://exercises.example.org', not {SITE_URL!r}. "
        "Set it when DJANGO_ALLOWED_HOSTS starts with a wildcard."
    )

unknown_languages = [code for code in SITE_LANGUAGE_CODES if code not in LANG_INFO]
if unknown_languages or not SITE_LANGUAGE_CODES:
    raise ImproperlyConfigured(
        f"SITE_LANGUAGES has unknown language codes: {', '.join(unknown_languages) or '(empty)'}. "
        "Use comma-separated codes such as 'en,es'."
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "taggit",
    "reversion",
    "axes",
    "csp",
    "exercises",
    "workouts",
    "pages",
    "hugo",
    "health",
    "siteidentity",
    "publisher",
]

MIDDLEWARE = [
    "exercises.log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "exercises.security.RejectNullBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and auth: a cached page is served without touching either.
    "exercises.caching.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "siteidentity.context_processors.site_identity",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while an import writes; the timeout waits out short write locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Search's typo tolerance: a word this similar counts as a match ("hamstirng" → "hamstring").
    SEARCH_TYPO_THRESHOLD = 0.45
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c pg_trgm.word_similarity_threshold={SEARCH_TYPO_THRESHOLD}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# An import writing at least this many rows refreshes PostgreSQL's planner statistics when it finishes (None: never).
PLANNER_STATISTICS_AFTER_ROWS = 500

# Each app server keeps its own copy of the content version for this long (an edit through another server shows
# here within it) and of the pages it served last, up to this size: a page-cache hit then needs no round trip.
PAGE_CACHE_LOCAL_SECONDS = float(os.environ.get("DJANGO_PAGE_CACHE_LOCAL_SECONDS", 0.5))
PAGE_CACHE_LOCAL_BYTES = int(os.environ.get("DJANGO_PAGE_CACHE_LOCAL_MB", 32)) * 1024 * 1024

# Public pages: how long a CDN may serve a page before asking again (browsers always revalidate).
CDN_MAX_AGE = int(os.environ.get("DJANGO_CDN_MAX_AGE", 60))

if REDIS_URL:
    CACHES = {
        "default": {
            # Behaves as an empty cache while Redis is unreachable; short timeouts make a dead Redis cost milliseconds.
            "BACKEND": "exercises.resilient_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: the first enabled one is the default and is served without a URL prefix.
LANGUAGES = [(code, LANG_INFO[code]["name"]) for code in SITE_LANGUAGE_CODES]
LANGUAGE_CODE = SITE_LANGUAGE_CODES[0]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# Uploads: Django refuses request bodies beyond this before any view reads them.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644
# Image renditions are made after the upload commits, in a background thread of the worker process.
RENDITIONS_IN_BACKGROUND = True
# With Redis, pages are published by `manage.py publish_worker` from an RQ queue; without it, right after the
# commit in a thread of the same process.
PUBLISH_WITH_QUEUE = bool(REDIS_URL)
PUBLISH_IN_BACKGROUND = True

# Tags: "Hip Flexors", "hip flexors" and "hip-flexors" are one tag (looked up by slug).
TAGGIT_CASE_INSENSITIVE = True

# Security headers. HTTPS-only settings apply when not debugging.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = SECURE_COOKIES
    CSRF_COOKIE_SECURE = SECURE_COOKIES
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

# Content Security Policy: no inline or third-party script; YouTube only as a thumbnail and, after the
# visitor presses play, as a youtube-nocookie.com frame. JSON-LD is a data block, not a script CSP runs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # The admin sets a few inline style attributes; styles cannot run code.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "https://i.ytimg.com"],
        "frame-src": ["https://www.youtube-nocookie.com"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Brute-force protection for the admin login, each with its own limit of failures within the cool-off hour:
# a user name from one address; a user name from any addresses (a guesser rotating addresses); an
# address trying any user names (a sprayer), higher than the first so colleagues behind one NAT can mistype.
LOGIN_LOCKOUTS = [
    (["username", "ip_address"], LOGIN_FAILURE_LIMIT),
    ("username", 4 * LOGIN_FAILURE_LIMIT),
    ("ip_address", 4 * LOGIN_FAILURE_LIMIT),
]
AXES_HANDLER = "exercises.security.LoginAttemptHandler"
AXES_LOCKOUT_PARAMETERS = [parameters for parameters, _ in LOGIN_LOCKOUTS]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "exercises.security.client_ip"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "exercises.log.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    # JSON lines for log collectors in production; plain lines for a person at a development console.
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain" if DEBUG else "json"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "exercises": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # One line per request is useful in production and noise in a development console.
        "exercises.requests": {"handlers": ["console"], "level": "WARNING" if DEBUG else LOG_LEVEL, "propagate": False},
    },
}

# Whole-site import: which content type a Hugo section (the first folder below the language) holds.
# Sections not listed hold pages; `type: exercise|workout|page` in a file's front matter overrides this.
CONTENT_SECTIONS = {
    "exercises": "exercise",
    "ejercicios": "exercise",
    "workouts": "workout",
    "entrenamientos": "workout",
}
# Page layouts (`layout:` or `type:` in front matter) that this site replaces with its own feature.
PAGE_FEATURES = {
    "generator": "workout-builder",
    "workout-generator": "workout-builder",
    "workout-builder": "workout-builder",
}

# The site name until an editor sets one in the admin (Site identity).
SITE_NAME = _("Exercise Library")
