"""Shared helpers for the differ's tests: build small resolutions from real clauses."""

from __future__ import annotations

from collections.abc import Iterable

from resdiff.model import Resolution, Unit, UnitKind

KINDS = {
    "title": UnitKind.TITLE,
    "formula": UnitKind.FORMULA,
    "pp": UnitKind.PREAMBLE,
    "op": UnitKind.OPERATIVE,
    "fn": UnitKind.FOOTNOTE,
    "closing": UnitKind.CLOSING,
}

# Clauses of E/RES/2021/25 (hand-corrected), keyed by their id in that resolution.
CLAUSES = {
    "title": "Mise en œuvre du Plan d’action mondial des Nations Unies pour la lutte contre la "
    "traite des personnes",
    "formula": "Le Conseil économique et social,",
    "pp1": "Condamnant de nouveau énergiquement la traite des personnes, en particulier des "
    "femmes et des enfants, qui constitue une infraction et une grave menace pour la dignité "
    "humaine, l’intégrité physique des personnes, les droits humains et le développement durable,",
    "pp2": "Réaffirmant les engagements pris par les États Membres pour que des mesures "
    "efficaces soient immédiatement adoptées afin d’éliminer la traite des personnes sous "
    "toutes ses formes,",
    "pp3": "Rappelant les résolutions pertinentes des Nations Unies sur le sujet et les "
    "réunions spéciales sur la traite des personnes,",
    "pp4": "Rappelant également la résolution 70/1 de l’Assemblée générale en date du "
    "25 septembre 2015, dans laquelle figure le Programme de développement durable à "
    "l’horizon 2030, notamment ses objectifs et ses cibles en rapport avec la traite des "
    "personnes,",
    "pp5": "Prenant note de la décision que l’Assemblée générale a prise, dans sa résolution "
    "68/192 du 18 décembre 2013, d’examiner tous les quatre ans, à compter de sa "
    "soixante-douzième session, les progrès accomplis dans la mise en œuvre du Plan d’action "
    "mondial, afin d’évaluer les réalisations, les lacunes et les difficultés,",
    "op1": "Prie instamment les États Membres qui ne l’ont pas encore fait d’envisager de "
    "ratifier la Convention des Nations Unies contre la criminalité transnationale organisée "
    "ou d’y adhérer, dans les meilleurs délais ;",
    "op2": "Encourage les États parties au Protocole relatif à la traite des personnes, "
    "agissant dans le cadre de l’évaluation du Plan d’action mondial, à envisager des mesures "
    "à l’appui de l’application intégrale et effective du Protocole ;",
    "op3": "Invite les États Membres à s’attaquer aux facteurs sociaux, économiques, "
    "culturels, politiques et autres qui exposent les personnes à la traite ;",
    "op4": "Invite tous les États Membres, les organismes compétents des Nations Unies et les "
    "autres organisations internationales, ainsi que la société civile, à continuer de "
    "célébrer chaque année la Journée mondiale de la lutte contre la traite d’êtres humains ;",
    "op5": "Prie l’Office des Nations Unies contre la drogue et le crime de continuer, en "
    "étroite coopération et collaboration avec les États Membres, de recueillir des "
    "informations sur les caractéristiques, les formes et les flux de la traite des personnes ;",
    "op6": "Prie les organismes compétents des Nations Unies de veiller à ce qu’aucun achat "
    "de l’Organisation des Nations Unies n’ait de lien avec la traite des personnes ;",
    "op7": "Invite les États Membres et les autres donateurs à fournir des ressources "
    "extrabudgétaires aux fins susmentionnées, conformément aux règles et procédures de "
    "l’Organisation des Nations Unies ;",
    "fn1": "Résolution 64/293 de l’Assemblée générale.",
}


def unit(uid: str, text: str | None = None) -> Unit:
    """A unit with the kind its id implies (``pp3`` preamble, ``op2`` operative...)."""
    prefix = uid.rstrip("0123456789")
    return Unit(uid, KINDS[prefix], CLAUSES[uid] if text is None else text)


def resolution(units: Iterable[Unit | str], year: int = 2021) -> Resolution:
    """A resolution made of units, or of clause ids taken from :data:`CLAUSES`."""
    built = tuple(u if isinstance(u, Unit) else unit(u) for u in units)
    return Resolution("E/RES/2021/25", "fr", built, year=year)


def renumber(units: Iterable[Unit]) -> list[Unit]:
    """Give preamble and operative units consecutive ids again (pp1, pp2..., op1, op2...)."""
    counters: dict[str, int] = {}
    out = []
    for u in units:
        prefix = u.id.rstrip("0123456789")
        if prefix in {"pp", "op", "fn"}:
            counters[prefix] = counters.get(prefix, 0) + 1
            u = Unit(f"{prefix}{counters[prefix]}", u.kind, u.text, u.label)
        out.append(u)
    return out


BASE_IDS = ["title", "formula", "pp1", "pp2", "pp3", "pp4", "pp5",
            "op1", "op2", "op3", "op4", "op5", "op6", "op7", "fn1"]  # fmt: skip


def changed(comparison) -> list[tuple[str, bool, list[str], list[str]]]:  # type: ignore[no-untyped-def]
    """The changes other than unchanged-and-unmoved, as (status, moved, old ids, new ids)."""
    return [
        (c.status.value, c.moved, [u.id for u in c.old], [u.id for u in c.new])
        for c in comparison.changes
        if c.status.value != "unchanged" or c.moved
    ]
