//! The AOF manifest: which file holds each shard's log. Written to a temporary file and
//! renamed over the old one, so a crash leaves either the old set of files or the new.
//!
//! One line per file, in the key-value style of Redis 7's manifest: the base (the data at the
//! generation's start, in RDB format, as Redis's `aof-use-rdb-preamble` base) and each
//! shard's log of the changes since, with its shard:
//!
//! ```text
//! file appendonly.aof.1.base.rdb seq 1 type b
//! file appendonly.aof.1.0.incr.aof seq 1 type i shard 0
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};

/// One shard's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShardFile {
    /// File name inside the append-only directory.
    pub name: String,
    /// The generation (bumped by every rewrite).
    pub seq: u64,
    /// The shard whose writes it holds.
    pub shard: usize,
}

/// A generation: its base and every shard's log, by shard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// The base file (RDB), when the generation has one.
    pub base: Option<String>,
    /// The logs, in shard order.
    pub files: Vec<ShardFile>,
}

impl Manifest {
    /// A new generation `seq` for `shards` shards of `base` (`appendfilename`).
    pub fn generation(base: &str, seq: u64, shards: usize) -> Manifest {
        let files = (0..shards)
            .map(|shard| ShardFile {
                name: format!("{base}.{seq}.{shard}.incr.aof"),
                seq,
                shard,
            })
            .collect();
        Manifest {
            base: Some(format!("{base}.{seq}.base.rdb")),
            files,
        }
    }

    /// The manifest's path for `base` in `dir`.
    pub fn path(dir: &Path, base: &str) -> PathBuf {
        dir.join(format!("{base}.manifest"))
    }

    /// Reads the manifest; `Ok(None)` when there is none.
    pub fn read(path: &Path) -> anyhow::Result<Option<Manifest>> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => anyhow::bail!("reading the AOF manifest {}: {e}", path.display()),
        };
        let mut files = Vec::new();
        let mut base_file = None;
        for (n, line) in text.lines().enumerate() {
            let words: Vec<&str> = line.split_whitespace().collect();
            if words.is_empty() || words[0].starts_with('#') {
                continue;
            }
            let field = |name: &str| {
                words
                    .chunks(2)
                    .find(|pair| pair[0] == name)
                    .and_then(|pair| pair.get(1).copied())
            };
            if field("type") == Some("b") {
                match field("file") {
                    Some(name) if !name.contains('/') => base_file = Some(name.to_string()),
                    _ => anyhow::bail!("invalid AOF manifest {} at line {}", path.display(), n + 1),
                }
                continue;
            }
            let parsed = (|| {
                Some(ShardFile {
                    name: field("file")?.to_string(),
                    seq: field("seq")?.parse().ok()?,
                    shard: field("shard")?.parse().ok()?,
                })
            })();
            match parsed {
                Some(file) if !file.name.contains('/') => files.push(file),
                _ => anyhow::bail!(
                    "invalid AOF manifest {} at line {}: {line:?}",
                    path.display(),
                    n + 1
                ),
            }
        }
        files.sort_by_key(|f| f.shard);
        Ok(Some(Manifest {
            base: base_file,
            files,
        }))
    }

    /// Writes the manifest durably: a temporary file, fsynced, renamed over the old one, and
    /// the directory fsynced.
    pub fn write(&self, path: &Path) -> anyhow::Result<()> {
        let tmp = path.with_extension("manifest.tmp");
        let mut text = String::new();
        if let Some(base) = &self.base {
            text += &format!("file {base} seq {} type b\n", self.seq());
        }
        for f in &self.files {
            text += &format!("file {} seq {} type i shard {}\n", f.name, f.seq, f.shard);
        }
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)?;
        if let Some(dir) = path.parent() {
            std::fs::File::open(dir)?.sync_all()?;
        }
        Ok(())
    }

    /// The generation of these files.
    pub fn seq(&self) -> u64 {
        self.files.iter().map(|f| f.seq).max().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_manifest_reads_back() {
        let dir = std::env::temp_dir().join(format!("ringkv-manifest-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = Manifest::path(&dir, "appendonly.aof");
        assert_eq!(Manifest::read(&path).unwrap(), None);
        let manifest = Manifest::generation("appendonly.aof", 3, 2);
        manifest.write(&path).unwrap();
        assert_eq!(Manifest::read(&path).unwrap(), Some(manifest.clone()));
        assert_eq!(manifest.files[1].name, "appendonly.aof.3.1.incr.aof");
        assert_eq!(manifest.base.as_deref(), Some("appendonly.aof.3.base.rdb"));
        std::fs::remove_dir_all(dir).ok();
    }
}
