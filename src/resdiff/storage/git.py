"""The store's git adapter: find or create the repository, refuse unsafe states, commit paths.

Every git operation is the ``git`` executable run directly (``subprocess``), and the
repository's place, its HEAD and its branch are read from the files git keeps (``.git``,
``HEAD``, the ref files and ``packed-refs``), as GitPython read them: importing GitPython
cost more (≈0.1 s) than a whole ``resdiff add`` now spends in git. A commit records just
the given paths and leaves anything else the user had staged, staged: with plumbing
(``diff-index``, ``write-tree``, ``commit-tree``, ``update-ref``: no hook to look for, no
second pass over the index) when no hook or signing is configured, else with git's own
``commit --only``.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from resdiff.errors import StoreError

if TYPE_CHECKING:  # imported by the two methods that write a chain: readers never load it
    from resdiff.storage import fast_import

logger = logging.getLogger(__name__)

# In the git folder while a resdiff writer runs git: the pid of that writer.
OWNER_FILE = "resdiff-git.pid"
# An index.lock our git made is at most this many seconds younger than the pid file.
OWN_LOCK_WINDOW = 120.0

# Used only when neither the repository nor the environment names a committer.
FALLBACK_IDENTITY = ("resdiff", "resdiff@localhost")

# What ``git config`` is asked once per repository: signing and hooks decide whether a
# commit can be made with plumbing, the identity whether resdiff's fallback is needed.
_SETTINGS_RE = r"^(commit\.gpgsign|core\.hookspath|user\.name|user\.email)$"
_HEX = frozenset("0123456789abcdef")


class GitRepo:
    """A git repository holding a store (the store may be a sub-folder of it)."""

    def __init__(self, root: Path, git_dir: Path) -> None:
        """A repository whose work tree is ``root`` and whose git folder is ``git_dir``."""
        self.root = Path(root).resolve()
        self.git_dir = Path(git_dir).resolve()
        self._settings: dict[str, str] | None = None
        self._idents: tuple[str, str] | None = None

    @classmethod
    def find(cls, path: Path) -> GitRepo | None:
        """The repository containing ``path`` (its nearest ``.git``), or None."""
        start = Path(path).resolve()
        for folder in (start, *start.parents):
            git_dir = _git_dir_at(folder)
            if git_dir is not None:
                return cls(folder, git_dir)
        return None

    @classmethod
    def init(cls, path: Path) -> GitRepo:
        """Create a repository at ``path``.

        Raises:
            StoreError: git failed.
        """
        logger.info("initialising a git repository in %s", path)
        Path(path).mkdir(parents=True, exist_ok=True)
        _run_in(Path(path), "git init", "init", "-q")
        found = _git_dir_at(Path(path).resolve())
        if found is None:  # pragma: no cover - git init made no .git
            raise StoreError(f"git init made no repository in {path}")
        return cls(Path(path), found)

    @property
    def common_dir(self) -> Path:
        """Where the branches live (a linked worktree's git folder names its main one)."""
        try:
            named = (self.git_dir / "commondir").read_text(encoding="utf-8").strip()
        except OSError:
            return self.git_dir
        return (self.git_dir / named).resolve()

    def check_writable(self, *, index: bool = True) -> None:
        """Refuse to commit in the middle of a merge, on a locked index, or a detached HEAD.

        Args:
            index: also check the index lock (writers check it once they hold the store
                lock, so that another resdiff's commit in progress is not mistaken for it).

        Raises:
            StoreError: the repository is in one of those states.
        """
        for marker, state in (
            ("MERGE_HEAD", "in the middle of a merge"),
            ("REBASE_HEAD", "in the middle of a rebase"),
            ("CHERRY_PICK_HEAD", "in the middle of a cherry-pick"),
            ("rebase-merge", "in the middle of a rebase"),
            ("rebase-apply", "in the middle of a rebase"),
        ):
            if (self.git_dir / marker).exists():
                raise StoreError(
                    f"the git repository at {self.root} is {state}; finish or abort it first"
                )
        if index:
            self.check_index()
        if not self._head_file().startswith("ref:"):
            raise StoreError(
                f"the git repository at {self.root} has a detached HEAD; check out a branch first"
            )

    def check_index(self) -> None:
        """Refuse a locked index, unless the lock is a stale one our own killed git left.

        A writer records its pid in ``.git/resdiff-git.pid`` while it runs git (see
        :meth:`stage` and :meth:`commit_staged`). An ``index.lock`` made while that file
        existed, whose writer is dead, was left by a killed resdiff (``kill -9`` of its
        process group kills git too): it is removed, with a warning.

        Raises:
            StoreError: the index is locked by a live git command (or by one we cannot
                tell is ours).
        """
        lock = self.git_dir / "index.lock"
        if lock.exists() and _stale_own_lock(self.git_dir, lock):
            logger.warning("removed .git/index.lock left by a killed resdiff (its git died too)")
            lock.unlink(missing_ok=True)
            (self.git_dir / OWNER_FILE).unlink(missing_ok=True)
        if lock.exists():
            raise StoreError(
                f"the git index of {self.root} is locked (.git/index.lock); "
                "wait for the other git command or remove the stale lock"
            )

    @contextlib.contextmanager
    def _owning_index(self) -> Iterator[None]:
        """Record our pid while our git may hold ``index.lock`` (see :meth:`check_index`)."""
        owner = self.git_dir / OWNER_FILE
        owner.unlink(missing_ok=True)  # never write through a planted link
        owner.write_text(str(os.getpid()), encoding="utf-8")
        try:
            yield
        finally:
            owner.unlink(missing_ok=True)

    def unstage(self, paths: Sequence[Path]) -> None:
        """Put the index entries of these paths back as HEAD has them (undo :meth:`stage`).

        Raises:
            StoreError: git failed.
        """
        relative = self._relative(paths)
        with self._owning_index():
            if self.head() is None:
                self._run("git reset", "rm", "--cached", "-r", "-q", "--ignore-unmatch", "--",
                          *relative)  # fmt: skip
            else:
                self._run("git reset", "reset", "-q", "HEAD", "--", *relative)

    def _head_file(self) -> str:
        """What ``.git/HEAD`` says (``ref: refs/heads/main``, or a commit when detached)."""
        try:
            return (self.git_dir / "HEAD").read_text(encoding="utf-8").strip()
        except OSError:
            return ""

    def head(self) -> str | None:
        """The commit HEAD points to, or None in a repository without commits.

        Read from the ref files (loose refs, then ``packed-refs``: no process), as GitPython
        read them; ``git rev-parse`` when they cannot be read that way (a ref store of
        another format, a damaged file).
        """
        found = self._read_ref("HEAD")
        if found is None:
            return None  # a branch without commits yet
        if len(found) == 40 and set(found) <= _HEX:
            return found
        try:
            return self._run("git rev-parse", "rev-parse", "--verify", "--quiet", "HEAD").strip()
        except StoreError:
            return None

    def _read_ref(self, name: str) -> str | None:
        """The sha a ref names, following symbolic refs; None for a ref with no commit yet,
        ``""`` when the files cannot tell (then git is asked)."""
        if (self.common_dir / "reftable").is_dir():
            return ""
        for _ in range(5):  # git follows at most five levels of symbolic refs
            folder = self.git_dir if name == "HEAD" else self.common_dir
            try:
                text = (folder / name).read_text(encoding="utf-8").strip()
            except FileNotFoundError:
                packed = _packed_ref(self.common_dir, name)
                if packed is None:
                    return None
                text = packed
            except OSError:
                return ""
            if not text.startswith("ref:"):
                return text
            name = text.removeprefix("ref:").strip()
        return ""

    def commit_paths(
        self, paths: Sequence[Path], message: str, date: str | None = None
    ) -> str | None:
        """Stage, then commit exactly these paths (files or folders, additions and deletions).

        Returns:
            The new commit's sha, or None when the paths hold no change to commit.

        Raises:
            StoreError: git failed.
        """
        self.stage(paths)
        return self.commit_staged(paths, message, date)

    def stage(self, paths: Sequence[Path]) -> None:
        """``git add --all`` these paths (and nothing else).

        Raises:
            StoreError: git failed.
        """
        with self._owning_index():
            self._run("git add", "add", "--all", "--", *self._relative(paths))

    def commit_staged(
        self, paths: Sequence[Path], message: str, date: str | None = None
    ) -> str | None:
        """Commit these paths as staged, leaving anything else the user staged, staged.

        Args:
            paths: paths inside the work tree, already staged by :meth:`stage`.
            message: the commit message.
            date: ISO date used as the author date (the adoption date of the resolution).

        Returns:
            The new commit's sha, or None when the paths hold no change to commit.

        Raises:
            StoreError: git failed.
        """
        relative = self._relative(paths)
        head = self.head()
        if self._plain_commits():
            return self._commit_tree(head, relative, message, date)
        if head is not None:
            try:
                self._run("git diff", "diff", "--cached", "--quiet", "HEAD", "--", *relative)
                return None  # identical to what is committed
            except StoreError:
                pass  # differences: commit them
        options = ["--only", "--no-verify", "-m", message]
        if date:
            options += ["--date", f"{date}T12:00:00+00:00"]
        env = {} if self._has_identity() else _fallback_env()
        with self._owning_index():
            self._run("git commit", "commit", *options, "--", *relative, env=env)
        return self.head()

    def settings(self) -> dict[str, str]:
        """Signing, hooks and identity as ``git config`` has them (asked once)."""
        if self._settings is None:
            try:
                found = self._run("git config", "config", "--null", "--get-regexp", _SETTINGS_RE)
            except StoreError:
                found = ""  # exit 1: none is set
            settings: dict[str, str] = {}
            for entry in filter(None, found.split("\0")):
                key, _, value = entry.partition("\n")
                settings[key.lower()] = value
            self._settings = settings
        return self._settings

    def commit_each(
        self, commits: Sequence[tuple[Sequence[Path], str, str | None]]
    ) -> list[str | None]:
        """Stage and commit groups of paths as a chain of commits, one per group, in order.

        What :meth:`stage` then :meth:`commit_staged` of each group would do, in a fixed
        number of git processes whatever the number of groups: one ``add`` of every path,
        the chain made by ``git fast-import`` (see :mod:`.fast_import`), HEAD moved to its
        end in one ``update-ref`` (all the commits, or none). With a hook or signing to
        honour, each group goes through :meth:`commit_staged` instead (and the first group
        when there is no commit yet).

        Args:
            commits: (paths, message, ISO author date or None) per commit; no path in two.

        Returns:
            Each group's commit, or None for a group with no change to commit.

        Raises:
            StoreError: git failed (HEAD has not moved then).
        """
        shas: list[str | None] = []
        plain = self._plain_commits()
        while commits and (not plain or self.head() is None):  # the first commit: git commit
            paths, message, date = commits[0]
            self.stage(paths)
            shas.append(self.commit_staged(paths, message, date))
            commits = commits[1:]
        head = self.head()
        if not commits or head is None:
            return shas
        from resdiff.storage import fast_import

        groups = [self._posix(paths) for paths, _, _ in commits]
        everything = [path for group in groups for path in group]
        with self._owning_index():
            self._run("git add", "add", "--all", "--", *everything)
            changed = self._run("git commit", "diff-index", "--cached", "--name-only", "-z",
                                "HEAD", "--", *everything).split("\0")  # fmt: skip
            listing = self._run("git commit", "ls-files", "-s", "-z", "--", *everything)
        owner = {path: k for k, group in enumerate(groups) for path in group}
        entries: list[list[fast_import.Entry]] = [[] for _ in groups]
        for line in filter(None, listing.split("\0")):
            info, _, path = line.partition("\t")
            mode, blob, _ = info.split(" ", 2)
            entries[_owner(owner, path)].append(fast_import.Entry(mode, blob, path))
        touched = {_owner(owner, path) for path in changed if path}
        chain: list[fast_import.ChainedCommit] = []
        made: list[int | None] = []
        for k, (group, (_, message, date)) in enumerate(zip(groups, commits, strict=True)):
            if k not in touched:
                made.append(None)  # identical to what is committed
                continue
            when = fast_import.adoption_time(date) if date else None
            chain.append(fast_import.ChainedCommit(tuple(group), tuple(entries[k]),
                                                   _clean_message(message), when))  # fmt: skip
            made.append(len(chain))
        if not chain:
            return [*shas, *[None] * len(commits)]
        marks = self._fast_import(head, chain)
        return [*shas, *[marks[number] if number else None for number in made]]

    def _fast_import(self, head: str, chain: Sequence[fast_import.ChainedCommit]) -> dict[int, str]:
        """Run fast-import for ``chain`` on a private ref; move HEAD to its last commit."""
        import tempfile

        from resdiff.storage import fast_import

        env = {} if self._has_identity() else _fallback_env()
        author, committer = self._identities(env)
        ref = f"refs/resdiff/batch-{os.getpid()}"
        data = fast_import.stream(ref, head, chain, author, committer)
        with tempfile.TemporaryDirectory() as folder:
            marks_file = Path(folder) / "marks"
            self._feed("git fast-import", ["fast-import", "--quiet", "--done",
                       f"--export-marks={marks_file}"], data, env)  # fmt: skip
            marks = fast_import.read_marks(marks_file.read_text("ascii"))
        last = marks[len(chain)]
        subject = chain[-1].message.splitlines()[0] if chain[-1].message else ""
        moves = f"update HEAD {last} {head}\ndelete {ref}\n"
        self._run("git commit", "update-ref", "-m", f"commit: {subject}", "--stdin", stdin=moves)
        return marks

    def prime(self) -> None:
        """Ask git now what commits need of it (settings, identity), once for this object.

        Failures are left for the commit to report: nothing is raised here.
        """
        with contextlib.suppress(StoreError):
            self._identities({} if self._has_identity() else _fallback_env())

    def _identities(self, env: dict[str, str]) -> tuple[str, str]:
        """Author and committer ``Name <email> time zone``, as ``git var`` gives them: asked
        once per repository object, the time then made now again at each call."""
        import time

        if self._idents is None:
            # One process for both identities (``git var -l`` also lists the configuration).
            found = {}
            for line in self._run("git var", "var", "-l", env=env).splitlines():
                key, _, value = line.partition("=")
                if key in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"):
                    found[key] = value
            for key in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"):
                if key not in found:  # not listed: ask for it alone (its error says why)
                    found[key] = self._run("git var", "var", key, env=env).strip()
            self._idents = found["GIT_AUTHOR_IDENT"], found["GIT_COMMITTER_IDENT"]
            return self._idents
        now = str(int(time.time()))
        author, committer = (_retimed(ident, now) for ident in self._idents)
        return author, committer

    def _feed(self, what: str, args: Sequence[str], data: bytes, env: dict[str, str]) -> None:
        """Run ``git ARGS`` with ``data`` (bytes) on its standard input.

        Raises:
            StoreError: git failed (its last line of error).
        """
        import subprocess

        command = [os.environ.get("GIT_PYTHON_GIT_EXECUTABLE") or "git", *args]
        try:
            done = subprocess.run(command, cwd=self.root, capture_output=True, input=data,
                                  env={**os.environ, **env}, check=False)  # fmt: skip
        except OSError as exc:
            raise StoreError(f"{what} failed: {exc.strerror or exc}") from None
        if done.returncode != 0:
            text = done.stderr.decode("utf-8", "replace").strip()
            detail = (text.splitlines() or ["no message"])[-1].strip().strip("'\" ")
            raise StoreError(f"{what} failed: {detail}")

    def _posix(self, paths: Sequence[Path]) -> list[str]:
        """Paths relative to the work tree, with ``/`` (as git lists them), on every system."""
        return [Path(p).resolve().relative_to(self.root).as_posix() for p in paths]

    def _plain_commits(self) -> bool:
        """True when ``git commit --no-verify`` would do nothing that plumbing does not.

        That is: no hook it runs (``prepare-commit-msg``, ``post-commit``) and no signing.
        Otherwise commits go through ``git commit``, hooks and signing included. The settings
        are asked of ``git config`` itself, which also reads what configuration files cannot
        show (``GIT_CONFIG_COUNT``/``GIT_CONFIG_KEY_n`` in the environment, ``-c``, includes).
        """
        settings = self.settings()
        if settings.get("commit.gpgsign", "false").strip().lower() in ("true", "yes", "1", "on"):
            return False
        hooks_path = settings.get("core.hookspath", "").strip()
        hooks = Path(hooks_path).expanduser() if hooks_path else self.common_dir / "hooks"
        if not hooks.is_absolute():
            hooks = self.root / hooks
        return not any(
            os.access(hooks / name, os.X_OK) for name in ("prepare-commit-msg", "post-commit")
        )

    def _commit_tree(
        self, head: str | None, relative: Sequence[str], message: str, date: str | None
    ) -> str | None:
        """Commit the staged ``relative`` paths with plumbing: the tree of the index, a commit
        object, HEAD moved from ``head`` to it (or created, for a first commit). What ``git
        commit --only`` records when nothing else is staged; when something else is, it is
        left staged and only these paths move.
        """
        with self._owning_index():
            if head is not None:
                listing = self._run("git commit", "diff-index", "--cached", "--name-only",
                                    "-z", "HEAD", "--")  # fmt: skip
            else:  # a first commit: everything in the index is staged
                listing = self._run("git commit", "ls-files", "-z")
            staged = [p for p in listing.split("\0") if p]
            ours = [p for p in staged if any(_inside(p, r) for r in relative)]
            if not ours:
                return None  # identical to what is committed
            if len(ours) < len(staged):
                # Something else is staged: build our tree in a temporary index.
                tree = self._tree_of(head, relative)
            else:
                tree = self._run("git commit", "write-tree").strip()
            env = {} if self._has_identity() else _fallback_env()
            if date:
                env["GIT_AUTHOR_DATE"] = f"{date}T12:00:00+00:00"
            text = _clean_message(message)
            parents = ["-p", head] if head is not None else []
            sha = self._run("git commit", "commit-tree", tree, *parents, "-m", text, env=env)
            sha = sha.strip()
            subject = text.splitlines()[0] if text else ""
            reflog = f"commit: {subject}" if head is not None else f"commit (initial): {subject}"
            # The old value makes the move atomic: it fails if HEAD moved meanwhile ("" for
            # a first commit: the branch must not exist yet).
            self._run("git commit", "update-ref", "-m", reflog, "HEAD", sha, head or "")
        return sha

    def _run(
        self, what: str, *args: str, env: dict[str, str] | None = None, stdin: str | None = None
    ) -> str:
        """The output of ``git ARGS`` run in the work tree (UTF-8 text).

        Raises:
            StoreError: git failed (``what`` failed: its last line of error).
        """
        data = stdin.encode("utf-8") if stdin is not None else None
        return _run_in(self.root, what, *args, env=env, stdin=data).decode(
            "utf-8", "surrogateescape"
        )

    def _tree_of(self, head: str | None, relative: Sequence[str]) -> str:
        """The tree of HEAD with ``relative`` paths as the index has them (a temporary index).

        Raises:
            StoreError: git failed.
        """
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            env = {"GIT_INDEX_FILE": str(Path(folder) / "index")}
            what = "git commit"
            entries = self._run(what, "ls-files", "-s", "-z", "--", *relative)
            if head is not None:
                self._run(what, "read-tree", head, env=env)
                self._run(what, "rm", "--cached", "-r", "-q", "--ignore-unmatch", "--",
                          *relative, env=env)  # fmt: skip
            if entries:
                self._run(what, "update-index", "-z", "--index-info", env=env, stdin=entries)
            return self._run(what, "write-tree", env=env).strip()

    def _relative(self, paths: Sequence[Path]) -> list[str]:
        return [str(Path(p).resolve().relative_to(self.root)) for p in paths]

    def _has_identity(self) -> bool:
        if os.environ.get("GIT_AUTHOR_NAME") and os.environ.get("GIT_COMMITTER_NAME"):
            return True
        settings = self.settings()
        return bool(settings.get("user.name")) and bool(settings.get("user.email"))

    def show_file(self, rev: str, path: Path) -> bytes:
        """The bytes of a file at a revision.

        Raises:
            StoreError: the revision or the file does not exist there.
        """
        relative = Path(path).resolve().relative_to(self.root).as_posix()
        try:
            if rev.startswith("-"):
                raise StoreError(rev)
            return _run_in(self.root, "git cat-file", "cat-file", "blob", f"{rev}:{relative}")
        except StoreError:
            raise StoreError(f"{relative} does not exist at revision {rev!r}") from None

    def is_tracked(self, path: Path, rev: str = "HEAD") -> bool:
        """True when a revision (HEAD by default) holds the file ``path``."""
        relative = Path(path).resolve().relative_to(self.root).as_posix()
        try:
            _run_in(self.root, "git cat-file", "cat-file", "-e", f"{rev}:{relative}")
        except StoreError:
            return False
        return True

    def list_files(self, rev: str, path: Path) -> list[str]:
        """Paths (relative to ``path``) of the files under ``path`` at a revision.

        Raises:
            StoreError: the revision or the folder does not exist there.
        """
        relative = Path(path).resolve().relative_to(self.root).as_posix()
        try:
            commit = self.resolve(rev)
            listing = self._run("git ls-tree", "ls-tree", "-r", "--name-only", "-z", commit,
                                "--", "." if relative == "." else relative)  # fmt: skip
        except StoreError:
            raise StoreError(f"{relative} does not exist at revision {rev!r}") from None
        names = [name for name in listing.split("\0") if name]
        if relative != "." and not names:
            raise StoreError(f"{relative} does not exist at revision {rev!r}")
        prefix = len(relative) + 1 if relative != "." else 0
        return [name[prefix:] for name in names]

    def modes(self, path: Path, rev: str | None = None) -> list[tuple[str, str]]:
        """(path relative to ``path``, git mode) of every entry under ``path``.

        Args:
            path: a folder of the work tree.
            rev: a revision, or None for the index (what the next commit holds).

        Raises:
            StoreError: git failed (no such revision).
        """
        relative = Path(path).resolve().relative_to(self.root).as_posix()
        if rev is None:
            listing = self._run("git ls-files", "ls-files", "-s", "-z", "--", relative)
        else:
            listing = self._run("git ls-tree", "ls-tree", "-r", "-z", self.resolve(rev), "--",
                                relative)  # fmt: skip
        prefix = len(relative) + 1 if relative != "." else 0
        found = []
        for line in listing.split("\0"):
            if line:
                info, _, name = line.partition("\t")
                found.append((name[prefix:], info.split(" ")[0]))
        return found

    def resolve(self, rev: str) -> str:
        """The commit sha a revision names.

        Raises:
            StoreError: no such revision.
        """
        try:
            if rev.startswith("-") or not rev:
                raise StoreError(rev)  # never an option to git
            found = self._run("git rev-parse", "rev-parse", "--verify", "--quiet",
                              f"{rev}^{{commit}}").strip()  # fmt: skip
        except StoreError:
            found = ""
        if not found:
            raise StoreError(
                f"{rev!r} is not a revision of {self.root}; use a commit, a branch or HEAD~N"
            )
        return found

    def export(self, rev: str, path: Path, target: Path) -> int:
        """Write every file under ``path`` at a revision into ``target``; returns how many.

        One ``git ls-tree`` lists the files and one ``git cat-file --batch`` reads them all.
        Returns 0 when ``path`` did not exist at that revision.

        Raises:
            StoreError: no such revision.
        """
        relative = Path(path).resolve().relative_to(self.root).as_posix()
        commit = self.resolve(rev)
        listing = self._run("git ls-tree", "ls-tree", "-r", "-z", commit, "--",
                            "." if relative == "." else relative)  # fmt: skip
        prefix = len(relative) + 1 if relative != "." else 0
        blobs: list[tuple[str, str]] = []
        for line in listing.split("\0"):
            info, _, name = line.partition("\t")
            fields = info.split(" ")
            if len(fields) == 3 and fields[1] == "blob":
                blobs.append((name[prefix:], fields[2]))
        if not blobs:
            return 0
        request = "".join(f"{sha}\n" for _, sha in blobs).encode("ascii")
        output = _run_in(self.root, "git cat-file", "cat-file", "--batch", stdin=request)
        at = 0
        for name, _ in blobs:  # "<id> blob <size>\n<content>\n" each
            end = output.index(b"\n", at)
            size = int(output[at:end].split()[2])
            destination = target / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(output[end + 1 : end + 1 + size])
            at = end + 1 + size + 1
        return len(blobs)


def write_blobs(folder: Path, files: Sequence[Path]) -> bool:
    """Write files into the object store of the repository holding ``folder``, ahead of time.

    A batch's workers run it on the files they staged (one ``git hash-object -w``), so that
    the parent's ``git add``, under the store lock, finds the blobs written and only hashes
    the files (git writes no object it already has). Nothing depends on it: what ``git add``
    stages is what it hashes, and a blob written here that is never committed (a failed
    batch, a path whose attributes filter it otherwise) is an unreachable object, which
    ``git gc`` deletes in time, as it does those of an interrupted ``git add``.

    Returns:
        False when git did not write them (no repository yet, no git): ``git add`` will.
    """
    import subprocess

    names = [str(path) for path in files if "\n" not in str(path)]
    if not names:
        return True
    command = [os.environ.get("GIT_PYTHON_GIT_EXECUTABLE") or "git", "hash-object", "-w",
               "--stdin-paths"]  # fmt: skip
    try:
        done = subprocess.run(command, cwd=folder, input="\n".join(names).encode() + b"\n",
                              capture_output=True, check=False)  # fmt: skip
    except OSError:
        return False
    return done.returncode == 0


def _git_dir_at(folder: Path) -> Path | None:
    """The git folder of a work tree rooted at ``folder`` (``.git``, or the folder a ``.git``
    file names, as in a linked worktree or a submodule), or None."""
    dot_git = folder / ".git"
    if dot_git.is_dir():
        return dot_git if (dot_git / "HEAD").is_file() else None
    if dot_git.is_file():
        try:
            text = dot_git.read_text(encoding="utf-8").strip()
        except OSError:
            return None
        if text.startswith("gitdir:"):
            found = (folder / text.removeprefix("gitdir:").strip()).resolve()
            return found if (found / "HEAD").is_file() else None
    return None


def _packed_ref(common_dir: Path, name: str) -> str | None:
    """The sha ``packed-refs`` gives a ref, or None."""
    try:
        text = (common_dir / "packed-refs").read_text(encoding="utf-8")
    except OSError:
        return None
    for line in text.splitlines():
        if line.endswith(" " + name) and not line.startswith(("#", "^")):
            return line.split(" ", 1)[0]
    return None


def _run_in(
    folder: Path, what: str, *args: str, env: dict[str, str] | None = None,
    stdin: bytes | None = None,
) -> bytes:  # fmt: skip
    """The output of ``git ARGS`` run in ``folder``, the ``git`` executable directly.

    Raises:
        StoreError: git failed (``what`` failed: its last line of error).
    """
    import subprocess

    command = [os.environ.get("GIT_PYTHON_GIT_EXECUTABLE") or "git", *args]
    try:
        done = subprocess.run(command, cwd=folder, capture_output=True,
                              env={**os.environ, **(env or {})}, input=stdin,
                              check=False)  # fmt: skip
    except OSError as exc:
        raise StoreError(f"{what} failed: {exc.strerror or exc}") from None
    if done.returncode != 0:
        error = done.stderr.decode("utf-8", "replace")
        lines = error.strip().splitlines() or ["no message"]
        detail = lines[-1].strip().removeprefix("stderr: ").strip("'\" ")
        raise StoreError(f"{what} failed: {detail}")
    return done.stdout


def _stale_own_lock(git_dir: Path, lock: Path) -> bool:
    """True when ``index.lock`` was made by the git of a resdiff writer that is now dead."""
    owner = git_dir / OWNER_FILE
    try:
        pid = int(owner.read_text(encoding="utf-8").strip())
        made = owner.stat().st_mtime
        locked = lock.stat().st_mtime
    except (OSError, ValueError):
        return False
    if not made - 1 <= locked <= made + OWN_LOCK_WINDOW:
        return False  # made by another git command, before or long after ours
    return not process_alive(pid)


def process_alive(pid: int) -> bool:
    """True when a process with this pid exists (a pid we cannot signal counts as alive)."""
    if pid == os.getpid() or os.name == "nt":  # Windows' os.kill would terminate it
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True
    return True


def _owner(owners: dict[str, int], path: str) -> int:
    """The value of the nearest of ``owners`` that is ``path`` or a folder holding it.

    Git lists only what is under the paths it was given, so there is one.

    >>> _owner({"s/A": 0, "s/B": 1}, "s/B/fr/units/op1.txt")
    1
    """
    found = path
    while found not in owners:
        if "/" not in found:
            raise StoreError(f"git listed {path}, which resdiff did not ask for")
        found = found.rpartition("/")[0]
    return owners[found]


def _inside(path: str, folder: str) -> bool:
    """True when ``path`` (posix, relative to the work tree) is ``folder`` or inside it."""
    folder = folder.replace(os.sep, "/").rstrip("/")
    return folder in ("", ".") or path == folder or path.startswith(folder + "/")


def _retimed(ident: str, now: str) -> str:
    """A ``git var`` identity line with its time (not its zone) replaced by ``now``.

    >>> _retimed("A <a@b> 1700000000 +0100", "1800000000")
    'A <a@b> 1800000000 +0100'
    """
    from resdiff.storage import fast_import

    who, when = fast_import.parse_ident(ident)
    zone = when.split(" ")[-1] if " " in when else when
    return f"{who} {now} {zone}"


def _clean_message(message: str) -> str:
    """A message as ``git commit -m`` records it (its ``whitespace`` clean-up).

    Example:
        >>> _clean_message("\\nAdd  x  \\n\\n\\n\\nmore\\n")
        'Add  x\\n\\nmore'
    """
    lines = [line.rstrip() for line in message.splitlines()]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip("\n")


def _fallback_env() -> dict[str, str]:
    name, email = FALLBACK_IDENTITY
    return {
        "GIT_AUTHOR_NAME": os.environ.get("GIT_AUTHOR_NAME", name),
        "GIT_AUTHOR_EMAIL": os.environ.get("GIT_AUTHOR_EMAIL", email),
        "GIT_COMMITTER_NAME": os.environ.get("GIT_COMMITTER_NAME", name),
        "GIT_COMMITTER_EMAIL": os.environ.get("GIT_COMMITTER_EMAIL", email),
    }


def version_trees(folder: Path) -> tuple[str, dict[str, str]] | None:
    """HEAD's commit and the git tree id of every ``<series>/<version>`` folder under ``folder``.

    Two read-only plumbing commands (``rev-parse``, then one recursive ``ls-tree`` of the
    folders) run through the ``git`` executable directly: importing GitPython would cost
    more (~0.13 s) than they do, and the search index asks this before every query.

    Returns:
        ``(head, {"series/FOLDER": tree id})``, or None when ``folder`` is not in a git
        repository with commits, or is not in HEAD's tree.
    """
    head = _plumbing(folder, "rev-parse", "--verify", "--quiet", "HEAD")
    if not head:
        return None
    # Every folder under this one at once (paths relative to it); the versions are the
    # folders two levels down: one process instead of one per level.
    listing = _plumbing(folder, "ls-tree", "-d", "-r", "-z", "HEAD", "--", ".")
    if listing is None:
        return None
    trees: dict[str, str] = {}
    for line in listing.split("\0"):
        info, tab, name = line.partition("\t")
        series, slash, version = name.partition("/")
        if tab and slash and series != "." and version and "/" not in version:
            trees[name] = info.split()[2]
    return head.strip(), trees


def clean_tree(folder: Path, path: str) -> str | None:
    """The git tree id of ``path`` (relative to ``folder``) at HEAD, if nothing there changed.

    Two read-only commands: ``rev-parse HEAD:./path`` and ``status`` limited to ``path``
    (``--no-optional-locks``: it never writes the index a writer may be about to lock).

    Returns:
        The tree id, or None when ``folder`` is not in a git repository, ``path`` is not in
        HEAD, or it holds a staged, modified, deleted or untracked file.
    """
    return clean_tree_started(folder, path)()


def clean_tree_started(folder: Path, path: str) -> Callable[[], str | None]:
    """:func:`clean_tree`, its commands started now: call the result for the answer.

    Both commands run at once (they need nothing from each other), and beside whatever the
    caller does until it asks.
    """
    outputs = _started(
        folder,
        ["rev-parse", "--verify", "--quiet", f"HEAD:./{path}"],
        ["--no-optional-locks", "status", "--porcelain", "-z", "--untracked-files=all", "--",
         path],
    )  # fmt: skip

    def answer() -> str | None:
        tree, status = outputs()
        return tree.strip() if tree and status == "" else None

    return answer


def subtrees(folder: Path, tree: str) -> dict[str, str] | None:
    """The folders of a git tree object and their tree ids (one ``git ls-tree``).

    Args:
        folder: a folder of the repository (where git runs).
        tree: a tree id (as :func:`clean_tree` gives it): what it lists never changes.

    Returns:
        ``{name: tree id}``, or None when git cannot list it.
    """
    return subtrees_started(folder, tree)()


def subtrees_started(folder: Path, tree: str) -> Callable[[], dict[str, str] | None]:
    """:func:`subtrees`, its command started now: call the result for the answer."""
    if not tree or not set(tree) <= _HEX:
        return lambda: None
    outputs = _started(folder, ["ls-tree", "--full-tree", "-z", tree])

    def answer() -> dict[str, str] | None:
        (listing,) = outputs()
        if listing is None:
            return None
        found = {}
        for line in listing.split("\0"):
            info, _, name = line.partition("\t")
            fields = info.split(" ")
            if len(fields) == 3 and fields[1] == "tree":
                found[name] = fields[2]
        return found

    return answer


def _started(folder: Path, *commands: list[str]) -> Callable[[], list[str | None]]:
    """Read-only git commands started at once in ``folder``; call the result for the output
    of each (None for one that failed), as :func:`_plumbing` gives it."""
    from resdiff._git_read import git_output, start_git

    started = [start_git(folder, args) for args in commands]
    found: list[str | None] = []

    def outputs() -> list[str | None]:
        if not found:
            found.extend(git_output(process) for process in started)
        return found

    return outputs


def _plumbing(folder: Path, *args: str) -> str | None:
    """The output of a read-only git command run in ``folder``, or None when it fails."""
    return _started(folder, list(args))()[0]
