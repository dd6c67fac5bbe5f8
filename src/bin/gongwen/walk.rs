//! Collecting the inputs of `batch` and `tasks`: files named, folders walked recursively.
//! Every regular file is a candidate (the parser decides by content what is a document); what
//! cannot be a document (FIFOs, sockets, devices), symlink loops and unreadable folders become
//! entries with a reason instead of stopping the walk.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// One input found by the walk.
pub enum Entry {
    /// A regular file (or a symlink to one). `named` is true when it was named on the command
    /// line rather than found in a folder.
    File { path: PathBuf, named: bool },
    /// Something that is reported instead of read.
    Problem { path: PathBuf, failed: bool, reason: String },
}

impl Entry {
    pub fn path(&self) -> &Path {
        match self {
            Entry::File { path, .. } | Entry::Problem { path, .. } => path,
        }
    }
}

/// Walks the roots, skipping the folder `exclude` (the output folder, when it lies inside an
/// input). The entries are sorted by path (bytes) and unique, so every later step is
/// independent of the order the file system lists folders in.
pub fn walk(roots: &[PathBuf], exclude: Option<&Path>) -> Vec<Entry> {
    let mut w = Walker {
        out: Vec::new(),
        visited: HashSet::new(),
        chain: Vec::new(),
        exclude: exclude.and_then(|p| p.canonicalize().ok()),
    };
    for root in roots {
        w.root(root);
    }
    let mut out = w.out;
    out.sort_by(|a, b| key(a.path()).cmp(key(b.path())));
    out.dedup_by(|a, b| a.path() == b.path());
    out
}

fn key(p: &Path) -> &[u8] {
    OsStr::as_encoded_bytes(p.as_os_str())
}

struct Walker {
    out: Vec<Entry>,
    /// Canonical folders already walked: a symlink back into one is a loop or a second way in.
    visited: HashSet<PathBuf>,
    /// Canonical folders from the root down to the current one.
    chain: Vec<PathBuf>,
    exclude: Option<PathBuf>,
}

impl Walker {
    fn root(&mut self, root: &Path) {
        match std::fs::metadata(root) {
            Err(e) => self.problem(root, true, format!("cannot read the file: {e}")),
            Ok(m) if m.is_dir() => self.dir(root),
            Ok(m) if m.is_file() => self.out.push(Entry::File { path: root.to_path_buf(), named: true }),
            Ok(_) => self.problem(root, false, "not a regular file (FIFO, socket or device)".into()),
        }
    }

    fn problem(&mut self, path: &Path, failed: bool, reason: String) {
        self.out.push(Entry::Problem { path: path.to_path_buf(), failed, reason });
    }

    fn dir(&mut self, dir: &Path) {
        let canon = match dir.canonicalize() {
            Ok(c) => c,
            Err(e) => return self.problem(dir, true, format!("cannot read the folder: {e}")),
        };
        if self.exclude.as_ref() == Some(&canon) {
            return;
        }
        if self.chain.contains(&canon) {
            return self.problem(dir, false, "symlink loop: the folder contains itself".into());
        }
        if !self.visited.insert(canon.clone()) {
            return self.problem(dir, false, "folder already walked through another path (symlink)".into());
        }
        let rd = match std::fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => return self.problem(dir, true, format!("cannot read the folder: {e}")),
        };
        let mut children: Vec<(PathBuf, Option<std::fs::FileType>)> = Vec::new();
        for ent in rd {
            match ent {
                Ok(ent) => children.push((ent.path(), ent.file_type().ok())),
                Err(e) => self.problem(dir, true, format!("cannot list the folder: {e}")),
            }
        }
        // Folder listings come in any order; walking sorted makes "already walked" reports stable.
        children.sort_by(|a, b| key(&a.0).cmp(key(&b.0)));
        self.chain.push(canon);
        for (path, ft) in children {
            match ft {
                Some(ft) if ft.is_dir() => self.dir(&path),
                Some(ft) if ft.is_file() => self.out.push(Entry::File { path, named: false }),
                Some(ft) if ft.is_symlink() => match std::fs::metadata(&path) {
                    Err(e) => self.problem(&path, true, format!("broken symlink: {e}")),
                    Ok(m) if m.is_dir() => self.dir(&path),
                    Ok(m) if m.is_file() => self.out.push(Entry::File { path, named: false }),
                    Ok(_) => self.problem(&path, false, "not a regular file (FIFO, socket or device)".into()),
                },
                Some(_) => self.problem(&path, false, "not a regular file (FIFO, socket or device)".into()),
                None => self.problem(&path, true, "cannot read the file type".into()),
            }
        }
        self.chain.pop();
    }
}
