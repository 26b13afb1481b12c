"""Django's Redis cache with one Redis client per connection pool instead of one per call.

Django's RedisCacheClient.get_client() builds a new `redis.Redis` for every
cache operation, and each copies redis-py's table of about 170 response
callbacks: on a signed-in page that read only its session it was 7% of the
request. A `redis.Redis` is safe to share between threads (each command
takes a connection from the pool), so the client is built once per pool.
Everything else (pools, serializer, options, behaviour when Redis is down)
is Django's.
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
