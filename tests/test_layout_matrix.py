"""The layout matrix (issue 10): every layout of a text reads the same, every edit is found.

Texts and layouts live in ``tests/layouts/`` (made by ``scripts/make_layout_matrix.py``; see its
README). Every reading goes through ``resdiff.api.ingest_file`` (the committed OCR TSVs through
resdiff's own OCR layout rules); results are cached per process in
``tests/layout_matrix_core.py``, which ``scripts/layout_matrix.py`` shares to print the tables.

Checks, each parametrised:

- ``test_layout_is_read``: no layout of any text is refused;
- ``test_reading_matches_golden``: the golden transcription against every reading of it: no change;
- ``test_seed_matches_reading``: the OCR seed of E/RES/2021/25 (the stored source) against every
  layout of the golden French text: no change;
- ``test_identity_pair``: the same text in layout X against layout Y: no change;
- ``test_constructed_edits``: each constructed variant in one layout against its original in the
  next layout: exactly the changes of its ``expected.json`` (status, moved flag, pairing).

Today's segmenter fails many of these. Each failing parametrisation is listed in
``PENDING_SEGMENTER`` (id -> today's failure, printed by ``scripts/layout_matrix.py --pending``)
and marked as a strict xfail: as soon as one passes, the suite fails and says so — remove it
from the dict. The goal of issue 10 is an empty dict.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from resdiff.ingest.layout import Page
from resdiff.ingest.pdf import text_pages
from tests import layout_matrix_core as core

# fmt: off
# Parametrisations that fail on today's segmenter (scripts/layout_matrix.py --pending).
PENDING_SEGMENTER: dict[str, str] = {
    'test_layout_is_read[constructed-en:pdftotext.txt]': 'refused: pdftotext.txt has no recognisable resolution str...',
    'test_layout_is_read[constructed-en:web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_layout_is_read[constructed-en:word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_layout_is_read[constructed-en:superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_layout_is_read[constructed-earlier-draft:web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_layout_is_read[constructed-earlier-draft:word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_layout_is_read[constructed-earlier-draft:superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_layout_is_read[constructed-en-earlier-draft:pdftotext.txt]': 'refused: pdftotext.txt has no recognisable resolution str...',
    'test_layout_is_read[constructed-en-earlier-draft:web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_layout_is_read[constructed-en-earlier-draft:word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_layout_is_read[constructed-en-earlier-draft:superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_layout_is_read[constructed-en-number-date-changed:pdftotext.txt]': 'refused: pdftotext.txt has no recognisable resolution str...',
    'test_layout_is_read[constructed-en-number-date-changed:web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_layout_is_read[constructed-en-number-date-changed:word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_layout_is_read[constructed-en-number-date-changed:superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_layout_is_read[constructed-en-op-word-reworded:pdftotext.txt]': 'refused: pdftotext.txt has no recognisable resolution str...',
    'test_layout_is_read[constructed-en-op-word-reworded:web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_layout_is_read[constructed-en-op-word-reworded:word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_layout_is_read[constructed-en-op-word-reworded:superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_layout_is_read[constructed-number-date-changed:web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_layout_is_read[constructed-number-date-changed:word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_layout_is_read[constructed-number-date-changed:superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_layout_is_read[constructed-op-inserted:web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_layout_is_read[constructed-op-inserted:word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_layout_is_read[constructed-op-inserted:superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_layout_is_read[constructed-op-verb-changed:web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_layout_is_read[constructed-op-verb-changed:word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_layout_is_read[constructed-op-verb-changed:superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_layout_is_read[constructed-op-word-reworded:web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_layout_is_read[constructed-op-word-reworded:word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_layout_is_read[constructed-op-word-reworded:superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_layout_is_read[constructed-paragraph-deleted:web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_layout_is_read[constructed-paragraph-deleted:word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_layout_is_read[constructed-paragraph-deleted:superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_layout_is_read[constructed-paragraph-moved:web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_layout_is_read[constructed-paragraph-moved:word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_layout_is_read[constructed-paragraph-moved:superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_layout_is_read[constructed-paragraph-split:web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_layout_is_read[constructed-paragraph-split:word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_layout_is_read[constructed-paragraph-split:superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_layout_is_read[constructed-paragraphs-merged:web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_layout_is_read[constructed-paragraphs-merged:word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_layout_is_read[constructed-paragraphs-merged:superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_layout_is_read[constructed-pp-inserted:web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_layout_is_read[constructed-pp-inserted:word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_layout_is_read[constructed-pp-inserted:superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_layout_is_read[constructed-pp-moved-to-operative:web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_layout_is_read[constructed-pp-moved-to-operative:word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_layout_is_read[constructed-pp-moved-to-operative:superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_reading_matches_golden[E-RES-2021-25.fr:pdftotext.txt]': "28 spurious changes [('removed', False, ('title',), ()), ...",
    'test_reading_matches_golden[E-RES-2021-25.fr:pdftotext-layout.txt]': "17 spurious changes [('modified', False, ('title',), ('ti...",
    'test_reading_matches_golden[E-RES-2021-25.fr:web.txt]': "35 spurious changes [('removed', False, ('title',), ()), ...",
    'test_reading_matches_golden[E-RES-2021-25.fr:word.txt]': "38 spurious changes [('removed', False, ('title',), ()), ...",
    'test_reading_matches_golden[E-RES-2021-25.fr:notes-before-closing.txt]': "4 spurious changes [('modified', False, ('op14',), ('op14...",
    'test_reading_matches_golden[E-RES-2021-25.fr:superscripts.txt]': "35 spurious changes [('removed', False, ('title',), ()), ...",
    'test_reading_matches_golden[E-RES-2021-25.fr:stray-spaces.txt]': "8 spurious changes [('modified', False, ('pp8.d',), ('pp8...",
    'test_reading_matches_golden[E-RES-2021-25.fr:scan.txt]': "14 spurious changes [('added', False, (), ('pp8.a',)), ('...",
    'test_reading_matches_golden[E-RES-2021-25.fr:scan-ocr]': "2 spurious changes [('modified', False, ('op9',), ('op9',...",
    'test_reading_matches_golden[constructed-en:pdftotext.txt]': 'refused: pdftotext.txt has no recognisable resolution str...',
    'test_reading_matches_golden[constructed-en:pdftotext-layout.txt]': "16 spurious changes [('modified', False, ('title',), ('ti...",
    'test_reading_matches_golden[constructed-en:web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_reading_matches_golden[constructed-en:word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_reading_matches_golden[constructed-en:notes-before-closing.txt]': "5 spurious changes [('modified', False, ('pp16',), ('pp16...",
    'test_reading_matches_golden[constructed-en:notes-after-closing.txt]': "1 spurious changes [('modified', False, ('pp16',), ('pp16...",
    'test_reading_matches_golden[constructed-en:superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_reading_matches_golden[constructed-en:stray-spaces.txt]': "1 spurious changes [('modified', False, ('pp16',), ('pp16...",
    'test_reading_matches_golden[constructed-en:hyphenated.txt]': "1 spurious changes [('modified', False, ('pp16',), ('pp16...",
    'test_reading_matches_golden[constructed-en:scan.txt]': "14 spurious changes [('added', False, (), ('pp9',)), ('ad...",
    'test_reading_matches_golden[constructed-en:scan-ocr]': "1 spurious changes [('merged', False, ('op3', 'op4'), ('o...",
    'test_seed_matches_reading[pdftotext.txt]': "28 spurious changes [('removed', False, ('title',), ()), ...",
    'test_seed_matches_reading[pdftotext-layout.txt]': "17 spurious changes [('modified', False, ('title',), ('ti...",
    'test_seed_matches_reading[web.txt]': "35 spurious changes [('removed', False, ('title',), ()), ...",
    'test_seed_matches_reading[word.txt]': "38 spurious changes [('removed', False, ('title',), ()), ...",
    'test_seed_matches_reading[notes-before-closing.txt]': "4 spurious changes [('modified', False, ('op14',), ('op14...",
    'test_seed_matches_reading[superscripts.txt]': "35 spurious changes [('removed', False, ('title',), ()), ...",
    'test_seed_matches_reading[stray-spaces.txt]': "8 spurious changes [('modified', False, ('pp8.d',), ('pp8...",
    'test_seed_matches_reading[scan.txt]': "14 spurious changes [('added', False, (), ('pp8.a',)), ('...",
    'test_seed_matches_reading[scan-ocr]': "2 spurious changes [('modified', False, ('op9',), ('op9',...",
    'test_identity_pair[E-RES-2021-25.fr:ods.pdf~pdftotext.txt]': "28 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:ods.pdf~pdftotext-layout.txt]': "17 spurious changes [('modified', False, ('title',), ('ti...",
    'test_identity_pair[E-RES-2021-25.fr:ods.pdf~web.txt]': "35 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:ods.pdf~word.txt]': "38 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:ods.pdf~notes-before-closing.txt]': "4 spurious changes [('modified', False, ('op14',), ('op14...",
    'test_identity_pair[E-RES-2021-25.fr:ods.pdf~superscripts.txt]': "35 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:ods.pdf~stray-spaces.txt]': "8 spurious changes [('modified', False, ('pp8.d',), ('pp8...",
    'test_identity_pair[E-RES-2021-25.fr:ods.pdf~scan.txt]': "14 spurious changes [('added', False, (), ('pp8.a',)), ('...",
    'test_identity_pair[E-RES-2021-25.fr:ods.pdf~scan-ocr]': "2 spurious changes [('modified', False, ('op9',), ('op9',...",
    'test_identity_pair[E-RES-2021-25.fr:pdftotext.txt~pdftotext-layout.txt]': "24 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:pdftotext.txt~web.txt]': "21 spurious changes [('modified', False, ('title',), ('ti...",
    'test_identity_pair[E-RES-2021-25.fr:pdftotext.txt~word.txt]': "19 spurious changes [('modified', False, ('title',), ('ti...",
    'test_identity_pair[E-RES-2021-25.fr:pdftotext.txt~notes-before-closing.txt]': "25 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:pdftotext.txt~notes-after-closing.txt]': "28 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:pdftotext.txt~superscripts.txt]': "21 spurious changes [('modified', False, ('title',), ('ti...",
    'test_identity_pair[E-RES-2021-25.fr:pdftotext.txt~stray-spaces.txt]': "28 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:pdftotext.txt~hyphenated.txt]': "28 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:pdftotext.txt~scan.txt]': "38 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:pdftotext.txt~scan-ocr]': "28 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:pdftotext-layout.txt~web.txt]': "43 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:pdftotext-layout.txt~word.txt]': "42 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:pdftotext-layout.txt~notes-before-closing.txt]': "15 spurious changes [('modified', False, ('title',), ('ti...",
    'test_identity_pair[E-RES-2021-25.fr:pdftotext-layout.txt~notes-after-closing.txt]': "17 spurious changes [('modified', False, ('title',), ('ti...",
    'test_identity_pair[E-RES-2021-25.fr:pdftotext-layout.txt~superscripts.txt]': "43 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:pdftotext-layout.txt~stray-spaces.txt]': "24 spurious changes [('modified', False, ('title',), ('ti...",
    'test_identity_pair[E-RES-2021-25.fr:pdftotext-layout.txt~hyphenated.txt]': "17 spurious changes [('modified', False, ('title',), ('ti...",
    'test_identity_pair[E-RES-2021-25.fr:pdftotext-layout.txt~scan.txt]': "18 spurious changes [('modified', False, ('title',), ('ti...",
    'test_identity_pair[E-RES-2021-25.fr:pdftotext-layout.txt~scan-ocr]': "18 spurious changes [('modified', False, ('title',), ('ti...",
    'test_identity_pair[E-RES-2021-25.fr:web.txt~word.txt]': "4 spurious changes [('modified', False, ('op14',), ('op14...",
    'test_identity_pair[E-RES-2021-25.fr:web.txt~notes-before-closing.txt]': "38 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:web.txt~notes-after-closing.txt]': "35 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:web.txt~stray-spaces.txt]': "37 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:web.txt~hyphenated.txt]': "35 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:web.txt~scan.txt]': "46 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:web.txt~scan-ocr]': "36 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:word.txt~notes-before-closing.txt]': "35 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:word.txt~notes-after-closing.txt]': "38 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:word.txt~superscripts.txt]': "4 spurious changes [('modified', False, ('op14',), ('op14...",
    'test_identity_pair[E-RES-2021-25.fr:word.txt~stray-spaces.txt]': "40 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:word.txt~hyphenated.txt]': "38 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:word.txt~scan.txt]': "44 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:word.txt~scan-ocr]': "39 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:notes-before-closing.txt~notes-after-closing.txt]': "4 spurious changes [('modified', False, ('op14',), ('op14...",
    'test_identity_pair[E-RES-2021-25.fr:notes-before-closing.txt~superscripts.txt]': "38 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:notes-before-closing.txt~stray-spaces.txt]': "12 spurious changes [('modified', False, ('pp8.d',), ('pp...",
    'test_identity_pair[E-RES-2021-25.fr:notes-before-closing.txt~hyphenated.txt]': "4 spurious changes [('modified', False, ('op14',), ('op14...",
    'test_identity_pair[E-RES-2021-25.fr:notes-before-closing.txt~scan.txt]': "12 spurious changes [('added', False, (), ('pp8.a',)), ('...",
    'test_identity_pair[E-RES-2021-25.fr:notes-before-closing.txt~scan-ocr]': "5 spurious changes [('modified', False, ('op9',), ('op9',...",
    'test_identity_pair[E-RES-2021-25.fr:notes-after-closing.txt~superscripts.txt]': "35 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:notes-after-closing.txt~stray-spaces.txt]': "8 spurious changes [('modified', False, ('pp8.d',), ('pp8...",
    'test_identity_pair[E-RES-2021-25.fr:notes-after-closing.txt~scan.txt]': "14 spurious changes [('added', False, (), ('pp8.a',)), ('...",
    'test_identity_pair[E-RES-2021-25.fr:notes-after-closing.txt~scan-ocr]': "2 spurious changes [('modified', False, ('op9',), ('op9',...",
    'test_identity_pair[E-RES-2021-25.fr:superscripts.txt~stray-spaces.txt]': "37 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:superscripts.txt~hyphenated.txt]': "35 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:superscripts.txt~scan.txt]': "46 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:superscripts.txt~scan-ocr]': "36 spurious changes [('removed', False, ('title',), ()), ...",
    'test_identity_pair[E-RES-2021-25.fr:stray-spaces.txt~hyphenated.txt]': "8 spurious changes [('modified', False, ('pp8.d',), ('pp8...",
    'test_identity_pair[E-RES-2021-25.fr:stray-spaces.txt~scan.txt]': "20 spurious changes [('added', False, (), ('pp8.a',)), ('...",
    'test_identity_pair[E-RES-2021-25.fr:stray-spaces.txt~scan-ocr]': "9 spurious changes [('modified', False, ('pp8.d',), ('pp8...",
    'test_identity_pair[E-RES-2021-25.fr:hyphenated.txt~scan.txt]': "14 spurious changes [('added', False, (), ('pp8.a',)), ('...",
    'test_identity_pair[E-RES-2021-25.fr:hyphenated.txt~scan-ocr]': "2 spurious changes [('modified', False, ('op9',), ('op9',...",
    'test_identity_pair[E-RES-2021-25.fr:scan.txt~scan-ocr]': "14 spurious changes [('removed', False, ('pp8.a',), ()), ...",
    'test_identity_pair[constructed-en:ods.pdf~pdftotext.txt]': 'refused: pdftotext.txt has no recognisable resolution str...',
    'test_identity_pair[constructed-en:ods.pdf~pdftotext-layout.txt]': "16 spurious changes [('modified', False, ('title',), ('ti...",
    'test_identity_pair[constructed-en:ods.pdf~web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_identity_pair[constructed-en:ods.pdf~word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_identity_pair[constructed-en:ods.pdf~notes-before-closing.txt]': "5 spurious changes [('modified', False, ('pp16',), ('pp16...",
    'test_identity_pair[constructed-en:ods.pdf~notes-after-closing.txt]': "1 spurious changes [('modified', False, ('pp16',), ('pp16...",
    'test_identity_pair[constructed-en:ods.pdf~superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_identity_pair[constructed-en:ods.pdf~stray-spaces.txt]': "1 spurious changes [('modified', False, ('pp16',), ('pp16...",
    'test_identity_pair[constructed-en:ods.pdf~hyphenated.txt]': "1 spurious changes [('modified', False, ('pp16',), ('pp16...",
    'test_identity_pair[constructed-en:ods.pdf~scan.txt]': "14 spurious changes [('added', False, (), ('pp9',)), ('ad...",
    'test_identity_pair[constructed-en:ods.pdf~scan-ocr]': "1 spurious changes [('merged', False, ('op3', 'op4'), ('o...",
    'test_identity_pair[constructed-en:pdftotext.txt~pdftotext-layout.txt]': 'refused: pdftotext.txt has no recognisable resolution str...',
    'test_identity_pair[constructed-en:pdftotext.txt~web.txt]': 'refused: pdftotext.txt has no recognisable resolution str...',
    'test_identity_pair[constructed-en:pdftotext.txt~word.txt]': 'refused: pdftotext.txt has no recognisable resolution str...',
    'test_identity_pair[constructed-en:pdftotext.txt~notes-before-closing.txt]': 'refused: pdftotext.txt has no recognisable resolution str...',
    'test_identity_pair[constructed-en:pdftotext.txt~notes-after-closing.txt]': 'refused: pdftotext.txt has no recognisable resolution str...',
    'test_identity_pair[constructed-en:pdftotext.txt~superscripts.txt]': 'refused: pdftotext.txt has no recognisable resolution str...',
    'test_identity_pair[constructed-en:pdftotext.txt~stray-spaces.txt]': 'refused: pdftotext.txt has no recognisable resolution str...',
    'test_identity_pair[constructed-en:pdftotext.txt~hyphenated.txt]': 'refused: pdftotext.txt has no recognisable resolution str...',
    'test_identity_pair[constructed-en:pdftotext.txt~scan.txt]': 'refused: pdftotext.txt has no recognisable resolution str...',
    'test_identity_pair[constructed-en:pdftotext.txt~scan-ocr]': 'refused: pdftotext.txt has no recognisable resolution str...',
    'test_identity_pair[constructed-en:pdftotext-layout.txt~web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_identity_pair[constructed-en:pdftotext-layout.txt~word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_identity_pair[constructed-en:pdftotext-layout.txt~notes-before-closing.txt]': "13 spurious changes [('modified', False, ('title',), ('ti...",
    'test_identity_pair[constructed-en:pdftotext-layout.txt~notes-after-closing.txt]': "15 spurious changes [('modified', False, ('title',), ('ti...",
    'test_identity_pair[constructed-en:pdftotext-layout.txt~superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_identity_pair[constructed-en:pdftotext-layout.txt~stray-spaces.txt]': "15 spurious changes [('modified', False, ('title',), ('ti...",
    'test_identity_pair[constructed-en:pdftotext-layout.txt~hyphenated.txt]': "15 spurious changes [('modified', False, ('title',), ('ti...",
    'test_identity_pair[constructed-en:pdftotext-layout.txt~scan.txt]': "19 spurious changes [('modified', False, ('title',), ('ti...",
    'test_identity_pair[constructed-en:pdftotext-layout.txt~scan-ocr]': "17 spurious changes [('modified', False, ('title',), ('ti...",
    'test_identity_pair[constructed-en:web.txt~word.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_identity_pair[constructed-en:web.txt~notes-before-closing.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_identity_pair[constructed-en:web.txt~notes-after-closing.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_identity_pair[constructed-en:web.txt~superscripts.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_identity_pair[constructed-en:web.txt~stray-spaces.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_identity_pair[constructed-en:web.txt~hyphenated.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_identity_pair[constructed-en:web.txt~scan.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_identity_pair[constructed-en:web.txt~scan-ocr]': 'refused: web.txt has no recognisable resolution structure...',
    'test_identity_pair[constructed-en:word.txt~notes-before-closing.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_identity_pair[constructed-en:word.txt~notes-after-closing.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_identity_pair[constructed-en:word.txt~superscripts.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_identity_pair[constructed-en:word.txt~stray-spaces.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_identity_pair[constructed-en:word.txt~hyphenated.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_identity_pair[constructed-en:word.txt~scan.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_identity_pair[constructed-en:word.txt~scan-ocr]': 'refused: word.txt has no recognisable resolution structur...',
    'test_identity_pair[constructed-en:notes-before-closing.txt~notes-after-closing.txt]': "4 spurious changes [('modified', False, ('op14',), ('op14...",
    'test_identity_pair[constructed-en:notes-before-closing.txt~superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_identity_pair[constructed-en:notes-before-closing.txt~stray-spaces.txt]': "4 spurious changes [('modified', False, ('op14',), ('op14...",
    'test_identity_pair[constructed-en:notes-before-closing.txt~hyphenated.txt]': "4 spurious changes [('modified', False, ('op14',), ('op14...",
    'test_identity_pair[constructed-en:notes-before-closing.txt~scan.txt]': "13 spurious changes [('added', False, (), ('pp9',)), ('ad...",
    'test_identity_pair[constructed-en:notes-before-closing.txt~scan-ocr]': "6 spurious changes [('modified', False, ('pp16',), ('pp16...",
    'test_identity_pair[constructed-en:notes-after-closing.txt~superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_identity_pair[constructed-en:notes-after-closing.txt~scan.txt]': "15 spurious changes [('added', False, (), ('pp9',)), ('ad...",
    'test_identity_pair[constructed-en:notes-after-closing.txt~scan-ocr]': "2 spurious changes [('modified', False, ('pp16',), ('pp16...",
    'test_identity_pair[constructed-en:superscripts.txt~stray-spaces.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_identity_pair[constructed-en:superscripts.txt~hyphenated.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_identity_pair[constructed-en:superscripts.txt~scan.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_identity_pair[constructed-en:superscripts.txt~scan-ocr]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_identity_pair[constructed-en:stray-spaces.txt~scan.txt]': "15 spurious changes [('added', False, (), ('pp9',)), ('ad...",
    'test_identity_pair[constructed-en:stray-spaces.txt~scan-ocr]': "2 spurious changes [('modified', False, ('pp16',), ('pp16...",
    'test_identity_pair[constructed-en:hyphenated.txt~scan.txt]': "15 spurious changes [('added', False, (), ('pp9',)), ('ad...",
    'test_identity_pair[constructed-en:hyphenated.txt~scan-ocr]': "2 spurious changes [('modified', False, ('pp16',), ('pp16...",
    'test_identity_pair[constructed-en:scan.txt~scan-ocr]': "13 spurious changes [('removed', False, ('pp9',), ()), ('...",
    'test_constructed_edits[constructed-earlier-draft:pdftotext.txt~ods.pdf]': "4/6 expected changes missed [('modified', False, ('pp10',...",
    'test_constructed_edits[constructed-earlier-draft:pdftotext-layout.txt~pdftotext.txt]': "4/6 expected changes missed [('modified', False, ('pp10',...",
    'test_constructed_edits[constructed-earlier-draft:web.txt~pdftotext-layout.txt]': "4/6 expected changes missed [('modified', False, ('pp10',...",
    'test_constructed_edits[constructed-earlier-draft:word.txt~web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_constructed_edits[constructed-earlier-draft:notes-before-closing.txt~word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_constructed_edits[constructed-earlier-draft:notes-after-closing.txt~notes-before-closing.txt]': "4 spurious changes [('modified', False, ('op14',), ('op14...",
    'test_constructed_edits[constructed-earlier-draft:superscripts.txt~notes-after-closing.txt]': "3/6 expected changes missed [('modified', False, ('pp10',...",
    'test_constructed_edits[constructed-earlier-draft:stray-spaces.txt~superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_constructed_edits[constructed-earlier-draft:hyphenated.txt~stray-spaces.txt]': "3 spurious changes [('modified', False, ('pp11',), ('pp11...",
    'test_constructed_edits[constructed-earlier-draft:scan.txt~hyphenated.txt]': "4/6 expected changes missed [('modified', False, ('pp10',...",
    'test_constructed_edits[constructed-en-earlier-draft:pdftotext.txt~ods.pdf]': 'refused: pdftotext.txt has no recognisable resolution str...',
    'test_constructed_edits[constructed-en-earlier-draft:pdftotext-layout.txt~pdftotext.txt]': 'refused: pdftotext.txt has no recognisable resolution str...',
    'test_constructed_edits[constructed-en-earlier-draft:web.txt~pdftotext-layout.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_constructed_edits[constructed-en-earlier-draft:word.txt~web.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_constructed_edits[constructed-en-earlier-draft:notes-before-closing.txt~word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_constructed_edits[constructed-en-earlier-draft:notes-after-closing.txt~notes-before-closing.txt]': "4 spurious changes [('modified', False, ('op14',), ('op14...",
    'test_constructed_edits[constructed-en-earlier-draft:superscripts.txt~notes-after-closing.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_constructed_edits[constructed-en-earlier-draft:stray-spaces.txt~superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_constructed_edits[constructed-en-earlier-draft:hyphenated.txt~stray-spaces.txt]': "1/7 expected changes missed [('modified', False, ('pp10',...",
    'test_constructed_edits[constructed-en-earlier-draft:scan.txt~hyphenated.txt]': "4/7 expected changes missed [('modified', False, ('pp10',...",
    'test_constructed_edits[constructed-en-number-date-changed:pdftotext.txt~ods.pdf]': 'refused: pdftotext.txt has no recognisable resolution str...',
    'test_constructed_edits[constructed-en-number-date-changed:pdftotext-layout.txt~pdftotext.txt]': 'refused: pdftotext.txt has no recognisable resolution str...',
    'test_constructed_edits[constructed-en-number-date-changed:web.txt~pdftotext-layout.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_constructed_edits[constructed-en-number-date-changed:word.txt~web.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_constructed_edits[constructed-en-number-date-changed:notes-before-closing.txt~word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_constructed_edits[constructed-en-number-date-changed:notes-after-closing.txt~notes-before-closing.txt]': "4 spurious changes [('modified', False, ('op14',), ('op14...",
    'test_constructed_edits[constructed-en-number-date-changed:superscripts.txt~notes-after-closing.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_constructed_edits[constructed-en-number-date-changed:stray-spaces.txt~superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_constructed_edits[constructed-en-number-date-changed:hyphenated.txt~stray-spaces.txt]': "1 spurious changes [('modified', False, ('pp15',), ('pp15...",
    'test_constructed_edits[constructed-en-number-date-changed:scan.txt~hyphenated.txt]': "1/2 expected changes missed [('modified', False, ('pp12',...",
    'test_constructed_edits[constructed-en-number-date-changed:scan-ocr~scan.txt]': "1/2 expected changes missed [('modified', False, ('pp12',...",
    'test_constructed_edits[constructed-en-number-date-changed:ods.pdf~scan-ocr]': "2 spurious changes [('modified', False, ('pp16',), ('pp16...",
    'test_constructed_edits[constructed-en-op-word-reworded:pdftotext.txt~ods.pdf]': 'refused: pdftotext.txt has no recognisable resolution str...',
    'test_constructed_edits[constructed-en-op-word-reworded:pdftotext-layout.txt~pdftotext.txt]': 'refused: pdftotext.txt has no recognisable resolution str...',
    'test_constructed_edits[constructed-en-op-word-reworded:web.txt~pdftotext-layout.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_constructed_edits[constructed-en-op-word-reworded:word.txt~web.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_constructed_edits[constructed-en-op-word-reworded:notes-before-closing.txt~word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_constructed_edits[constructed-en-op-word-reworded:notes-after-closing.txt~notes-before-closing.txt]': "4 spurious changes [('modified', False, ('op14',), ('op14...",
    'test_constructed_edits[constructed-en-op-word-reworded:superscripts.txt~notes-after-closing.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_constructed_edits[constructed-en-op-word-reworded:stray-spaces.txt~superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_constructed_edits[constructed-en-op-word-reworded:hyphenated.txt~stray-spaces.txt]': "3 spurious changes [('removed', False, ('formula',), ()),...",
    'test_constructed_edits[constructed-en-op-word-reworded:scan.txt~hyphenated.txt]': "14 spurious changes [('removed', False, ('pp9',), ()), ('...",
    'test_constructed_edits[constructed-number-date-changed:pdftotext.txt~ods.pdf]': "2/2 expected changes missed [('modified', False, ('pp17',...",
    'test_constructed_edits[constructed-number-date-changed:pdftotext-layout.txt~pdftotext.txt]': "2/2 expected changes missed [('modified', False, ('pp17',...",
    'test_constructed_edits[constructed-number-date-changed:web.txt~pdftotext-layout.txt]': "2/2 expected changes missed [('modified', False, ('pp17',...",
    'test_constructed_edits[constructed-number-date-changed:word.txt~web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_constructed_edits[constructed-number-date-changed:notes-before-closing.txt~word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_constructed_edits[constructed-number-date-changed:notes-after-closing.txt~notes-before-closing.txt]': "4 spurious changes [('modified', False, ('op14',), ('op14...",
    'test_constructed_edits[constructed-number-date-changed:superscripts.txt~notes-after-closing.txt]': "2/2 expected changes missed [('modified', False, ('pp17',...",
    'test_constructed_edits[constructed-number-date-changed:stray-spaces.txt~superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_constructed_edits[constructed-number-date-changed:hyphenated.txt~stray-spaces.txt]': "3 spurious changes [('modified', False, ('pp16',), ('pp16...",
    'test_constructed_edits[constructed-number-date-changed:scan.txt~hyphenated.txt]': "2/2 expected changes missed [('modified', False, ('pp17',...",
    'test_constructed_edits[constructed-number-date-changed:scan-ocr~scan.txt]': "2/2 expected changes missed [('modified', False, ('pp17',...",
    'test_constructed_edits[constructed-number-date-changed:ods.pdf~scan-ocr]': "3 spurious changes [('merged', False, ('op3', 'op4'), ('o...",
    'test_constructed_edits[constructed-op-inserted:pdftotext.txt~ods.pdf]': "30 spurious changes [('removed', False, ('title',), ()), ...",
    'test_constructed_edits[constructed-op-inserted:pdftotext-layout.txt~pdftotext.txt]': "1/1 expected changes missed [('added', False, (), ('op6',...",
    'test_constructed_edits[constructed-op-inserted:web.txt~pdftotext-layout.txt]': "44 spurious changes [('removed', False, ('title',), ()), ...",
    'test_constructed_edits[constructed-op-inserted:word.txt~web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_constructed_edits[constructed-op-inserted:notes-before-closing.txt~word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_constructed_edits[constructed-op-inserted:notes-after-closing.txt~notes-before-closing.txt]': "4 spurious changes [('modified', False, ('op14',), ('op15...",
    'test_constructed_edits[constructed-op-inserted:superscripts.txt~notes-after-closing.txt]': "35 spurious changes [('removed', False, ('title',), ()), ...",
    'test_constructed_edits[constructed-op-inserted:stray-spaces.txt~superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_constructed_edits[constructed-op-inserted:hyphenated.txt~stray-spaces.txt]': "8 spurious changes [('modified', False, ('pp1',), ('pp1',...",
    'test_constructed_edits[constructed-op-inserted:scan.txt~hyphenated.txt]': "14 spurious changes [('removed', False, ('pp8.a',), ()), ...",
    'test_constructed_edits[constructed-op-verb-changed:pdftotext.txt~ods.pdf]': "1/1 expected changes missed [('modified', False, ('op4',)...",
    'test_constructed_edits[constructed-op-verb-changed:pdftotext-layout.txt~pdftotext.txt]': "1/1 expected changes missed [('modified', False, ('op4',)...",
    'test_constructed_edits[constructed-op-verb-changed:web.txt~pdftotext-layout.txt]': "43 spurious changes [('removed', False, ('title',), ()), ...",
    'test_constructed_edits[constructed-op-verb-changed:word.txt~web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_constructed_edits[constructed-op-verb-changed:notes-before-closing.txt~word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_constructed_edits[constructed-op-verb-changed:notes-after-closing.txt~notes-before-closing.txt]': "4 spurious changes [('modified', False, ('op14',), ('op14...",
    'test_constructed_edits[constructed-op-verb-changed:superscripts.txt~notes-after-closing.txt]': "35 spurious changes [('removed', False, ('title',), ()), ...",
    'test_constructed_edits[constructed-op-verb-changed:stray-spaces.txt~superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_constructed_edits[constructed-op-verb-changed:hyphenated.txt~stray-spaces.txt]': "3 spurious changes [('modified', False, ('pp14',), ('pp14...",
    'test_constructed_edits[constructed-op-verb-changed:scan.txt~hyphenated.txt]': "14 spurious changes [('removed', False, ('pp8.a',), ()), ...",
    'test_constructed_edits[constructed-op-verb-changed:scan-ocr~scan.txt]': "23 spurious changes [('added', False, (), ('pp8.a',)), ('...",
    'test_constructed_edits[constructed-op-verb-changed:ods.pdf~scan-ocr]': "1/1 expected changes missed [('modified', False, ('op4',)...",
    'test_constructed_edits[constructed-op-word-reworded:pdftotext.txt~ods.pdf]': "1/1 expected changes missed [('modified', False, ('op6',)...",
    'test_constructed_edits[constructed-op-word-reworded:pdftotext-layout.txt~pdftotext.txt]': "1/1 expected changes missed [('modified', False, ('op6',)...",
    'test_constructed_edits[constructed-op-word-reworded:web.txt~pdftotext-layout.txt]': "43 spurious changes [('removed', False, ('title',), ()), ...",
    'test_constructed_edits[constructed-op-word-reworded:word.txt~web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_constructed_edits[constructed-op-word-reworded:notes-before-closing.txt~word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_constructed_edits[constructed-op-word-reworded:notes-after-closing.txt~notes-before-closing.txt]': "4 spurious changes [('modified', False, ('op14',), ('op14...",
    'test_constructed_edits[constructed-op-word-reworded:superscripts.txt~notes-after-closing.txt]': "35 spurious changes [('removed', False, ('title',), ()), ...",
    'test_constructed_edits[constructed-op-word-reworded:stray-spaces.txt~superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_constructed_edits[constructed-op-word-reworded:hyphenated.txt~stray-spaces.txt]': "6 spurious changes [('removed', False, ('formula',), ()),...",
    'test_constructed_edits[constructed-op-word-reworded:scan.txt~hyphenated.txt]': "14 spurious changes [('removed', False, ('pp8.a',), ()), ...",
    'test_constructed_edits[constructed-paragraph-deleted:pdftotext.txt~ods.pdf]': "27 spurious changes [('removed', False, ('title',), ()), ...",
    'test_constructed_edits[constructed-paragraph-deleted:pdftotext-layout.txt~pdftotext.txt]': "1/1 expected changes missed [('removed', False, ('pp3',),...",
    'test_constructed_edits[constructed-paragraph-deleted:web.txt~pdftotext-layout.txt]': "1/1 expected changes missed [('removed', False, ('pp3',),...",
    'test_constructed_edits[constructed-paragraph-deleted:word.txt~web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_constructed_edits[constructed-paragraph-deleted:notes-before-closing.txt~word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_constructed_edits[constructed-paragraph-deleted:notes-after-closing.txt~notes-before-closing.txt]': "4 spurious changes [('modified', False, ('op14',), ('op14...",
    'test_constructed_edits[constructed-paragraph-deleted:superscripts.txt~notes-after-closing.txt]': "1/1 expected changes missed [('removed', False, ('pp3',),...",
    'test_constructed_edits[constructed-paragraph-deleted:stray-spaces.txt~superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_constructed_edits[constructed-paragraph-deleted:hyphenated.txt~stray-spaces.txt]': "4 spurious changes [('removed', False, ('formula',), ()),...",
    'test_constructed_edits[constructed-paragraph-deleted:scan.txt~hyphenated.txt]': "14 spurious changes [('removed', False, ('pp8.a',), ()), ...",
    'test_constructed_edits[constructed-paragraph-moved:pdftotext.txt~ods.pdf]': "1/1 expected changes missed [('unchanged', True, ('op9',)...",
    'test_constructed_edits[constructed-paragraph-moved:pdftotext-layout.txt~pdftotext.txt]': "1/1 expected changes missed [('unchanged', True, ('op9',)...",
    'test_constructed_edits[constructed-paragraph-moved:web.txt~pdftotext-layout.txt]': "43 spurious changes [('removed', False, ('title',), ()), ...",
    'test_constructed_edits[constructed-paragraph-moved:word.txt~web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_constructed_edits[constructed-paragraph-moved:notes-before-closing.txt~word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_constructed_edits[constructed-paragraph-moved:notes-after-closing.txt~notes-before-closing.txt]': "4 spurious changes [('modified', False, ('op14',), ('op14...",
    'test_constructed_edits[constructed-paragraph-moved:superscripts.txt~notes-after-closing.txt]': "35 spurious changes [('removed', False, ('title',), ()), ...",
    'test_constructed_edits[constructed-paragraph-moved:stray-spaces.txt~superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_constructed_edits[constructed-paragraph-moved:hyphenated.txt~stray-spaces.txt]': "3 spurious changes [('modified', False, ('pp5',), ('pp5',...",
    'test_constructed_edits[constructed-paragraph-moved:scan.txt~hyphenated.txt]': "1/1 expected changes missed [('unchanged', True, ('op9',)...",
    'test_constructed_edits[constructed-paragraph-split:pdftotext.txt~ods.pdf]': "28 spurious changes [('removed', False, ('title',), ()), ...",
    'test_constructed_edits[constructed-paragraph-split:pdftotext-layout.txt~pdftotext.txt]': "33 spurious changes [('removed', False, ('title',), ()), ...",
    'test_constructed_edits[constructed-paragraph-split:web.txt~pdftotext-layout.txt]': "43 spurious changes [('removed', False, ('title',), ()), ...",
    'test_constructed_edits[constructed-paragraph-split:word.txt~web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_constructed_edits[constructed-paragraph-split:notes-before-closing.txt~word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_constructed_edits[constructed-paragraph-split:notes-after-closing.txt~notes-before-closing.txt]': "4 spurious changes [('modified', False, ('op14',), ('op15...",
    'test_constructed_edits[constructed-paragraph-split:superscripts.txt~notes-after-closing.txt]': "35 spurious changes [('removed', False, ('title',), ()), ...",
    'test_constructed_edits[constructed-paragraph-split:stray-spaces.txt~superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_constructed_edits[constructed-paragraph-split:hyphenated.txt~stray-spaces.txt]': "4 spurious changes [('modified', False, ('pp1',), ('pp1',...",
    'test_constructed_edits[constructed-paragraph-split:scan.txt~hyphenated.txt]': "14 spurious changes [('removed', False, ('pp8.a',), ()), ...",
    'test_constructed_edits[constructed-paragraphs-merged:pdftotext.txt~ods.pdf]': "1/1 expected changes missed [('merged', False, ('op6', 'o...",
    'test_constructed_edits[constructed-paragraphs-merged:pdftotext-layout.txt~pdftotext.txt]': "1/1 expected changes missed [('merged', False, ('op6', 'o...",
    'test_constructed_edits[constructed-paragraphs-merged:web.txt~pdftotext-layout.txt]': "43 spurious changes [('removed', False, ('title',), ()), ...",
    'test_constructed_edits[constructed-paragraphs-merged:word.txt~web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_constructed_edits[constructed-paragraphs-merged:notes-before-closing.txt~word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_constructed_edits[constructed-paragraphs-merged:notes-after-closing.txt~notes-before-closing.txt]': "4 spurious changes [('modified', False, ('op14',), ('op13...",
    'test_constructed_edits[constructed-paragraphs-merged:superscripts.txt~notes-after-closing.txt]': "35 spurious changes [('removed', False, ('title',), ()), ...",
    'test_constructed_edits[constructed-paragraphs-merged:stray-spaces.txt~superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_constructed_edits[constructed-paragraphs-merged:hyphenated.txt~stray-spaces.txt]': "3 spurious changes [('modified', False, ('pp6',), ('pp6',...",
    'test_constructed_edits[constructed-paragraphs-merged:scan.txt~hyphenated.txt]': "14 spurious changes [('removed', False, ('pp8.a',), ()), ...",
    'test_constructed_edits[constructed-pp-inserted:pdftotext.txt~ods.pdf]': "1/1 expected changes missed [('added', False, (), ('pp4',...",
    'test_constructed_edits[constructed-pp-inserted:pdftotext-layout.txt~pdftotext.txt]': "33 spurious changes [('removed', False, ('title',), ()), ...",
    'test_constructed_edits[constructed-pp-inserted:web.txt~pdftotext-layout.txt]': "45 spurious changes [('removed', False, ('title',), ()), ...",
    'test_constructed_edits[constructed-pp-inserted:word.txt~web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_constructed_edits[constructed-pp-inserted:notes-before-closing.txt~word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_constructed_edits[constructed-pp-inserted:notes-after-closing.txt~notes-before-closing.txt]': "4 spurious changes [('modified', False, ('op14',), ('op14...",
    'test_constructed_edits[constructed-pp-inserted:superscripts.txt~notes-after-closing.txt]': "35 spurious changes [('removed', False, ('title',), ()), ...",
    'test_constructed_edits[constructed-pp-inserted:stray-spaces.txt~superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_constructed_edits[constructed-pp-inserted:hyphenated.txt~stray-spaces.txt]': "2 spurious changes [('modified', False, ('op1',), ('op1',...",
    'test_constructed_edits[constructed-pp-inserted:scan.txt~hyphenated.txt]': "1/1 expected changes missed [('added', False, (), ('pp4',...",
    'test_constructed_edits[constructed-pp-moved-to-operative:pdftotext.txt~ods.pdf]': "1/1 expected changes missed [('modified', True, ('pp22',)...",
    'test_constructed_edits[constructed-pp-moved-to-operative:pdftotext-layout.txt~pdftotext.txt]': "1/1 expected changes missed [('modified', True, ('pp22',)...",
    'test_constructed_edits[constructed-pp-moved-to-operative:web.txt~pdftotext-layout.txt]': "1/1 expected changes missed [('modified', True, ('pp22',)...",
    'test_constructed_edits[constructed-pp-moved-to-operative:word.txt~web.txt]': 'refused: web.txt has no recognisable resolution structure...',
    'test_constructed_edits[constructed-pp-moved-to-operative:notes-before-closing.txt~word.txt]': 'refused: word.txt has no recognisable resolution structur...',
    'test_constructed_edits[constructed-pp-moved-to-operative:notes-after-closing.txt~notes-before-closing.txt]': "4 spurious changes [('modified', False, ('op14',), ('op15...",
    'test_constructed_edits[constructed-pp-moved-to-operative:superscripts.txt~notes-after-closing.txt]': "1/1 expected changes missed [('modified', True, ('pp22',)...",
    'test_constructed_edits[constructed-pp-moved-to-operative:stray-spaces.txt~superscripts.txt]': 'refused: superscripts.txt has no recognisable resolution ...',
    'test_constructed_edits[constructed-pp-moved-to-operative:hyphenated.txt~stray-spaces.txt]': "1 spurious changes [('modified', False, ('pp11',), ('pp11...",
    'test_constructed_edits[constructed-pp-moved-to-operative:scan.txt~hyphenated.txt]': "1/1 expected changes missed [('modified', True, ('pp22',)...",
}
# fmt: on

PENDING = pytest.mark.xfail(strict=True, reason="segmenter rewrite pending (issue 10)")
CHECKS = core.checks()


def _params(test: str) -> list[Any]:
    return [
        pytest.param(
            check, id=ident, marks=PENDING if f"{test}[{ident}]" in PENDING_SEGMENTER else ()
        )
        for ident, check in CHECKS[test]
    ]


def _assert_clean(check: Any) -> None:
    problem = check()
    assert problem is None, problem


@pytest.mark.parametrize("check", _params("test_layout_is_read"))
def test_layout_is_read(check: Any) -> None:
    _assert_clean(check)


@pytest.mark.parametrize("check", _params("test_reading_matches_golden"))
def test_reading_matches_golden(check: Any) -> None:
    _assert_clean(check)


@pytest.mark.parametrize("check", _params("test_seed_matches_reading"))
def test_seed_matches_reading(check: Any) -> None:
    _assert_clean(check)


@pytest.mark.parametrize("check", _params("test_identity_pair"))
def test_identity_pair(check: Any) -> None:
    _assert_clean(check)


@pytest.mark.parametrize("check", _params("test_constructed_edits"))
def test_constructed_edits(check: Any) -> None:
    _assert_clean(check)


def test_pending_names_real_parametrisations() -> None:
    """A stale entry (a renamed layout or case) would silently stop guarding anything."""
    known = {f"{test}[{ident}]" for test, params in CHECKS.items() for ident, _ in params}
    assert set(PENDING_SEGMENTER) <= known, sorted(set(PENDING_SEGMENTER) - known)[:5]


def test_matrix_covers_every_case_and_layout() -> None:
    cases = sorted(p.name for p in core.CASES_DIR.glob("constructed-*"))
    assert sorted(t for t, v in core.TEXTS.items() if v["case"]) == cases
    assert len(core.LAYOUTS) >= 12
    for original in core.ORIGINALS:
        assert core.layouts_of(original) == core.LAYOUTS
    for name, text in core.TEXTS.items():
        assert ("constructed" in name) == text["constructed"]


# --- the committed files are what the generator makes ---------------------------------------


def _generator() -> ModuleType:
    path = Path(__file__).parent.parent / "scripts" / "make_layout_matrix.py"
    spec = importlib.util.spec_from_file_location("make_layout_matrix", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    return _generator()


@pytest.mark.parametrize("text", core.ORIGINALS)
def test_committed_layouts_are_current(generator: ModuleType, text: str) -> None:
    made = next(t for t in generator.load_texts() if t.name == text)
    folder = core.LAYOUTS_DIR / text
    for name, render in generator.TEXT_LAYOUTS.items():
        assert (folder / name).read_bytes() == render(made).encode("utf-8"), name
    # The PDF's bytes depend on reportlab's version; what it prints where must not.
    fresh = text_pages(generator.make_pdf(made, generator.TEXT_STYLE), "fresh.pdf")
    committed = text_pages((folder / "ods.pdf").read_bytes(), "ods.pdf")
    assert [_words(page) for page in fresh] == [_words(page) for page in committed]


def _words(page: Page) -> list[tuple[str, int, int, int]]:
    return [(w.text, round(w.x0), round(w.top), round(w.size)) for w in page.words]


def test_committed_pdftotext_is_current() -> None:
    pdf = core.LAYOUTS_DIR / core.FRENCH / "ods.pdf"
    for name, options in (("pdftotext.txt", []), ("pdftotext-layout.txt", ["-layout"])):
        out = subprocess.run(
            ["pdftotext", *options, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
        ).stdout.decode("utf-8")
        assert out == (pdf.parent / name).read_text(encoding="utf-8"), name


@pytest.mark.slow
def test_committed_ocr_reading_is_what_resdiff_ocr_reads() -> None:
    """One page OCRed live through resdiff's own route gives the committed TSV's words."""
    from resdiff.ingest.ocr import ocr_pages, parse_tsv
    from resdiff.ingest.pdf import page_images

    folder = core.LAYOUTS_DIR / core.FRENCH
    first = next(page_images((folder / "scan.pdf").read_bytes(), "scan.pdf"))
    live = ocr_pages([first], "scan.pdf", "fr")[0]
    committed = parse_tsv((folder / "scan-ocr" / "page-1.tsv").read_text(encoding="utf-8"))
    assert [w.text for w in live.words] == [w.text for w in committed.words]
