"""The product's settings for the stack benchmarks, plus one bare view (bench/stack_urls.py).

Everything else (middleware, database, cache, broker, email, security) is
exactly what qontak_broadcast/settings.py reads from the environment.
"""

from qontak_broadcast.settings import *  # noqa: F403

ROOT_URLCONF = "bench.stack_urls"
