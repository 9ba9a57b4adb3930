"""gunicorn settings: `gunicorn -c config/gunicorn.py config.wsgi` (what `make serve` runs).

Workers are processes: 2 × cores + 1 is gunicorn's own rule of thumb and suits this app, whose requests
wait on the database and cache rather than compute. On a 2-core machine that is 5 workers.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak can never take a server down.
max_requests = 5000
# Workers share the load evenly, so with a small jitter they all reach the limit and restart together (p99 spikes).
max_requests_jitter = max_requests // 2
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", None)
errorlog = "-"
# Behind a TLS proxy on the same host, trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
