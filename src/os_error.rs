//! The operating system's errors in the learner's language.
//!
//! An `std::io::Error` reaches the learner by its kind (`connection refused`, `conexión
//! rechazada`) from the catalogue (locales/*/workshop.ftl), never as the OS's own English text
//! (`Connection refused (os error 111)`), which goes to the developer log (`-v`) instead. An
//! error of a kind the catalogue does not name is said by its OS code; one a program made
//! itself (no OS code) keeps its text.

use std::error::Error;
use std::io::{self, ErrorKind};

/// `e` in the learner's language.
pub fn io(e: &io::Error) -> String {
    tracing::debug!("OS error: {e}");
    match kind(e.kind()) {
        Some(text) => text,
        None => match e.raw_os_error() {
            Some(code) => crate::t!("os-error-code", code = code),
            None => e.to_string(),
        },
    }
}

/// The innermost `std::io::Error` of `e`'s chain (hyper, kube and rustls wrap one), in the
/// learner's language; `None` when the chain has none.
pub fn within(e: &(dyn Error + 'static)) -> Option<String> {
    let mut cur = Some(e);
    let mut found = None;
    while let Some(s) = cur {
        if let Some(io) = s.downcast_ref::<io::Error>() {
            found = Some(io);
        }
        cur = s.source();
    }
    found.map(io)
}

/// The cause of `e` for the learner: its innermost OS error in the learner's language, else
/// the text of its innermost cause.
pub fn cause(e: &(dyn Error + 'static)) -> String {
    within(e).unwrap_or_else(|| {
        let mut cur = e;
        while let Some(next) = cur.source() {
            cur = next;
        }
        cur.to_string()
    })
}

/// The catalogue's words for the kinds a lab meets: files, ports, connections.
fn kind(k: ErrorKind) -> Option<String> {
    Some(match k {
        ErrorKind::NotFound => crate::t!("os-not-found"),
        ErrorKind::PermissionDenied => crate::t!("os-permission-denied"),
        ErrorKind::ConnectionRefused => crate::t!("os-connection-refused"),
        ErrorKind::ConnectionReset => crate::t!("os-connection-reset"),
        ErrorKind::ConnectionAborted => crate::t!("os-connection-aborted"),
        ErrorKind::NotConnected => crate::t!("os-not-connected"),
        ErrorKind::AddrInUse => crate::t!("os-addr-in-use"),
        ErrorKind::AddrNotAvailable => crate::t!("os-addr-not-available"),
        ErrorKind::BrokenPipe => crate::t!("os-broken-pipe"),
        ErrorKind::AlreadyExists => crate::t!("os-already-exists"),
        ErrorKind::TimedOut => crate::t!("os-timed-out"),
        ErrorKind::Interrupted => crate::t!("os-interrupted"),
        ErrorKind::UnexpectedEof => crate::t!("os-unexpected-eof"),
        ErrorKind::HostUnreachable => crate::t!("os-host-unreachable"),
        ErrorKind::NetworkUnreachable => crate::t!("os-network-unreachable"),
        ErrorKind::NetworkDown => crate::t!("os-network-down"),
        ErrorKind::IsADirectory => crate::t!("os-is-a-directory"),
        ErrorKind::NotADirectory => crate::t!("os-not-a-directory"),
        ErrorKind::DirectoryNotEmpty => crate::t!("os-directory-not-empty"),
        ErrorKind::ReadOnlyFilesystem => crate::t!("os-read-only-filesystem"),
        ErrorKind::StorageFull => crate::t!("os-storage-full"),
        ErrorKind::QuotaExceeded => crate::t!("os-quota-exceeded"),
        ErrorKind::FileTooLarge => crate::t!("os-file-too-large"),
        ErrorKind::OutOfMemory => crate::t!("os-out-of-memory"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_os_error_is_said_by_its_kind_in_the_learners_language() {
        let refused = io::Error::from_raw_os_error(111);
        assert_eq!(refused.kind(), ErrorKind::ConnectionRefused);
        {
            let _l = crate::i18n::scoped("es");
            assert_eq!(io(&refused), "conexión rechazada");
            // A code with no kind of its own: its number, never the OS's English.
            let odd = io::Error::from_raw_os_error(libc_enotsup());
            assert!(!io(&odd).contains("not supported"), "{}", io(&odd));
        }
        let _l = crate::i18n::scoped("en");
        assert_eq!(io(&refused), "connection refused");
        // A program's own error keeps its text.
        assert_eq!(io(&io::Error::other("the pipe is mine")), "the pipe is mine");
    }

    #[test]
    fn the_innermost_os_error_of_a_chain_is_found() {
        #[derive(Debug, thiserror::Error)]
        #[error("tcp connect error")]
        struct Wrap(#[source] io::Error);
        let e = Wrap(io::Error::from(ErrorKind::TimedOut));
        let _l = crate::i18n::scoped("es");
        assert_eq!(within(&e).as_deref(), Some("se agotó el tiempo de espera"));
        #[derive(Debug, thiserror::Error)]
        #[error("outer")]
        struct Plain(#[source] std::fmt::Error);
        assert_eq!(within(&Plain(std::fmt::Error)), None);
        assert_eq!(cause(&Plain(std::fmt::Error)), std::fmt::Error.to_string());
    }

    /// ENOTSUP on Linux: an OS error with no catalogue kind.
    fn libc_enotsup() -> i32 {
        95
    }
}
