//! Writing an edited plan back: refused when the file changed since it was
//! read, atomic otherwise (permissions kept); and the unified diff that
//! `--dry-run` prints instead.

use camino::Utf8Path;

use super::error::EditError;

/// Replaces the plan at `path` with `new_text`, if the file still holds
/// exactly `original_bytes` (what the edit was made from).
///
/// Otherwise nothing is written and the error says the file changed on
/// disk. The replacement is atomic and keeps the file's permissions. The
/// check and the rename happen under infraplan's write lock
/// ([`crate::store::fs::replace_if`]), so two infraplan runs never overwrite each
/// other: the second sees the first's change and refuses. Editors and git
/// take no lock; for them the window is one read and a rename.
pub fn write_plan(path: &Utf8Path, original_bytes: &[u8], new_text: &str) -> Result<(), EditError> {
    let io = |action: &'static str| {
        move |source| EditError::Io {
            action,
            path: path.to_owned(),
            source,
        }
    };
    let current = std::fs::read(path).map_err(io("read"))?;
    if current != original_bytes {
        return Err(EditError::ChangedOnDisk {
            path: path.to_owned(),
        });
    }
    if current == new_text.as_bytes() {
        return Ok(());
    }
    let written = crate::store::fs::replace_if(path, new_text.as_bytes(), || {
        std::fs::read(path).map(|now| now == original_bytes)
    })
    .map_err(io("write"))?;
    if written {
        Ok(())
    } else {
        Err(EditError::ChangedOnDisk {
            path: path.to_owned(),
        })
    }
}

/// The unified diff from `old` to `new` (three lines of context), with
/// `a/<path>` and `b/<path>` headers as git writes them; empty when the
/// texts are equal. Line endings are kept, so a CRLF file diffs as CRLF.
pub fn unified_diff(path: &Utf8Path, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diffs_show_only_changed_lines() {
        let old = "a: 1\nb: 2\nc: 3\n";
        let new = "a: 1\nb: 20\nc: 3\n";
        assert_eq!(
            unified_diff(Utf8Path::new("plan.yaml"), old, new),
            "--- a/plan.yaml\n+++ b/plan.yaml\n@@ -1,3 +1,3 @@\n a: 1\n-b: 2\n+b: 20\n c: 3\n"
        );
        assert_eq!(unified_diff(Utf8Path::new("plan.yaml"), old, old), "");
    }

    #[test]
    fn a_missing_final_newline_is_marked() {
        let diff = unified_diff(Utf8Path::new("p.yaml"), "a: 1", "a: 2");
        assert!(diff.contains("\\ No newline at end of file"), "{diff}");
    }
}
