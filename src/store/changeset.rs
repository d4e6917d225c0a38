//! Writing several files as one change: every file is verified against the
//! bytes it was read from, written to a temporary file beside its target,
//! and only then renamed into place one after another. If any step fails,
//! the files already replaced get their old bytes back and the files already
//! created are removed, so a supersede or a renumber lands whole or not at
//! all (barring a crash between two renames, which leaves each file whole).

use std::io::Write as _;

use camino::{Utf8Path, Utf8PathBuf};

/// One file's change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The file.
    pub path: Utf8PathBuf,
    /// Its bytes when read (`None`: it must not exist).
    pub before: Option<Vec<u8>>,
    /// Its new text (`None`: remove it).
    pub after: Option<String>,
}

impl Change {
    /// Creates `path`, which must not exist.
    pub fn create(path: impl Into<Utf8PathBuf>, text: String) -> Self {
        Self {
            path: path.into(),
            before: None,
            after: Some(text),
        }
    }

    /// Replaces `path`, which must still hold `before`.
    pub fn replace(path: impl Into<Utf8PathBuf>, before: &str, after: String) -> Self {
        Self {
            path: path.into(),
            before: Some(before.as_bytes().to_vec()),
            after: Some(after),
        }
    }

    /// Removes `path`, which must still hold `before`.
    pub fn remove(path: impl Into<Utf8PathBuf>, before: &str) -> Self {
        Self {
            path: path.into(),
            before: Some(before.as_bytes().to_vec()),
            after: None,
        }
    }

    /// Whether the change leaves the file as it was.
    pub fn is_noop(&self) -> bool {
        match (&self.before, &self.after) {
            (Some(before), Some(after)) => before == after.as_bytes(),
            _ => false,
        }
    }
}

/// Why nothing (or nothing lasting) was written.
#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    /// A file changed since it was read.
    #[error("`{path}` changed on disk since it was read, so nothing was written")]
    Changed {
        /// The file.
        path: Utf8PathBuf,
    },
    /// A file to create already exists.
    #[error("`{path}` already exists, so nothing was written")]
    Exists {
        /// The file.
        path: Utf8PathBuf,
    },
    /// A file lies outside the directories the command locked.
    #[error("`{path}` is outside the directories locked for this change, so nothing was written")]
    Unlocked {
        /// The file.
        path: Utf8PathBuf,
    },
    /// Writing failed; the files written so far were restored.
    #[error("cannot write `{path}`: {source}; {}", if *.restored { "every file was left as it was" } else { "restoring the other files failed too, check them with `git status`" })]
    Io {
        /// The file.
        path: Utf8PathBuf,
        /// Cause.
        source: std::io::Error,
        /// Whether the rollback succeeded.
        restored: bool,
    },
}

/// Applies every change, or none. Callers outside the store go through
/// [`Locks::commit`](super::Locks::commit), which holds the directories'
/// write locks.
pub(super) fn apply(changes: &[Change]) -> Result<(), CommitError> {
    apply_with(changes, &mut |_| Ok(()))
}

/// [`apply`] with a hook run before publishing change `i` (tests inject
/// failures through it).
fn apply_with(
    changes: &[Change],
    hook: &mut dyn FnMut(usize) -> std::io::Result<()>,
) -> Result<(), CommitError> {
    let changes: Vec<&Change> = changes.iter().filter(|c| !c.is_noop()).collect();
    for change in &changes {
        verify(change)?;
    }
    let mut staged = Vec::with_capacity(changes.len());
    for change in &changes {
        staged.push(match &change.after {
            Some(text) => Some(stage(change, text).map_err(|source| CommitError::Io {
                path: change.path.clone(),
                source,
                restored: true,
            })?),
            None => None,
        });
    }
    let mut done: Vec<usize> = Vec::new();
    // Creations and replacements first, removals last: a failure part-way
    // never leaves a record missing.
    let order: Vec<usize> = (0..changes.len())
        .filter(|&i| changes[i].after.is_some())
        .chain((0..changes.len()).filter(|&i| changes[i].after.is_none()))
        .collect();
    for i in order {
        let change = changes[i];
        let result = hook(i).and_then(|()| publish(change, staged[i].take()));
        if let Err(source) = result {
            let restored = rollback(&changes, &done);
            return Err(CommitError::Io {
                path: change.path.clone(),
                source,
                restored,
            });
        }
        done.push(i);
    }
    Ok(())
}

fn verify(change: &Change) -> Result<(), CommitError> {
    let current = match std::fs::read(&change.path) {
        Ok(bytes) => Some(bytes),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => {
            return Err(CommitError::Io {
                path: change.path.clone(),
                source,
                restored: true,
            });
        }
    };
    match (&change.before, current) {
        (None, None) => Ok(()),
        (None, Some(_)) => Err(CommitError::Exists {
            path: change.path.clone(),
        }),
        (Some(before), Some(current)) if *before == current => Ok(()),
        _ => Err(CommitError::Changed {
            path: change.path.clone(),
        }),
    }
}

fn parent(path: &Utf8Path) -> &Utf8Path {
    path.parent()
        .filter(|p| !p.as_str().is_empty())
        .unwrap_or(Utf8Path::new("."))
}

fn stage(change: &Change, text: &str) -> std::io::Result<tempfile::TempPath> {
    // A replaced file reached through a symlink is staged beside its target.
    let target = crate::store::fs::write_target(&change.path)?;
    let dir = parent(&target);
    std::fs::create_dir_all(dir)?;
    let mut temp = crate::store::fs::temp_file_in(dir, ".infraplan-")?;
    temp.write_all(text.as_bytes())?;
    temp.as_file().sync_all()?;
    if change.before.is_some()
        && let Ok(metadata) = std::fs::metadata(&target)
    {
        std::fs::set_permissions(temp.path(), metadata.permissions())?;
    }
    Ok(temp.into_temp_path())
}

fn publish(change: &Change, staged: Option<tempfile::TempPath>) -> std::io::Result<()> {
    match (staged, &change.before) {
        (Some(temp), None) => temp.persist_noclobber(&change.path).map_err(|e| e.error),
        // Replacing follows a symlink, so the link stays a link.
        (Some(temp), Some(_)) => temp
            .persist(crate::store::fs::write_target(&change.path)?)
            .map_err(|e| e.error),
        (None, _) => std::fs::remove_file(&change.path),
    }
}

/// Puts back every published change; true when all were restored.
fn rollback(changes: &[&Change], done: &[usize]) -> bool {
    let mut ok = true;
    for &i in done.iter().rev() {
        let change = changes[i];
        let result = match &change.before {
            None => std::fs::remove_file(&change.path),
            Some(bytes) => crate::store::fs::write_atomic(&change.path, bytes),
        };
        ok &= result.is_ok();
    }
    ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch() -> (tempfile::TempDir, Utf8PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = Utf8PathBuf::from_path_buf(dir.path().to_owned()).unwrap();
        (dir, path)
    }

    fn files(dir: &Utf8Path) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = dir
            .read_dir_utf8()
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_owned(),
                    std::fs::read_to_string(e.path()).unwrap(),
                )
            })
            .collect();
        out.sort();
        out
    }

    /// A record or README reached through a symlink is replaced in its
    /// target; the link stays a link.
    #[test]
    fn a_replace_follows_a_symlink() {
        let (_guard, dir) = scratch();
        std::fs::write(dir.join("real.md"), "old").unwrap();
        std::os::unix::fs::symlink("real.md", dir.join("README.md")).unwrap();
        apply(&[Change::replace(
            dir.join("README.md"),
            "old",
            "new".to_owned(),
        )])
        .unwrap();
        let link = std::fs::symlink_metadata(dir.join("README.md")).unwrap();
        assert!(link.file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(dir.join("real.md")).unwrap(), "new");
    }

    #[test]
    fn all_changes_land_together() {
        let (_guard, dir) = scratch();
        std::fs::write(dir.join("a.md"), "a").unwrap();
        std::fs::write(dir.join("b.md"), "b").unwrap();
        apply(&[
            Change::replace(dir.join("a.md"), "a", "A".to_owned()),
            Change::create(dir.join("c.md"), "C".to_owned()),
            Change::remove(dir.join("b.md"), "b"),
        ])
        .unwrap();
        assert_eq!(
            files(&dir),
            vec![("a.md".into(), "A".into()), ("c.md".into(), "C".into())]
        );
    }

    #[test]
    fn a_failing_second_rename_restores_the_first() {
        let (_guard, dir) = scratch();
        std::fs::write(dir.join("old.md"), "old").unwrap();
        let changes = [
            Change::replace(dir.join("old.md"), "old", "superseded".to_owned()),
            Change::create(dir.join("new.md"), "new".to_owned()),
        ];
        let error = apply_with(&changes, &mut |i| {
            if i == 1 {
                Err(std::io::Error::other("injected"))
            } else {
                Ok(())
            }
        })
        .unwrap_err();
        assert!(
            matches!(error, CommitError::Io { restored: true, .. }),
            "{error}"
        );
        assert_eq!(
            files(&dir),
            vec![("old.md".into(), "old".into())],
            "no temp file left either"
        );
    }

    #[test]
    fn a_file_changed_since_reading_stops_everything() {
        let (_guard, dir) = scratch();
        std::fs::write(dir.join("a.md"), "edited meanwhile").unwrap();
        let error = apply(&[
            Change::create(dir.join("new.md"), "new".to_owned()),
            Change::replace(dir.join("a.md"), "a", "A".to_owned()),
        ])
        .unwrap_err();
        assert!(matches!(error, CommitError::Changed { .. }));
        assert_eq!(
            files(&dir),
            vec![("a.md".into(), "edited meanwhile".into())]
        );
        let error = apply(&[Change::create(dir.join("a.md"), "x".to_owned())]).unwrap_err();
        assert!(matches!(error, CommitError::Exists { .. }));
    }
}
