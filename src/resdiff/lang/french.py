"""French: cue words of resolutions, OCR confusions, and the repairs only French needs."""

from __future__ import annotations

import re

from resdiff.lang import Language

MONTHS = {
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
}  # fmt: skip

PREAMBLE_OPENERS = frozenset(
    """Accueillant Affirmant Ayant Alarmé Alarmée Attendant Considérant Conscient Consciente
    Conscients Constatant Convaincu Convaincue Convaincus Déplorant Encouragé Encouragée Estimant
    Exprimant Gardant Guidé Guidée Insistant Notant Préoccupé Préoccupée Préoccupés Prenant
    Profondément Rappelant Réaffirmant Reconnaissant Regrettant Résolu Résolue Saluant Se Sachant
    Soulignant Tenant Condamnant Soucieux Soucieuse Déterminé Déterminée Désireux Désireuse
    Vivement Gravement Sérieusement Fermement Appréciant Appuyant Approuvant Observant Réitérant
    Mettant Tout Ayant Rendant Félicitant Inquiet Inquiète Satisfait Satisfaite Persuadé
    Persuadée Sensible Attaché Attachée Confiant Confiante Fidèle Réaffirmant""".split()
)

OPERATIVE_VERBS = frozenset(
    """Accueille Adopte Affirme Appelle Approuve Autorise Charge Condamne Considère Décide Déclare
    Demande Déplore Encourage Engage Exhorte Exprime Invite Note Prend Prie Proclame Rappelle
    Réaffirme Recommande Reconnaît Salue Souligne Souscrit Se Insiste Lance Estime
    Remercie Constate Souhaite Réitère Exige Félicite Regrette Appuie Attend Confirme Entérine
    Préconise Renouvelle Juge Convient Met Fait Rend Soutient Accepte Propose Presse Sait
    Reconnait Réaffirme Demeure Rappelle""".split()
)

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))


def _accent_tolerant(pattern: str) -> str:
    """Let every accented letter of ``pattern`` also match its OCR-damaged forms."""
    for accented, plain in (("é", "eé¢"), ("è", "eé"), ("ê", "eé"), ("û", "u"), ("î", "i")):
        pattern = pattern.replace(accented, f"[{accented}{plain}]")
    return pattern


FORMULAS = (
    (re.compile(_accent_tolerant(r"^Le Conseil économique et social,?$"), re.I), "E"),
    (re.compile(_accent_tolerant(r"^L[’']Assemblée générale,?$"), re.I), "A"),
    (re.compile(_accent_tolerant(r"^Le Conseil de sécurité,?$"), re.I), "S"),
    (re.compile(_accent_tolerant(r"^Le Conseil des droits de l[’']homme,?$"), re.I), "A/HRC"),
)

MEETING_RE = re.compile(
    _accent_tolerant(r"^(?P<number>\d+)\s*(?:e|ème|[eé¢]|re|er|°|º)?\s+séance(?:\s+plénière)?\b"),
    re.I,
)
DATE_RE = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:er)?\s+(?P<month>{_accent_tolerant(_MONTH_NAMES)})\s+(?P<year>\d{{4}})\b",
    re.I,
)

# "Prend note" is the usual form; "a" → "à" only where grammar makes it certain.
_DETERMINERS = frozenset(
    """la le les sa son ses leur leurs ce cet cette ces tous toutes tout toute chaque celle celles
    celui ceux notre nos votre vos quel quelle quels quelles""".split()
)
_LOCUTIONS = frozenset(
    """tour profit travers titre terme condition propos moins peu partir compter savoir nouveau
    cause jour bord distance destination""".split()
)
_NOT_INFINITIVES = frozenset(
    """entre contre notre votre autre quatre lettre membre nombre ordre centre cadre libre
    propre chiffre titre outre sur pour leur leurs mer fer hier cher fier super""".split()
)
_INFINITIVE_RE = re.compile(r"(?:er|ir|re|oir)$")
# The letter first, the context checked behind it (a pattern that starts with a lookbehind is
# tried at every position; one that starts with a letter jumps from one "a" to the next).
_A_RE = re.compile(r"([aA])(?<![\w'-][aA])(?<![^u]’[aA])(?=\s+(?:([^\W\d_]+)(’)?|([:;])))")


def _is_infinitive(word: str) -> bool:
    return bool(_INFINITIVE_RE.search(word)) and word not in _NOT_INFINITIVES and len(word) > 3


def restore_grave_a(text: str) -> str:
    """``a`` → ``à`` where the next word makes the preposition certain.

    Before an article or determiner (``a la``, ``a l’``, ``a ses``), an infinitive
    (``vise a apporter``), a colon (``a vocation a :``) or a fixed phrase (``a tour de rôle``).
    ``a`` before a past participle, a noun or an adverb (``a adopté``, ``a vocation``,
    ``a notamment``) is the verb *avoir* and stays.

    Example:
        >>> restore_grave_a("vise a apporter a la Convention qui a adopté a :")
        'vise à apporter à la Convention qui a adopté à :'
    """

    def grave(match: re.Match[str]) -> str:
        letter, word, apostrophe, punct = match.groups()
        following = (word or "").lower()
        certain = (
            bool(punct)
            or (apostrophe is not None and following in {"l", "d", "s"})
            or (
                apostrophe is None
                and (
                    following in _DETERMINERS
                    or following in _LOCUTIONS
                    or _is_infinitive(following)
                )
            )
        )
        if not certain:
            return letter
        return "à" if letter == "a" else "À"

    return _A_RE.sub(grave, text)


# The sign first, the space before it checked behind it (the search jumps from one "&" to
# the next; a pattern that starts with a lookbehind tries it at every position).
_AMPERSAND_RE = re.compile(r"&(?<=\s&)(?=\s)")


def replace_ampersand(text: str) -> str:
    """A lone ``&`` in French running text is an OCR reading of ``à``.

    Example:
        >>> replace_ampersand("les États parties & ces instruments")
        'les États parties à ces instruments'
    """
    return _AMPERSAND_RE.sub("à", text) if "&" in text else text


# Fixed UN phrases where "a" is always the preposition, whatever follows.
_FIXED_WORDS = ("maladie", "face", "grâce", "quant", "prêts", "prêt", "prêtes", "prête")
# Each word first and the word boundary before it checked behind it: the same matches as
# r"\b(maladie|face|grâce|quant|prêts?|prêtes?)(\s+)a(?=\s+\w)", but the search jumps
# between the words' first letters instead of testing the boundary at every position.
_FIXED_A_RE = re.compile(
    "(" + "|".join(rf"{word}(?<!\w{word})" for word in _FIXED_WORDS) + r")(\s+)a(?=\s+\w)"
)
# The same without the leading word boundary (which makes the search try every position):
# it finds every match of the pattern and more, so a text it finds nothing in is left as is.
_FIXED_A_HINT_RE = re.compile(r"(?:maladie|face|grâce|quant|prêts?|prêtes?)\s+a(?=\s+\w)")


def restore_fixed_phrases(text: str) -> str:
    """``maladie a coronavirus`` → ``maladie à coronavirus`` and other fixed phrases.

    Example:
        >>> restore_fixed_phrases("la maladie a coronavirus, face a ce défi")
        'la maladie à coronavirus, face à ce défi'
    """
    if not _FIXED_A_HINT_RE.search(text):
        return text
    return _FIXED_A_RE.sub(lambda m: f"{m[1]}{m[2]}à", text)


# "n°", "nº", "n®" (OCR) before a number: the abbreviation of "numéro", printed "nº".
# The letter first and the word boundary checked behind it (same matches as "\b([nN])…", but
# the search jumps from one "n" to the next instead of trying every position).
_NUMERO_RE = re.compile(r"([nN])(?<!\w[nN])\s?[°º®o]\s?(?=\d)")


def normalize_numero(text: str) -> str:
    """``n° 39574`` / ``n® 39574`` → ``nº 39574`` (the ordinal indicator the UN prints).

    Example:
        >>> normalize_numero("vol. 2225, n® 39574 ; nº 39574 ; n°1")
        'vol. 2225, nº 39574 ; nº 39574 ; nº 1'
    """
    return _NUMERO_RE.sub(lambda m: f"{m[1]}º ", text)


_PLACES = "pays|régions|zones|lieux|endroits|situations|cas|moment|période|époque"
# Each noun first and the word boundary before it checked behind it (the same matches as
# r"\b(?P<place>pays|…)", found by jumping between the nouns' first letters).
_PLACES_FIRST = "|".join(rf"{place}(?<!\w{place})" for place in _PLACES.split("|"))
_OU_RE = re.compile(
    rf"(?P<place>{_PLACES_FIRST})\s+ou(?=\s+(?:le|la|les|l’|il|elle|ils|elles|on)\b"
    rf"(?P<clause>[^,;.:]{{0,60}}?)\s(?:a|ont|est|sont|était|étaient|sera|seront)\s)"
)
# Every match of the pattern and more (no word boundary, no clause): nothing found, no match.
_OU_HINT_RE = re.compile(rf"(?:{_PLACES})\s+ou\s")


def restore_grave_ou(text: str) -> str:
    """``ou`` → ``où`` after a noun of place or time that opens a relative clause.

    Only when a conjugated verb follows within the clause (``des pays ou le taux d’emploi a
    chuté``); ``les pays ou les régions concernés`` keeps its ``ou``.

    Example:
        >>> restore_grave_ou("des pays ou le taux d’emploi a chuté, les pays ou les régions")
        'des pays où le taux d’emploi a chuté, les pays ou les régions'
    """
    if not _OU_HINT_RE.search(text):
        return text
    return _OU_RE.sub(lambda m: f"{m['place']} où", text)


AGENDA_RE = re.compile(
    r"\bPoints?\s+(?P<item>\d{1,3}(?:\s*\(?[a-z]\))?)\s+de\s+l[’']ordre\s+du\s+jour", re.I
)

# Subjects of re-adopted resolutions and the series names they give (storage/series.py).
TOPICS = (
    ("traite des personnes", "trafficking"),
    ("droits de l’enfant", "rights-of-the-child"),
    ("changements climatiques", "climate-change"),
    ("assistance humanitaire", "humanitarian-assistance"),
    ("violence à l’égard des femmes", "violence-against-women"),
)

LANGUAGE = Language(
    code="fr",
    name="French",
    formulas=FORMULAS,
    meeting_re=MEETING_RE,
    agenda_re=AGENDA_RE,
    date_re=DATE_RE,
    months=MONTHS,
    preamble_openers=PREAMBLE_OPENERS,
    operative_verbs=OPERATIVE_VERBS,
    topics=TOPICS,
    elisions=frozenset("l d qu n s c j m t jusqu lorsqu puisqu quoiqu presqu quelqu".split()),
    hyphen_prefixes=frozenset(
        "sous non soixante quatre-vingt vingt trente quarante cinquante vice demi semi".split()
    ),
    ocr_confusions=(
        ("ce", "oe"),  # "ceuvre" → "œuvre": œ read as "ce"
        ("c", "e"),  # "modcle" → "modèle": è read as "c"
        ("d", "o"),  # "rdle" → "rôle": ô read as "d"
        ("ée", "e"),  # "systéeme" → "système": è read as "ée"
        ("eé", "e"),  # "reégles" → "règles"
        ("¢", "e"),  # "exer¢ant" → "exerçant", "¢" for é/è/ç
        ("¢", "c"),
        ("1", "l"),
        ("I", "l"),
        ("rn", "m"),
        ("in", "m"),  # "Réaffirinant" → "Réaffirmant"
        ("h", "li"),  # "particuher" → "particulier"
        ("ÿ", ""),  # "ÿy compris" → "y compris": a speck read as a diaeresis letter
    ),
    marker_glyphs="’",
    # "Rappelant", "Notant"…: a capitalised present participle opens a preambular paragraph.
    opener_shape=re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]{3,}ant"),
    not_openers=frozenset("durant pendant avant cependant néanmoins maintenant".split()),
    # References in footnotes: "Recueil des Traités, vol. 2225", "p. 12", "par. 3", "chap. II".
    abbreviations=frozenset("vol p pp par chap art al suppl cf".split()),
    extra_steps=(
        replace_ampersand,
        normalize_numero,
        restore_grave_a,
        restore_fixed_phrases,
        restore_grave_ou,
    ),
)
