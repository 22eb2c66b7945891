//! The SQLite file (placeholder until the store lands).
