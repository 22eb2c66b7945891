//! The trusted roots for digital signatures (schema V5): certificates the officer or the
//! province imported. Public data, not tracked by undo: importing and removing are
//! explicit, each undone by the other.

use rusqlite::params;

use super::sqlerr::SqlResultExt;
use super::{history, Store};
use crate::error::Result;
use crate::register::signature::{ParsedRoot, TrustRoot};

impl Store {
    /// The roots, oldest first, with their DER.
    pub fn trust_roots(&self) -> Result<Vec<(TrustRoot, Vec<u8>)>> {
        let path = self.path.as_path();
        let mut st = self
            .conn
            .prepare("SELECT der, added FROM trust_roots ORDER BY added, sha256")
            .db(path)?;
        let rows = st
            .query_map([], |r| {
                Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, String>(1)?))
            })
            .db(path)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .db(path)?;
        let mut out = Vec::new();
        for (der, added) in rows {
            // A row that no longer parses is skipped rather than failing the register.
            if let Ok(mut parsed) = crate::register::signature::parse_roots("", &der) {
                if let Some(p) = parsed.pop() {
                    out.push((TrustRoot { added, ..p.info }, p.der));
                }
            }
        }
        Ok(out)
    }

    /// The roots' DER, for checking signatures.
    pub fn trust_root_ders(&self) -> Result<Vec<Vec<u8>>> {
        Ok(self
            .trust_roots()?
            .into_iter()
            .map(|(_, der)| der)
            .collect())
    }

    /// Adds the roots not already there; returns how many were new.
    pub fn add_trust_roots(&mut self, roots: &[ParsedRoot]) -> Result<usize> {
        self.ensure_in_place()?;
        let path = self.path.as_path();
        let tx = self.conn.transaction().db(path)?;
        let mut added = 0;
        for r in roots {
            added += tx
                .execute(
                    "INSERT OR IGNORE INTO trust_roots (sha256, der, subject, added) VALUES (?1, ?2, ?3, ?4)",
                    params![r.info.sha256, r.der, r.info.name, history::now()],
                )
                .db(path)?;
        }
        tx.commit().db(path)?;
        Ok(added)
    }

    /// Removes the root whose fingerprint is `sha256`; false when there is none.
    pub fn remove_trust_root(&mut self, sha256: &str) -> Result<bool> {
        let n = self
            .conn
            .execute("DELETE FROM trust_roots WHERE sha256 = ?1", [sha256])
            .db(&self.path)?;
        Ok(n > 0)
    }
}
