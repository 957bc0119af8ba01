//! The system's i/o errors said for people: in English the system's own text, in Chinese the
//! kind of failure (权限不足, 找不到文件或目录, 连接被拒绝, …) with the OS error code kept.

use super::{t, Lang};
use std::io::ErrorKind;

/// `e` for people in `lang`: English keeps `e`'s own text (`No such file or directory (os
/// error 2)`); Chinese says its kind, and for a kind without a word of its own the OS error
/// code (`系统错误（错误码 5）`).
pub fn io_text(e: &std::io::Error, lang: Lang) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    kind_text(e.kind(), e.raw_os_error(), lang)
}

/// A reason that was kept as text (`"Connection refused (os error 111)"`, a driver's message):
/// English unchanged; Chinese the kind of the OS error it names, or `None` when it names none
/// (the caller then says what it can without the detail).
pub fn io_reason_text(reason: &str, lang: Lang) -> Option<String> {
    if lang == Lang::En {
        return Some(reason.to_string());
    }
    let code = os_error_code(reason)?;
    let e = std::io::Error::from_raw_os_error(code);
    Some(kind_text(e.kind(), Some(code), lang))
}

/// The number in `(os error N)`, as `std::io::Error`'s `Display` writes it.
fn os_error_code(reason: &str) -> Option<i32> {
    let start = reason.rfind("(os error ")? + "(os error ".len();
    let digits = reason.get(start..)?.split(')').next()?;
    digits.trim().parse().ok()
}

fn kind_text(kind: ErrorKind, code: Option<i32>, lang: Lang) -> String {
    let s = match kind {
        ErrorKind::NotFound => t!(lang, "errors-io-not-found"),
        ErrorKind::PermissionDenied => t!(lang, "errors-io-permission-denied"),
        ErrorKind::ConnectionRefused => t!(lang, "errors-io-connection-refused"),
        ErrorKind::ConnectionReset => t!(lang, "errors-io-connection-reset"),
        ErrorKind::ConnectionAborted => t!(lang, "errors-io-connection-aborted"),
        ErrorKind::NotConnected => t!(lang, "errors-io-not-connected"),
        ErrorKind::AddrInUse => t!(lang, "errors-io-addr-in-use"),
        ErrorKind::AddrNotAvailable => t!(lang, "errors-io-addr-not-available"),
        ErrorKind::BrokenPipe => t!(lang, "errors-io-broken-pipe"),
        ErrorKind::AlreadyExists => t!(lang, "errors-io-already-exists"),
        ErrorKind::WouldBlock => t!(lang, "errors-io-would-block"),
        ErrorKind::InvalidInput => t!(lang, "errors-io-invalid-input"),
        ErrorKind::InvalidData => t!(lang, "errors-io-invalid-data"),
        ErrorKind::TimedOut => t!(lang, "errors-io-timed-out"),
        ErrorKind::WriteZero => t!(lang, "errors-io-write-zero"),
        ErrorKind::Interrupted => t!(lang, "errors-io-interrupted"),
        ErrorKind::Unsupported => t!(lang, "errors-io-unsupported"),
        ErrorKind::UnexpectedEof => t!(lang, "errors-io-unexpected-eof"),
        ErrorKind::OutOfMemory => t!(lang, "errors-io-out-of-memory"),
        ErrorKind::NotADirectory => t!(lang, "errors-io-not-a-directory"),
        ErrorKind::IsADirectory => t!(lang, "errors-io-is-a-directory"),
        ErrorKind::DirectoryNotEmpty => t!(lang, "errors-io-directory-not-empty"),
        ErrorKind::ReadOnlyFilesystem => t!(lang, "errors-io-read-only"),
        ErrorKind::StorageFull => t!(lang, "errors-io-storage-full"),
        ErrorKind::HostUnreachable => t!(lang, "errors-io-host-unreachable"),
        ErrorKind::NetworkUnreachable => t!(lang, "errors-io-network-unreachable"),
        ErrorKind::ResourceBusy => t!(lang, "errors-io-busy"),
        _ => {
            return match code {
                Some(code) => t!(lang, "errors-io-other-code", code = code).into_owned(),
                None => t!(lang, "errors-io-other").into_owned(),
            }
        }
    };
    s.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_says_the_kind_and_english_keeps_the_system_text() {
        let e = std::io::Error::from_raw_os_error(2);
        assert_eq!(io_text(&e, Lang::En), e.to_string());
        assert_eq!(io_text(&e, Lang::ZhCn), "找不到文件或目录");
        let refused = "Connection refused (os error 111)";
        assert_eq!(
            io_reason_text(refused, Lang::ZhCn).as_deref(),
            Some("连接被拒绝")
        );
        assert_eq!(io_reason_text("bad frame", Lang::ZhCn), None);
        assert_eq!(
            io_reason_text("x (os error 9999)", Lang::ZhCn).as_deref(),
            Some("系统错误（错误码 9999）")
        );
    }
}
