//! Every write infraplan makes goes through this module.
//!
//! - [`fs`]: one file at a time — atomic replace keeping permissions and
//!   symlinks, never-overwrite create, bounded reads, and the per-directory
//!   write lock that serialises infraplan's writers. Plan edits use
//!   [`fs::replace_if`] through `edit::write_plan`.
//! - [`changeset`]: several files as one change (ADR supersede, link,
//!   renumber, the README index), verified against the bytes they were read
//!   from and published all or none.
//! - [`Locks`]: the write locks of the directories a command changes, taken
//!   before it reads them and held until it has written, so two runs that
//!   read the same directory never both act on the same state (two `adr new`
//!   runs never hand out one number twice).

pub mod changeset;
pub mod fs;

use camino::{Utf8Path, Utf8PathBuf};

use changeset::{Change, CommitError};

/// The write locks of a set of directories, held until dropped.
#[derive(Debug)]
pub struct Locks {
    /// Canonical paths of the locked directories, sorted.
    dirs: Vec<Utf8PathBuf>,
    _held: Vec<fs::WriteLock>,
}

impl Locks {
    /// Creates each directory if it is missing and takes its write lock.
    /// Locks are taken in path order, so two runs locking overlapping sets
    /// cannot deadlock; a directory named twice is locked once.
    pub fn acquire(dirs: &[&Utf8Path]) -> std::io::Result<Self> {
        let mut canonical = Vec::with_capacity(dirs.len());
        for dir in dirs {
            let dir = if dir.as_str().is_empty() {
                Utf8Path::new(".")
            } else {
                dir
            };
            std::fs::create_dir_all(dir)?;
            canonical.push(canonicalize(dir)?);
        }
        canonical.sort();
        canonical.dedup();
        let held = canonical
            .iter()
            .map(|dir| fs::lock_dir(dir))
            .collect::<std::io::Result<Vec<_>>>()?;
        Ok(Self {
            dirs: canonical,
            _held: held,
        })
    }

    /// Applies `changes` all or none ([`changeset`]). Each changed file must
    /// lie in a locked directory: writing elsewhere would race other runs.
    pub fn commit(&self, changes: &[Change]) -> Result<(), CommitError> {
        for change in changes {
            let parent = change
                .path
                .parent()
                .filter(|p| !p.as_str().is_empty())
                .unwrap_or(Utf8Path::new("."));
            let covered = canonicalize(parent).is_ok_and(|p| self.dirs.contains(&p));
            if !covered {
                return Err(CommitError::Unlocked {
                    path: change.path.clone(),
                });
            }
        }
        changeset::apply(changes)
    }
}

/// Writes one generated file (a report, a diagram): created, or replaced
/// when it exists, under its directory's lock and atomically, keeping the
/// mode and following a symlink like every other write.
pub fn write_generated(path: &Utf8Path, text: String) -> Result<(), CommitError> {
    write_generated_all(vec![(path.to_owned(), text)])
}

/// Writes generated files (created or replaced) all or none, under the
/// locks of their directories.
pub fn write_generated_all(files: Vec<(Utf8PathBuf, String)>) -> Result<(), CommitError> {
    let parent = |path: &Utf8Path| {
        path.parent()
            .filter(|p| !p.as_str().is_empty())
            .unwrap_or(Utf8Path::new("."))
            .to_owned()
    };
    let mut dirs: Vec<Utf8PathBuf> = files.iter().map(|(path, _)| parent(path)).collect();
    dirs.sort();
    dirs.dedup();
    let dir_refs: Vec<&Utf8Path> = dirs.iter().map(Utf8PathBuf::as_path).collect();
    let io = |path: &Utf8Path, source| CommitError::Io {
        path: path.to_owned(),
        source,
        restored: true,
    };
    let first = files
        .first()
        .map_or_else(|| Utf8PathBuf::from("."), |(p, _)| p.clone());
    let locks = Locks::acquire(&dir_refs).map_err(|source| io(&first, source))?;
    let mut changes = Vec::with_capacity(files.len());
    for (path, text) in files {
        changes.push(match std::fs::read(&path) {
            Ok(before) => Change {
                path,
                before: Some(before),
                after: Some(text),
            },
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                Change::create(path, text)
            }
            Err(source) => return Err(io(&path, source)),
        });
    }
    locks.commit(&changes)
}

fn canonicalize(dir: &Utf8Path) -> std::io::Result<Utf8PathBuf> {
    Utf8PathBuf::from_path_buf(std::fs::canonicalize(dir)?).map_err(|_| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the directory's path is not UTF-8",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch() -> (tempfile::TempDir, Utf8PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = Utf8PathBuf::from_path_buf(dir.path().to_owned()).unwrap();
        (dir, path)
    }

    #[test]
    fn a_change_outside_the_locked_directories_is_refused() {
        let (_guard, dir) = scratch();
        let locked = dir.join("adr");
        let locks = Locks::acquire(&[&locked]).unwrap();
        let error = locks
            .commit(&[Change::create(dir.join("elsewhere.md"), "x".to_owned())])
            .unwrap_err();
        assert!(matches!(error, CommitError::Unlocked { .. }), "{error}");
        assert!(!dir.join("elsewhere.md").exists());
        locks
            .commit(&[Change::create(locked.join("inside.md"), "x".to_owned())])
            .unwrap();
        assert_eq!(
            std::fs::read_to_string(locked.join("inside.md")).unwrap(),
            "x"
        );
    }

    #[test]
    fn a_generated_file_is_created_then_replaced() {
        let (_guard, dir) = scratch();
        let path = dir.join("out/report.md");
        write_generated(&path, "first".to_owned()).unwrap();
        write_generated(&path, "second".to_owned()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
    }

    #[test]
    fn one_directory_named_twice_is_locked_once() {
        let (_guard, dir) = scratch();
        let same = dir.join(".");
        // Locking one directory twice from one process would wait forever.
        let locks = Locks::acquire(&[&dir, &same]).unwrap();
        assert_eq!(locks.dirs.len(), 1);
    }

    #[test]
    fn a_second_run_waits_for_the_first() {
        let (_guard, dir) = scratch();
        let first = Locks::acquire(&[&dir]).unwrap();
        let (sender, receiver) = std::sync::mpsc::channel();
        let path = dir.clone();
        let waiter = std::thread::spawn(move || {
            let _second = Locks::acquire(&[&path]).unwrap();
            sender.send(()).unwrap();
        });
        assert!(
            receiver
                .recv_timeout(std::time::Duration::from_millis(200))
                .is_err(),
            "the second lock was granted while the first was held"
        );
        drop(first);
        receiver
            .recv_timeout(std::time::Duration::from_secs(10))
            .unwrap();
        waiter.join().unwrap();
    }
}
