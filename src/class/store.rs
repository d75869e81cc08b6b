//! Everything a class is, in one SQLite file (`--data class.db`): the class (title, join
//! code, instructor key), its learners and their tokens, every event each learner sent (keyed
//! by learner and sequence number, so a re-send is stored once), and the announcements. The
//! board is rebuilt from it at start, so a restart loses nothing and a class can be reopened.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

use super::protocol::Announcement;

/// The database layout's version (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS class (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    title TEXT NOT NULL,
    code TEXT NOT NULL,
    key TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS learners (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    token TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    joined TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    learner INTEGER NOT NULL REFERENCES learners(id),
    seq INTEGER NOT NULL,
    received TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (learner, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS announcements (
    id INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    text TEXT NOT NULL
);
";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file cannot be opened or is not a class database.
    #[error("cannot open the class database `{path}`: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    /// A newer workshop wrote it.
    #[error("the class database `{path}` has layout version {found}; this workshop knows version {SCHEMA_VERSION}")]
    Version { path: PathBuf, found: i64 },
    #[error("the class database failed: {0}")]
    Sql(#[from] rusqlite::Error),
}

/// The class itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassRecord {
    pub title: String,
    /// What learners type after `--join`.
    pub code: String,
    /// The instructor's key (the board's `?key=`).
    pub key: String,
    pub created: String,
}

/// A learner as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnerRecord {
    pub id: i64,
    pub name: String,
    pub token: String,
    /// `stream` (the learner's own run) or `pull` (`workshop class check`).
    pub source: String,
    pub joined: String,
}

/// One stored event.
#[derive(Debug, Clone)]
pub struct StoredEvent {
    pub learner: i64,
    pub seq: u64,
    pub received: String,
    pub body: Value,
}

/// The open database.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (or creates) the database at `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let open = |e| StoreError::Open {
            path: path.to_owned(),
            source: e,
        };
        let conn = Connection::open(path).map_err(open)?;
        Store::init(conn, path)
    }

    /// A database in memory (tests).
    pub fn in_memory() -> Result<Store, StoreError> {
        Store::init(Connection::open_in_memory()?, Path::new(":memory:"))
    }

    fn init(conn: Connection, path: &Path) -> Result<Store, StoreError> {
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| StoreError::Open {
                path: path.to_owned(),
                source: e,
            })?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::Version {
                path: path.to_owned(),
                found: version,
            });
        }
        // WAL: readers never wait for the writer; NORMAL: durable at every checkpoint and
        // never corrupt, the usual choice with WAL.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.execute_batch(SCHEMA)?;
        conn.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        Ok(Store { conn })
    }

    /// The class, if this database holds one.
    pub fn class(&self) -> Result<Option<ClassRecord>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT title, code, key, created FROM class WHERE id = 1", [], |r| {
                Ok(ClassRecord {
                    title: r.get(0)?,
                    code: r.get(1)?,
                    key: r.get(2)?,
                    created: r.get(3)?,
                })
            })
            .optional()?)
    }

    /// Creates the class (a new database).
    pub fn create_class(&self, class: &ClassRecord) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO class (id, title, code, key, created) VALUES (1, ?1, ?2, ?3, ?4)",
            params![class.title, class.code, class.key, class.created],
        )?;
        Ok(())
    }

    /// Renames the class (`--title` on a reopened class).
    pub fn set_title(&self, title: &str) -> Result<(), StoreError> {
        self.conn
            .execute("UPDATE class SET title = ?1 WHERE id = 1", params![title])?;
        Ok(())
    }

    pub fn learners(&self) -> Result<Vec<LearnerRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, name, token, source, joined FROM learners ORDER BY id")?;
        let rows = stmt.query_map([], learner_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn learner_by_name(&self, name: &str) -> Result<Option<LearnerRecord>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, name, token, source, joined FROM learners WHERE name = ?1",
                params![name],
                learner_row,
            )
            .optional()?)
    }

    /// Adds a learner; the name must be free.
    pub fn add_learner(
        &self,
        name: &str,
        token: &str,
        source: &str,
        joined: &str,
    ) -> Result<LearnerRecord, StoreError> {
        self.conn.execute(
            "INSERT INTO learners (name, token, source, joined) VALUES (?1, ?2, ?3, ?4)",
            params![name, token, source, joined],
        )?;
        Ok(LearnerRecord {
            id: self.conn.last_insert_rowid(),
            name: name.to_owned(),
            token: token.to_owned(),
            source: source.to_owned(),
            joined: joined.to_owned(),
        })
    }

    /// Stores the events of one learner in one transaction; returns the sequence numbers that
    /// were new (those already stored are left as they are).
    pub fn insert_events(
        &mut self,
        learner: i64,
        events: &[(u64, String)],
        received: &str,
    ) -> Result<Vec<u64>, StoreError> {
        let tx = self.conn.transaction()?;
        let mut new = Vec::new();
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO events (learner, seq, received, body) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (seq, body) in events {
                if stmt.execute(params![learner, *seq as i64, received, body])? == 1 {
                    new.push(*seq);
                }
            }
        }
        tx.commit()?;
        Ok(new)
    }

    /// The highest sequence number stored for a learner (0: none).
    pub fn last_seq(&self, learner: i64) -> Result<u64, StoreError> {
        let max: Option<i64> = self.conn.query_row(
            "SELECT MAX(seq) FROM events WHERE learner = ?1",
            params![learner],
            |r| r.get(0),
        )?;
        Ok(max.unwrap_or(0) as u64)
    }

    /// How many events a learner has stored.
    pub fn event_count(&self, learner: i64) -> Result<u64, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM events WHERE learner = ?1",
            params![learner],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    /// Every event, per learner in sequence order (to rebuild the board).
    pub fn all_events(&self) -> Result<Vec<StoredEvent>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT learner, seq, received, body FROM events ORDER BY learner, seq")?;
        let rows = stmt.query_map([], |r| {
            let body: String = r.get(3)?;
            Ok(StoredEvent {
                learner: r.get(0)?,
                seq: r.get::<_, i64>(1)? as u64,
                received: r.get(2)?,
                body: serde_json::from_str(&body).unwrap_or(Value::Null),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn add_announcement(&self, time: &str, text: &str) -> Result<Announcement, StoreError> {
        self.conn.execute(
            "INSERT INTO announcements (time, text) VALUES (?1, ?2)",
            params![time, text],
        )?;
        Ok(Announcement {
            id: self.conn.last_insert_rowid(),
            time: time.to_owned(),
            text: text.to_owned(),
        })
    }

    pub fn announcements(&self) -> Result<Vec<Announcement>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, time, text FROM announcements ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(Announcement {
                id: r.get(0)?,
                time: r.get(1)?,
                text: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn learner_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<LearnerRecord> {
    Ok(LearnerRecord {
        id: r.get(0)?,
        name: r.get(1)?,
        token: r.get(2)?,
        source: r.get(3)?,
        joined: r.get(4)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class() -> ClassRecord {
        ClassRecord {
            title: "Day 55".into(),
            code: "ABC123".into(),
            key: "k".into(),
            created: "2026-01-01T00:00:00Z".into(),
        }
    }

    #[test]
    fn events_are_stored_once_per_learner_and_sequence_number() {
        let mut s = Store::in_memory().unwrap();
        s.create_class(&class()).unwrap();
        let ana = s.add_learner("Ana", "t1", "stream", "now").unwrap();
        let bo = s.add_learner("Bo", "t2", "stream", "now").unwrap();
        let batch = vec![(1, "{\"event\":\"a\"}".to_owned()), (2, "{\"event\":\"b\"}".to_owned())];
        assert_eq!(s.insert_events(ana.id, &batch, "now").unwrap(), vec![1, 2]);
        let again = vec![(2, "{\"event\":\"b\"}".to_owned()), (3, "{\"event\":\"c\"}".to_owned())];
        assert_eq!(s.insert_events(ana.id, &again, "now").unwrap(), vec![3]);
        assert_eq!(s.insert_events(bo.id, &batch, "now").unwrap(), vec![1, 2]);
        assert_eq!(s.last_seq(ana.id).unwrap(), 3);
        assert_eq!(s.event_count(ana.id).unwrap(), 3);
        let all = s.all_events().unwrap();
        assert_eq!(all.len(), 5);
        assert_eq!(all[2].body["event"], "c");
    }

    #[test]
    fn a_reopened_database_has_everything() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("class.db");
        {
            let mut s = Store::open(&path).unwrap();
            s.create_class(&class()).unwrap();
            let ana = s.add_learner("Ana", "t1", "stream", "now").unwrap();
            s.insert_events(ana.id, &[(1, "{}".into())], "now").unwrap();
            s.add_announcement("now", "take a break").unwrap();
        }
        let s = Store::open(&path).unwrap();
        assert_eq!(s.class().unwrap(), Some(class()));
        assert_eq!(s.learners().unwrap()[0].name, "Ana");
        assert_eq!(s.all_events().unwrap().len(), 1);
        assert_eq!(s.announcements().unwrap()[0].text, "take a break");
    }

    #[test]
    fn a_learner_name_is_unique() {
        let s = Store::in_memory().unwrap();
        s.add_learner("Ana", "t1", "stream", "now").unwrap();
        assert!(s.add_learner("Ana", "t2", "stream", "now").is_err());
        assert!(s.learner_by_name("Ana").unwrap().is_some());
    }
}
