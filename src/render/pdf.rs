//! PDF backend (placeholder until the layout lands).
