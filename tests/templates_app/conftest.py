import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test stores media samples in its own folder."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
