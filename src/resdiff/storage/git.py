"""The only GitPython user: find or create the repository, refuse unsafe states, commit paths.

GitPython is imported lazily (it costs ~0.1 s), so commands that only read never pay for it.
A commit records just the given paths and leaves anything else the user had staged, staged:
with plumbing (``diff-index``, ``write-tree``, ``commit-tree``, ``update-ref``: no hook to
look for, no second pass over the index) when no hook or signing is configured, else with
git's own ``commit --only``, through GitPython's command wrapper either way.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from resdiff.errors import StoreError
from resdiff.storage import fast_import

if TYPE_CHECKING:
    import git

logger = logging.getLogger(__name__)

# In the git folder while a resdiff writer runs git: the pid of that writer.
OWNER_FILE = "resdiff-git.pid"
# An index.lock our git made is at most this many seconds younger than the pid file.
OWN_LOCK_WINDOW = 120.0

# Used only when neither the repository nor the environment names a committer.
FALLBACK_IDENTITY = ("resdiff", "resdiff@localhost")


class GitRepo:
    """A git repository holding a store (the store may be a sub-folder of it)."""

    def __init__(self, repo: git.Repo) -> None:
        self._repo = repo
        self.root = Path(repo.working_tree_dir or ".").resolve()

    @classmethod
    def find(cls, path: Path) -> GitRepo | None:
        """The repository containing ``path``, or None."""
        import git

        try:
            return cls(git.Repo(path, search_parent_directories=True))
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            return None

    @classmethod
    def init(cls, path: Path) -> GitRepo:
        """Create a repository at ``path``."""
        import git

        logger.info("initialising a git repository in %s", path)
        return cls(git.Repo.init(path))

    def check_writable(self, *, index: bool = True) -> None:
        """Refuse to commit in the middle of a merge, on a locked index, or a detached HEAD.

        Args:
            index: also check the index lock (writers check it once they hold the store
                lock, so that another resdiff's commit in progress is not mistaken for it).

        Raises:
            StoreError: the repository is in one of those states.
        """
        git_dir = Path(self._repo.git_dir)
        for marker, state in (
            ("MERGE_HEAD", "in the middle of a merge"),
            ("REBASE_HEAD", "in the middle of a rebase"),
            ("CHERRY_PICK_HEAD", "in the middle of a cherry-pick"),
            ("rebase-merge", "in the middle of a rebase"),
            ("rebase-apply", "in the middle of a rebase"),
        ):
            if (git_dir / marker).exists():
                raise StoreError(
                    f"the git repository at {self.root} is {state}; finish or abort it first"
                )
        if index:
            self.check_index()
        if self._repo.head.is_detached:
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
        git_dir = Path(self._repo.git_dir)
        lock = git_dir / "index.lock"
        if lock.exists() and _stale_own_lock(git_dir, lock):
            logger.warning("removed .git/index.lock left by a killed resdiff (its git died too)")
            lock.unlink(missing_ok=True)
            (git_dir / OWNER_FILE).unlink(missing_ok=True)
        if lock.exists():
            raise StoreError(
                f"the git index of {self.root} is locked (.git/index.lock); "
                "wait for the other git command or remove the stale lock"
            )

    @contextlib.contextmanager
    def _owning_index(self) -> Iterator[None]:
        """Record our pid while our git may hold ``index.lock`` (see :meth:`check_index`)."""
        owner = Path(self._repo.git_dir) / OWNER_FILE
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
        with _git_errors("git reset"), self._owning_index():
            if self.head() is None:
                self._repo.git.rm("--cached", "-r", "-q", "--ignore-unmatch", "--", *relative)
            else:
                self._repo.git.reset("-q", "HEAD", "--", *relative)

    def head(self) -> str | None:
        """The commit HEAD points to, or None in a repository without commits.

        Read from the ref files (GitPython's ref resolution: loose and packed refs, no
        process); ``git rev-parse`` when they cannot be read that way. Never GitPython's
        object database, whose long-lived ``git cat-file`` process could outlive the command
        (as in :meth:`show_file`).
        """
        import git
        from git.refs.symbolic import SymbolicReference

        try:
            found = str(SymbolicReference.dereference_recursive(self._repo, "HEAD"))
        except ValueError:
            return None  # a branch without commits yet
        except (OSError, TypeError, git.GitError):
            found = ""
        if len(found) == 40 and all(ch in "0123456789abcdef" for ch in found):
            return found
        try:
            return str(self._repo.git.rev_parse("--verify", "--quiet", "HEAD")).strip() or None
        except git.GitCommandError:
            return None

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
        import git

        relative = self._relative(paths)
        git_cmd = self._repo.git
        head = self.head()
        if head is not None and self._plain_commits():
            return self._commit_tree(head, relative, message, date)
        if head is not None:
            try:
                git_cmd.diff("--cached", "--quiet", "HEAD", "--", *relative)
                return None  # identical to what is committed
            except git.GitCommandError:
                pass  # differences: commit them
        options = ["--only", "--no-verify", "-m", message]
        if date:
            options += ["--date", f"{date}T12:00:00+00:00"]
        env = {} if self._has_identity() else _fallback_env()
        with _git_errors("git commit"), self._owning_index():
            git_cmd.commit(*options, "--", *relative, env=env)
        return self.head()

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

        env = {} if self._has_identity() else _fallback_env()
        # One process for both identities (``git var -l`` also lists the configuration).
        found = {}
        for line in self._run("git var", "var", "-l", env=env).splitlines():
            key, _, value = line.partition("=")
            if key in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"):
                found[key] = value
        for key in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"):
            if key not in found:  # not listed: ask for it alone (its error says why)
                found[key] = self._run("git var", "var", key, env=env).strip()
        author, committer = found["GIT_AUTHOR_IDENT"], found["GIT_COMMITTER_IDENT"]
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
        try:
            found = self._run(
                "git config", "config", "--null", "--get-regexp",
                r"^(commit\.gpgsign|core\.hookspath)$",
            )  # fmt: skip
        except StoreError:
            found = ""  # exit 1: neither is set
        settings: dict[str, str] = {}
        for entry in filter(None, found.split("\0")):
            key, _, value = entry.partition("\n")
            settings[key.lower()] = value
        if settings.get("commit.gpgsign", "false").strip().lower() in ("true", "yes", "1", "on"):
            return False
        hooks_path = settings.get("core.hookspath", "").strip()
        hooks = Path(hooks_path).expanduser() if hooks_path else Path(self._repo.git_dir) / "hooks"
        if not hooks.is_absolute():
            hooks = self.root / hooks
        return not any(
            os.access(hooks / name, os.X_OK) for name in ("prepare-commit-msg", "post-commit")
        )

    def _commit_tree(
        self, head: str, relative: Sequence[str], message: str, date: str | None
    ) -> str | None:
        """Commit the staged ``relative`` paths with plumbing: the tree of the index, a commit
        object, HEAD moved from ``head`` to it. What ``git commit --only`` records when nothing
        else is staged; when something else is, it is left staged and only these paths move.
        """
        with self._owning_index():
            listing = self._run("git commit", "diff-index", "--cached", "--name-only", "-z",
                                "HEAD", "--")  # fmt: skip
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
            sha = self._run("git commit", "commit-tree", tree, "-p", head, "-m", text, env=env)
            sha = sha.strip()
            subject = text.splitlines()[0] if text else ""
            self._run("git commit", "update-ref", "-m", f"commit: {subject}", "HEAD", sha, head)
        return sha

    def _run(
        self, what: str, *args: str, env: dict[str, str] | None = None, stdin: str | None = None
    ) -> str:
        """The output of ``git ARGS`` run in the work tree, the ``git`` executable directly.

        A third of the time of the same command through GitPython's wrapper (no Python-side
        set-up per call), which counts when every version of a batch is a commit.

        Raises:
            StoreError: git failed (``what`` failed: its last line of error).
        """
        import subprocess

        command = [os.environ.get("GIT_PYTHON_GIT_EXECUTABLE") or "git", *args]
        try:
            done = subprocess.run(command, cwd=self.root, capture_output=True, text=True,
                                  env={**os.environ, **(env or {})}, input=stdin,
                                  check=False)  # fmt: skip
        except OSError as exc:
            raise StoreError(f"{what} failed: {exc.strerror or exc}") from None
        if done.returncode != 0:
            lines = done.stderr.strip().splitlines() or ["no message"]
            detail = lines[-1].strip().strip("'\" ")
            raise StoreError(f"{what} failed: {detail}")
        return done.stdout

    def _tree_of(self, head: str, relative: Sequence[str]) -> str:
        """The tree of HEAD with ``relative`` paths as the index has them (a temporary index).

        Raises:
            StoreError: git failed.
        """
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            env = {"GIT_INDEX_FILE": str(Path(folder) / "index")}
            what = "git commit"
            entries = self._run(what, "ls-files", "-s", "-z", "--", *relative)
            self._run(what, "read-tree", head, env=env)
            self._run(what, "rm", "--cached", "-r", "-q", "--ignore-unmatch", "--", *relative,
                      env=env)  # fmt: skip
            if entries:
                self._run(what, "update-index", "-z", "--index-info", env=env, stdin=entries)
            return self._run(what, "write-tree", env=env).strip()

    def _relative(self, paths: Sequence[Path]) -> list[str]:
        return [str(Path(p).resolve().relative_to(self.root)) for p in paths]

    def _has_identity(self) -> bool:
        if os.environ.get("GIT_AUTHOR_NAME") and os.environ.get("GIT_COMMITTER_NAME"):
            return True
        reader = self._repo.config_reader()
        return bool(reader.get_value("user", "name", "")) and bool(
            reader.get_value("user", "email", "")
        )

    def show_file(self, rev: str, path: Path) -> bytes:
        """The bytes of a file at a revision.

        Uses ``git show`` rather than GitPython's object database, whose long-lived
        ``git cat-file`` processes would outlive the command.

        Raises:
            StoreError: the revision or the file does not exist there.
        """
        import git

        relative = Path(path).resolve().relative_to(self.root).as_posix()
        try:
            data: bytes = self._repo.git.show(
                f"{rev}:{relative}", stdout_as_string=False, strip_newline_in_stdout=False
            )
        except git.GitCommandError:
            raise StoreError(f"{relative} does not exist at revision {rev!r}") from None
        return data

    def list_files(self, rev: str, path: Path) -> list[str]:
        """Paths (relative to ``path``) of the files under ``path`` at a revision.

        Raises:
            StoreError: the revision or the folder does not exist there.
        """
        import git

        relative = Path(path).resolve().relative_to(self.root).as_posix()
        try:
            self._repo.git.rev_parse("--verify", "--quiet", f"{rev}^{{commit}}")
            listing: str = self._repo.git.ls_tree(
                "-r", "--name-only", "-z", rev, "--", "." if relative == "." else relative
            )
        except git.GitCommandError:
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
        with _git_errors("git ls-files" if rev is None else "git ls-tree"):
            if rev is None:
                listing: str = self._repo.git.ls_files("-s", "-z", "--", relative)
            else:
                listing = self._repo.git.ls_tree("-r", "-z", rev, "--", relative)
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
        import git

        try:
            return str(self._repo.commit(rev).hexsha)
        except (git.BadName, ValueError):
            raise StoreError(
                f"{rev!r} is not a revision of {self.root}; use a commit, a branch or HEAD~N"
            ) from None

    def export(self, rev: str, path: Path, target: Path) -> int:
        """Write every file under ``path`` at a revision into ``target``; returns how many.

        Returns 0 when ``path`` did not exist at that revision.

        Raises:
            StoreError: no such revision.
        """
        import git

        relative = Path(path).resolve().relative_to(self.root).as_posix()
        tree = self._repo.commit(self.resolve(rev)).tree
        try:
            tree = tree / relative if relative != "." else tree
        except KeyError:
            return 0
        prefix = len(relative) + 1 if relative != "." else 0
        count = 0
        for item in tree.traverse():
            if isinstance(item, git.Blob):
                destination = target / str(item.path)[prefix:]
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(item.data_stream.read())
                count += 1
        return count


@contextlib.contextmanager
def _git_errors(what: str) -> Iterator[None]:
    """Turn a failed git command into a one-line :class:`StoreError`."""
    import git

    try:
        yield
    except git.GitCommandError as exc:
        lines = str(exc.stderr or exc).strip().splitlines() or ["no message"]
        detail = lines[-1].strip().removeprefix("stderr: ").strip("'\" ")
        raise StoreError(f"{what} failed: {detail}") from None


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

    Two read-only plumbing commands (``rev-parse``, ``ls-tree``) run through the ``git``
    executable directly: importing GitPython would cost more (~0.13 s) than they do, and the
    search index asks this before every query.

    Returns:
        ``(head, {"series/FOLDER": tree id})``, or None when ``folder`` is not in a git
        repository with commits, or is not in HEAD's tree.
    """
    head = _plumbing(folder, "rev-parse", "--verify", "--quiet", "HEAD")
    if not head:
        return None
    listing = _plumbing(folder, "ls-tree", "-d", "-z", "HEAD", "--", ".")
    if listing is None:
        return None
    series = [line.split("\t", 1)[1] for line in listing.split("\0") if "\t" in line]
    trees: dict[str, str] = {}
    if series:
        inner = _plumbing(folder, "ls-tree", "-d", "-z", "HEAD", "--", *[f"{s}/" for s in series])
        for line in (inner or "").split("\0"):
            if "\t" in line:
                info, name = line.split("\t", 1)
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
    tree = _plumbing(folder, "rev-parse", "--verify", "--quiet", f"HEAD:./{path}")
    if not tree:
        return None
    status = _plumbing(folder, "--no-optional-locks", "status", "--porcelain", "-z",
                       "--untracked-files=all", "--", path)  # fmt: skip
    return tree.strip() if status == "" else None


def _plumbing(folder: Path, *args: str) -> str | None:
    """The output of a read-only git command run in ``folder``, or None when it fails."""
    import subprocess

    try:
        done = subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, text=True, check=False
        )
    except OSError:  # no git executable
        return None
    return done.stdout if done.returncode == 0 else None
