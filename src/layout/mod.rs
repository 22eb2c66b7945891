//! Breaks a document tree into A4 pages of positioned lines (placeholder until the layout lands).
