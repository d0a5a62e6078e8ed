"""Integrity of a store: check it against its sources, regenerate it, record human corrections.

- :func:`verify`: every version's source matches its sha256, every canonical unit file is
  what the current pipeline makes from the source or a recorded human correction, and no
  unit file is missing or extra.
- :func:`plan_rebuild` / :func:`rebuild`: regenerate canonical files from the sources after
  a pipeline improvement, never overwriting a human correction unless forced; one commit.
- :func:`correct`: replace a unit's text by hand and record it as a correction.

A human correction is recorded per language in ``meta.json`` as ``"corrections": {"op3":
"<sha256 of the corrected unit file>"}``; each unit's own ``"sha256"`` is the text the
pipeline made. A unit file matching neither was edited by hand without being recorded.
"""

from resdiff.integrity.correct import correct
from resdiff.integrity.rebuild import LanguagePlan, plan_rebuild, rebuild
from resdiff.integrity.verify import Verification, verify

__all__ = ["LanguagePlan", "Verification", "correct", "plan_rebuild", "rebuild", "verify"]
