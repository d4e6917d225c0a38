//! File writes that cannot lose data: replacements are atomic (temp file and
//! rename in the same directory, permissions kept), and creating a file never
//! replaces one that exists.

use std::io::Write;

use camino::Utf8Path;

/// The file a write to `path` must replace: the target when `path` is a
/// symlink (so the link stays a link and the target keeps its mode), else
/// `path` itself.
pub fn write_target(path: &Utf8Path) -> std::io::Result<camino::Utf8PathBuf> {
    match std::fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => {
            let target = std::fs::canonicalize(path)?;
            camino::Utf8PathBuf::from_path_buf(target).map_err(|_| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "the link's target path is not UTF-8",
                )
            })
        }
        _ => Ok(path.to_owned()),
    }
}

/// Replaces `path` with `bytes` atomically: readers see the old or the new
/// file, never a mix, and a crash leaves the old file in place. A symlink is
/// followed: its target is replaced and the link kept.
pub fn write_atomic(path: &Utf8Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = write_target(path)?;
    let mut file = atomic_write_file::AtomicWriteFile::open(&target)?;
    file.write_all(bytes)?;
    file.commit()
}

/// Reads `path` for infraplan: only a regular file (following symlinks), and
/// at most `limit` bytes plus one, so a caller can tell "too large" without
/// reading a 3 GB file, `/dev/zero` or a FIFO that never ends.
pub fn read_limited(path: &Utf8Path, limit: usize) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        let kind = if metadata.is_dir() {
            "a directory"
        } else {
            "not a regular file (a FIFO, device or socket)"
        };
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("it is {kind}"),
        ));
    }
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    // Limits are far below u64::MAX.
    file.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// An exclusive advisory lock that serialises infraplan's writers of one
/// file; released when dropped or when the process exits, so a crashed run
/// never leaves a stale lock behind.
#[derive(Debug)]
pub struct WriteLock {
    _file: std::fs::File,
}

/// Waits for and takes the write lock of `path`'s directory: an OS file
/// lock on `.infraplan.lock` there (created on first use and left in place,
/// since removing a lock file races with the next writer). One lock per
/// directory keeps the plan's and the ADR directory's lock files to one each.
pub fn lock_for_write(path: &Utf8Path) -> std::io::Result<WriteLock> {
    let dir = path
        .parent()
        .filter(|p| !p.as_str().is_empty())
        .unwrap_or(Utf8Path::new("."));
    lock_dir(dir)
}

/// Waits for and takes the write lock of directory `dir` (see
/// [`lock_for_write`]). A process must not take one directory's lock twice:
/// the second wait would never end.
pub fn lock_dir(dir: &Utf8Path) -> std::io::Result<WriteLock> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(LOCK_FILE))?;
    file.lock()?;
    Ok(WriteLock { _file: file })
}

/// Name of the write-lock file in a directory infraplan writes to.
pub const LOCK_FILE: &str = ".infraplan.lock";

/// Replaces `path` with `bytes` atomically if `still_current` holds once the
/// write lock is taken. The new content is written and synced to the temp
/// file before the lock, so the window between the check and the rename
/// holds only a read and a rename. `Ok(false)`: not current, nothing
/// written.
pub fn replace_if(
    path: &Utf8Path,
    bytes: &[u8],
    still_current: impl FnOnce() -> std::io::Result<bool>,
) -> std::io::Result<bool> {
    let target = write_target(path)?;
    let mut file = atomic_write_file::AtomicWriteFile::open(&target)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    let _lock = lock_for_write(&target)?;
    if !still_current()? {
        // Dropping the uncommitted file removes the temp file.
        return Ok(false);
    }
    file.commit()?;
    Ok(true)
}

/// Creates `path` with `bytes`, failing with `AlreadyExists` if it exists.
/// The content is written to a temporary file first and linked into place,
/// so `path` never appears half-written.
pub fn create_new(path: &Utf8Path, bytes: &[u8]) -> std::io::Result<()> {
    if path.exists() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "file exists",
        ));
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_str().is_empty())
        .unwrap_or(Utf8Path::new("."));
    let mut temp = temp_file_in(dir, ".infraplan-")?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    match std::fs::hard_link(temp.path(), path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Err(error),
        // File systems without hard links: fall back to an exclusive create.
        Err(_) => {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)?;
            file.write_all(bytes)?;
            file.sync_all()
        }
    }
}

/// A temporary file in `dir` that becomes a new file: created with mode
/// 0666 less the umask (0644 under 022), as any new file the user makes,
/// rather than the 0600 temporary files get by default.
pub fn temp_file_in(dir: &Utf8Path, prefix: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_new_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = camino::Utf8PathBuf::from_path_buf(dir.path().join("a.txt")).unwrap();
        create_new(&path, b"first").unwrap();
        let error = create_new(&path, b"second").unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    /// A FIFO or a directory is refused before it is opened; a big file is
    /// read only up to the limit plus one byte.
    #[test]
    fn reads_only_regular_files_and_only_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let root = camino::Utf8PathBuf::from_path_buf(dir.path().to_owned()).unwrap();
        let error = read_limited(&root, 10).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
        let fifo = root.join("pipe");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(fifo.as_str())
                .status()
                .unwrap()
                .success()
        );
        let error = read_limited(&fifo, 10).unwrap_err();
        assert!(error.to_string().contains("not a regular file"), "{error}");
        let big = root.join("big");
        std::fs::write(&big, vec![b'x'; 100]).unwrap();
        assert_eq!(read_limited(&big, 10).unwrap().len(), 11);
        assert_eq!(read_limited(&big, 1000).unwrap().len(), 100);
        let zero = camino::Utf8Path::new("/dev/zero");
        assert!(read_limited(zero, 10).is_err(), "a device is not read");
    }

    /// A new file gets the mode the umask gives (0644 under 022), not 0600.
    #[test]
    fn new_files_follow_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = camino::Utf8PathBuf::from_path_buf(dir.path().join("new.md")).unwrap();
        create_new(&path, b"x").unwrap();
        // What the process's umask gives a plainly created file.
        let probe = dir.path().join("probe");
        std::fs::write(&probe, b"").unwrap();
        let expected = std::fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode, expected,
            "the umask's mode, not the temporary file's 0600"
        );
    }

    /// Writing through a symlink replaces the target, keeps its mode and
    /// leaves the link a link.
    #[test]
    fn writes_follow_symlinks() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let root = camino::Utf8PathBuf::from_path_buf(dir.path().to_owned()).unwrap();
        let real = root.join("real.yaml");
        let link = root.join("plan.yaml");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
        std::os::unix::fs::symlink("real.yaml", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        let written = replace_if(&link, b"newer", || Ok(true)).unwrap();
        assert!(written);
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"newer");
    }

    #[test]
    fn atomic_write_replaces_and_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = camino::Utf8PathBuf::from_path_buf(dir.path().join("plan.yaml")).unwrap();
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}
