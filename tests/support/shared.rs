//! ../shared beside the checkout: the shared fixtures (poi-word, cn-word, pdfjs, ofd) and corpus
//! that some tests read in place rather than copy. Without it those tests are skipped, unless
//! GONGWEN_SHARED_REQUIRED=1 (as .ci/run sets), when its absence fails them.
use std::path::{Path, PathBuf};

/// ../shared/`sub`, or None (the caller skips) when it is absent and not required.
#[allow(dead_code)]
pub fn shared(sub: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared").join(sub);
    if p.exists() {
        return Some(p);
    }
    if std::env::var("GONGWEN_SHARED_REQUIRED").is_ok_and(|v| v == "1") {
        panic!("{} is missing and GONGWEN_SHARED_REQUIRED=1: put ../shared beside the checkout", p.display());
    }
    eprintln!("skipped: ../shared not present ({sub})");
    None
}
