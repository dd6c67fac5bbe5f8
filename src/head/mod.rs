//! The document's head and signature: the covering notice (通知) fields and the plan title.
//! To be written.
