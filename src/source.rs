//! `Source`: a file's text with its path, and the line/column arithmetic for diagnostics; and
//! [`read_text`], the one way a scenario or template file is read: a regular file of at most
//! [`MAX_FILE_BYTES`], in UTF-8.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Location};

/// The largest scenario or template file workshop reads: 4 MiB.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Why a scenario or template file could not be read as text. Messages name the file, never
/// its content, in the learner's language.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be opened or read (missing, no permission, …).
    Io { path: PathBuf, source: std::io::Error },
    /// A folder, a named pipe, a device such as /dev/zero, a socket (`what` says which, in
    /// English: [`ReadError`]'s display shows it in the learner's language).
    NotRegular { path: PathBuf, what: &'static str },
    /// More than [`MAX_FILE_BYTES`].
    TooLarge { path: PathBuf, size: u64 },
    /// UTF-16 text (a byte-order mark, or NUL bytes every other byte).
    Utf16 { path: PathBuf },
    /// Bytes that are not UTF-8, at a 1-based line and column.
    InvalidUtf8 {
        path: PathBuf,
        line: usize,
        col: usize,
        byte: u8,
        /// The line up to the bad byte, for the snippet.
        before: String,
    },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            ReadError::Io { path, source } => {
                crate::t!(
                    "read-io",
                    path = path.display().to_string(),
                    error = crate::os_error::io(source)
                )
            }
            ReadError::NotRegular { path, what } => {
                let what = match *what {
                    "a folder" => crate::t!("read-a-folder"),
                    "a named pipe (FIFO)" => crate::t!("read-a-fifo"),
                    "a character device (such as /dev/zero)" => crate::t!("read-a-char-device"),
                    "a block device" => crate::t!("read-a-block-device"),
                    "a socket" => crate::t!("read-a-socket"),
                    _ => crate::t!("read-not-a-file"),
                };
                crate::t!("read-not-regular", path = path.display().to_string(), what = what)
            }
            ReadError::TooLarge { path, size } => crate::t!(
                "read-too-large",
                path = path.display().to_string(),
                size = size.to_string()
            ),
            ReadError::Utf16 { path } => crate::t!("read-utf16", path = path.display().to_string()),
            ReadError::InvalidUtf8 {
                path, line, col, byte, ..
            } => crate::t!(
                "read-invalid-utf8",
                path = path.display().to_string(),
                byte = format!("0x{byte:02X}"),
                line = *line,
                column = *col
            ),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReadError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl ReadError {
    /// Whether the file does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound)
    }

    /// A hint saying how to fix it.
    pub fn hint(&self) -> String {
        match self {
            ReadError::Io { .. } => crate::t!("read-io-hint"),
            ReadError::NotRegular { .. } => crate::t!("read-not-regular-hint"),
            ReadError::TooLarge { .. } => crate::t!("read-too-large-hint"),
            ReadError::Utf16 { .. } | ReadError::InvalidUtf8 { .. } => crate::t!("read-utf8-hint"),
        }
    }

    /// The problem as a diagnostic: `path:line:col` for bytes that are not UTF-8. `what` is
    /// `scenario` or `template`.
    pub fn diagnostic(&self, what: &str) -> Diagnostic {
        let what = match what {
            "scenario" => crate::t!("read-the-scenario"),
            "template" => crate::t!("read-the-template"),
            other => other.to_owned(),
        };
        let message = match self {
            ReadError::Io { path, source } => crate::t!(
                "read-io-what",
                what = what,
                path = path.display().to_string(),
                error = crate::os_error::io(source)
            ),
            _ => crate::t!("read-what", what = what, problem = self.to_string()),
        };
        let d = Diagnostic::new(message).hint(self.hint());
        match self {
            ReadError::InvalidUtf8 {
                path,
                line,
                col,
                before,
                ..
            } => d
                .with_location(Location {
                    origin: path.display().to_string(),
                    line: *line,
                    col: *col,
                    snippet: Some((format!("{before}\u{fffd}"), 1)),
                    detail: None,
                })
                .expected(crate::t!("read-utf8-expected")),
            ReadError::Utf16 { .. } => d.expected(crate::t!("read-utf8-expected")),
            _ => d,
        }
    }
}

/// Reads a scenario or template file: it must be a regular file (after following links) of at
/// most [`MAX_FILE_BYTES`], in UTF-8 (a UTF-8 byte-order mark is dropped). A named pipe is
/// refused before it is opened, and never blocks.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    use std::os::unix::fs::OpenOptionsExt as _;
    let io = |source| ReadError::Io {
        path: path.to_owned(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    regular(path, &meta)?;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(io)?;
    // The file may have been replaced between the two looks: judge what was opened.
    regular(path, &file.metadata().map_err(io)?)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            path: path.to_owned(),
            size: meta.len().max(bytes.len() as u64),
        });
    }
    decode(path, bytes)
}

fn regular(path: &Path, meta: &std::fs::Metadata) -> Result<(), ReadError> {
    use std::os::unix::fs::FileTypeExt as _;
    let t = meta.file_type();
    let what = if t.is_file() {
        if meta.len() > MAX_FILE_BYTES {
            return Err(ReadError::TooLarge {
                path: path.to_owned(),
                size: meta.len(),
            });
        }
        return Ok(());
    } else if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_char_device() {
        "a character device (such as /dev/zero)"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a file"
    };
    Err(ReadError::NotRegular {
        path: path.to_owned(),
        what,
    })
}

/// Bytes → text, or where they stop being UTF-8.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, ReadError> {
    let utf16_bom = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let nuls = bytes.iter().filter(|b| **b == 0).count();
    if utf16_bom || (bytes.len() >= 2 && nuls * 4 >= bytes.len()) {
        return Err(ReadError::Utf16 { path: path.to_owned() });
    }
    let bytes = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let valid = std::str::from_utf8(&bytes[..at]).expect("valid up to here");
        let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
        let before = valid[line_start..].to_owned();
        ReadError::InvalidUtf8 {
            path: path.to_owned(),
            line: valid.matches('\n').count() + 1,
            col: before.chars().count() + 1,
            byte: bytes[at],
            before,
        }
    })
}

/// The text of a file that diagnostics point into.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
}

impl Source {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Source {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// Reads a file with [`read_text`].
    pub fn read(path: &Path) -> Result<Source, ReadError> {
        read_text(path).map(|text| Source::new(path, text))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        };
        let start = self.line_starts[line];
        let col = self.text[start..offset].chars().count() + 1;
        (line + 1, col)
    }

    /// The text of a 1-based line, without its newline.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self.line_starts.get(line).map_or(self.text.len(), |e| e - 1);
        self.text[start..end.max(start)].trim_end_matches('\r')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column() {
        let s = Source::new("x.toml", "a = 1\nbé = 2\n");
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_col(6), (2, 1));
        assert_eq!(s.line_col(10), (2, 4));
        assert_eq!(s.line_text(2), "bé = 2");
        assert_eq!(s.line_text(9), "");
    }

    #[test]
    fn refuses_what_is_not_a_small_utf8_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = |n: &str| dir.path().join(n);
        std::fs::write(p("ok.toml"), b"\xEF\xBB\xBFa = 1\n").unwrap();
        assert_eq!(read_text(&p("ok.toml")).unwrap(), "a = 1\n");

        std::fs::write(p("latin1.toml"), b"a = 1\ntitle = \"caf\xE9\"\n").unwrap();
        let e = read_text(&p("latin1.toml")).unwrap_err();
        assert!(
            matches!(
                e,
                ReadError::InvalidUtf8 {
                    line: 2,
                    col: 13,
                    byte: 0xE9,
                    ..
                }
            ),
            "{e}"
        );
        let d = e.diagnostic("scenario");
        assert_eq!(d.location.as_ref().map(|l| (l.line, l.col)), Some((2, 13)));
        assert!(d.hint.unwrap().contains("save the file as UTF-8"));

        let utf16: Vec<u8> = "a = 1\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        std::fs::write(p("le.toml"), [&[0xFF, 0xFE][..], &utf16].concat()).unwrap();
        assert!(matches!(read_text(&p("le.toml")), Err(ReadError::Utf16 { .. })));
        std::fs::write(p("nobom.toml"), &utf16).unwrap();
        assert!(matches!(read_text(&p("nobom.toml")), Err(ReadError::Utf16 { .. })));

        let e = read_text(Path::new("/dev/zero")).unwrap_err();
        assert!(e.to_string().contains("is a character device"), "{e}");
        assert!(matches!(
            read_text(dir.path()),
            Err(ReadError::NotRegular { what: "a folder", .. })
        ));

        let fifo = p("fifo.toml");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo(3) with a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            read_text(&fifo),
            Err(ReadError::NotRegular {
                what: "a named pipe (FIFO)",
                ..
            })
        ));

        let big = std::fs::File::create(p("big.toml")).unwrap();
        big.set_len(MAX_FILE_BYTES + 1).unwrap();
        assert!(matches!(read_text(&p("big.toml")), Err(ReadError::TooLarge { .. })));
        assert!(read_text(&p("missing.toml")).unwrap_err().is_not_found());
    }
}
