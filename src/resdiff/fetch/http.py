"""HTTP GET with a timeout, retries with back-off, and one-line errors (the only HTTP client).

Uses the standard library's urllib, so fetching adds no dependency.
"""

from __future__ import annotations

import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from resdiff import __version__
from resdiff._settings import number_setting
from resdiff.errors import FetchError

logger = logging.getLogger(__name__)

# Seconds to wait for an answer, attempts before giving up, and the first pause between
# attempts (doubled each time). RESDIFF_TIMEOUT and RESDIFF_RETRY_DELAY override them.
TIMEOUT = 30.0
ATTEMPTS = 3
RETRY_DELAY = 1.0
# Answers worth asking again for: the server is busy or briefly broken.
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class Response:
    """What a server sent back: status, content type and body."""

    status: int
    content_type: str
    body: bytes


class NotFound(FetchError):
    """The server answered 404: the document does not exist there."""


def get(url: str, what: str) -> Response:
    """Download ``url``, trying again after network errors, time-outs and busy servers.

    Args:
        url: the address.
        what: what is being fetched, for messages ("E/RES/2021/25 (fr) from the ODS").

    Raises:
        NotFound: the server answered 404.
        FetchError: no answer after every attempt, or another HTTP error.
        SettingError: ``RESDIFF_TIMEOUT`` or ``RESDIFF_RETRY_DELAY`` is not a number.
    """
    timeout = number_setting("RESDIFF_TIMEOUT", TIMEOUT)
    delay = number_setting("RESDIFF_RETRY_DELAY", RETRY_DELAY)
    request = urllib.request.Request(url, headers={"User-Agent": f"resdiff/{__version__}"})
    problem = "no answer"
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                return Response(answer.status, answer.headers.get_content_type(), answer.read())
        except urllib.error.HTTPError as exc:
            exc.close()  # the error holds the open answer
            if exc.code == 404:
                message = f"{what}: not found (HTTP 404); check the symbol and language"
                raise NotFound(message) from None
            if exc.code not in _RETRY_STATUSES:
                raise FetchError(f"{what}: the server answered HTTP {exc.code}") from None
            problem = f"HTTP {exc.code}"
        except TimeoutError:
            problem = f"no answer within {timeout:g} s"
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                problem = f"no answer within {timeout:g} s"
            else:
                problem = str(getattr(reason, "strerror", None) or reason)
        except (ConnectionError, OSError) as exc:
            problem = exc.strerror or str(exc)
        logger.info("%s: attempt %d of %d failed (%s)", what, attempt, ATTEMPTS, problem)
        if attempt < ATTEMPTS:
            time.sleep(delay * 2 ** (attempt - 1))
    raise FetchError(
        f"{what}: cannot download it ({problem}, {ATTEMPTS} attempts); "
        "check your internet connection and try again"
    )
