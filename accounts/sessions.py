"""Sessions read from the cache and kept in the database (Django's cached_db), the cache only a speed-up.

Every page reads the session: from Redis that costs a GET instead of a
database query. Redis may go away without taking the product with it:

- reading or writing a session while Redis is down goes to the database
  alone (pages and logging in keep working);
- a session that ends (logout, signing in as someone else, switching
  organization) is removed from the cache first. When the cache cannot be
  reached nothing is removed and the request answers 503 ("try again"): a
  signed-out session must never come back from the cache with Redis. The
  only exception is the key a login replaces while nobody was signed in
  with it: it held nothing worth taking.
"""

import logging

from django.contrib.auth import SESSION_KEY as USER_SESSION_KEY
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.utils.translation import gettext

from qontak_broadcast.availability import ServiceUnavailable

logger = logging.getLogger(__name__)


class SessionStore(cached_db.SessionStore):
    _cycling = False

    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception:  # noqa: BLE001 - the cache is a speed-up; the database has the session
            logger.warning("Session cache unreachable: reading the session from the database")
            data = None
        if data is not None:
            return data
        stored = self._get_session_from_db()
        if not stored:
            return {}
        data = self.decode(stored.session_data)
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=stored.expire_date))
        except Exception:  # noqa: BLE001
            logger.warning("Session cache unreachable: the session was not cached")
        return data

    def exists(self, session_key):
        try:
            if session_key and (self.cache_key_prefix + session_key) in self._cache:
                return True
        except Exception:  # noqa: BLE001
            logger.warning("Session cache unreachable: checking the session key in the database")
        return DBStore.exists(self, session_key)

    def cycle_key(self):
        # The old key leaves the cache before anything changes (and Django's cycle_key then removes it from the
        # database): a rotated-away key must not come back from the cache either.
        if self.session_key:
            self._uncache(self.session_key, required=USER_SESSION_KEY in self._get_session())
        self._cycling = True
        try:
            super().cycle_key()
        finally:
            self._cycling = False

    def flush(self):
        # Removed first: when that cannot be done the session stays exactly as it was.
        self.delete(self.session_key)
        self.clear()
        self._session_key = None

    def delete(self, session_key=None):
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        if not self._cycling:
            self._uncache(session_key, required=True)
        DBStore.delete(self, session_key)

    def _uncache(self, session_key: str, *, required: bool) -> None:
        try:
            self._cache.delete(self.cache_key_prefix + session_key)
        except Exception as exc:  # noqa: BLE001
            if required:
                raise ServiceUnavailable(
                    gettext(
                        "We can't %(action)s right now because a background service is unreachable. "
                        "Nothing was changed; please try again in a minute."
                    )
                    % {"action": gettext("end your session")}
                ) from exc
            logger.warning("Session cache unreachable: an anonymous session key was removed from the database only")
