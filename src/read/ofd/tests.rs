//! The OFD reader on small packages written here (the real files are tested in tests/ofd.rs).
