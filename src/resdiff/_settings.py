"""Settings read from the environment (``RESDIFF_TIMEOUT``…), checked with one-line errors.

>>> import os
>>> os.environ["RESDIFF_EXAMPLE"] = "2.5"
>>> number_setting("RESDIFF_EXAMPLE", 30.0)
2.5
>>> os.environ["RESDIFF_EXAMPLE"] = "abc"
>>> number_setting("RESDIFF_EXAMPLE", 30.0)  # doctest: +ELLIPSIS
Traceback (most recent call last):
  ...
resdiff.errors.SettingError: RESDIFF_EXAMPLE='abc' is not a number of seconds; ...
>>> del os.environ["RESDIFF_EXAMPLE"]
"""

from __future__ import annotations

import math
import os

from resdiff.errors import SettingError


def number_setting(name: str, default: float) -> float:
    """A positive number of seconds from the environment variable ``name``, else ``default``.

    Raises:
        SettingError: the variable is set to something else than a positive number.
    """
    text = os.environ.get(name)
    if text is None or not text.strip():
        return default
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise SettingError(
            f"{name}={text!r} is not a number of seconds; set it to a positive number such as "
            f"{default:g}, or unset it"
        )
    return value
