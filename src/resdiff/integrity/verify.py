"""``resdiff verify``: check every stored version against its source and the current pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from resdiff.errors import ResdiffError
from resdiff.integrity._units import (
    UnitState,
    expected,
    extra_files,
    same_shape,
    sha256,
    stored_texts,
    unit_state,
)
from resdiff.storage import LanguageEntry, Store, StoredVersion, audit, layout, safety
from resdiff.storage.atomic import leftovers
from resdiff.storage.git import GitRepo
from resdiff.storage.meta import duplicate_ids, unit_spec

EDITED_ADVICE = (
    "edited by hand and not recorded as a correction; record it with `resdiff correct` "
    "or undo it with `resdiff rebuild --force`"
)
_ADVICE = {
    UnitState.STALE: "the pipeline now makes a different text; run `resdiff rebuild`",
    UnitState.EDITED: EDITED_ADVICE,
    UnitState.MISSING: "the unit file is missing; restore it from git or run `resdiff rebuild`",
}


@dataclass
class Verification:
    """The outcome of :func:`verify`: what was repaired, what is wrong, what was checked."""

    repaired: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    versions: int = 0
    languages: int = 0
    units: int = 0
    corrections: int = 0

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems


def verify(store: Store) -> Verification:
    """Check every version of the store; finish or undo interrupted writes first.

    Raises:
        NotAStore: the folder is not a resdiff store.
        StoreError: an interrupted write needs a commit the repository cannot take now.
    """
    store.config()
    # Under the store lock: a write running meanwhile would show as leftovers and stale files.
    with store.without_writers() as repaired:
        result = Verification(repaired=repaired)
        result.problems += [
            f"{path}: left by an interrupted write" for path in leftovers(store.root)
        ]
        result.problems += check_store_files(store)
        for meta in store.meta_files():
            try:
                version = store.read_meta(meta)
            except ResdiffError as exc:
                result.problems.append(str(exc))
                continue
            result.versions += 1
            _check_version(store, version, result)
        return result


def check_store_files(store: Store) -> list[str]:
    """Links and special files anywhere in the store, files outside its layout (those
    outside a version folder: the version checks report the others), and names the store
    ignores that are committed or staged."""
    entries = [
        (path, kind)
        for path, kind in audit.scan(store.root)
        if kind is not audit.EntryKind.FILE or len(path.parts) < 3
    ]
    found = audit.problems(entries, committed=False)
    repo = GitRepo.find(store.root)
    if repo is not None and store.root.resolve().is_relative_to(repo.root):
        staged = [(PurePosixPath(name), audit.git_kind(mode)) for name, mode in
                  repo.modes(store.root) if layout.is_ignored(PurePosixPath(name))]  # fmt: skip
        found += audit.problems(staged, committed=True)
    return [f"{store.root}: {line}" for line in found]


def _check_version(store: Store, version: StoredVersion, result: Verification) -> None:
    if safety.links(version.path):
        return  # reported by check_store_files; nothing under a link is read
    where = layout.version_dir(version.series, version.symbol)
    if version.path != store.root / where:
        result.problems.append(
            f"{version.path}: its meta.json describes {version.symbol} in series "
            f"{version.series}, which belongs in {store.root / where}; move it back"
        )
        return
    for child in sorted(version.path.iterdir()):
        if child.name != layout.META_FILE and child.name not in version.languages:
            result.problems.append(f"{child}: extra file, not listed in meta.json")
    for entry in version.languages.values():
        result.languages += 1
        problems = _check_language(store, version, entry, result)
        result.problems += [f"{version.symbol} ({entry.lang}): {p}" for p in problems]


def _check_language(
    store: Store, version: StoredVersion, entry: LanguageEntry, result: Verification
) -> list[str]:
    problems = []
    source = store.source_file(version, entry)
    if not source.is_file():
        return [f"{source.name} is missing; restore it from git"]
    repeated = duplicate_ids(spec["id"] for spec in entry.units)
    if repeated:
        problems.append(
            f"meta.json lists the unit {', '.join(repeated)} more than once (the text of "
            "another unit was lost under the same id); run `resdiff rebuild`"
        )
    if sha256(safety.read_bytes(source, store.root)) != entry.sha256:
        return [f"{source.name} does not match the sha256 in meta.json; restore it from git"]
    listed = {spec["id"] for spec in entry.units}
    problems += [f"{name} is an extra file" for name in extra_files(store, version, entry)]
    try:
        pipeline = expected(store, version, entry)
    except ResdiffError as exc:
        return [*problems, f"the pipeline cannot read the source now: {exc}"]
    texts = {unit.id: unit.text for unit in pipeline.units}
    specs = {unit.id: unit_spec(unit) for unit in pipeline.units}
    stored = stored_texts(store, version, entry)
    for spec in entry.units:
        result.units += 1
        state = unit_state(spec, stored.get(spec["id"]), texts.get(spec["id"]), entry)
        result.corrections += state is UnitState.CORRECTED
        if state in _ADVICE:
            problems.append(f"{spec['id']}: {_ADVICE[state]}")
        elif spec["id"] in specs and not same_shape(spec, specs[spec["id"]]):
            problems.append(
                f"{spec['id']}: the pipeline now gives it another kind, label or footnote "
                "references; run `resdiff rebuild`"
            )
    made = [unit.id for unit in pipeline.units]
    if made != [spec["id"] for spec in entry.units]:
        added = [i for i in made if i not in listed]
        gone = [i for i in listed if i not in texts]
        problems.append(
            f"the pipeline now makes other units (new: {', '.join(added) or 'none'}; "
            f"no longer: {', '.join(gone) or 'none'}; or another order); run `resdiff rebuild`"
        )
    return problems
