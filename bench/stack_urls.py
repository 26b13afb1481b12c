"""The product's URLs plus /bench/bare/: the baseline of every stack benchmark figure.

The bare view goes through the same gunicorn, WSGI handler and middleware as
every page and returns a few bytes without touching the database.
"""

from django.http import HttpResponse
from django.urls import path

from qontak_broadcast.urls import urlpatterns as product_urlpatterns


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *product_urlpatterns]
