//! How an error that stops a command is said: once, on stderr, in one line, with the fix when
//! the bench knows it (as ripgrep and fd do). The causes of an error are joined into the line
//! only when its own text does not already say them, so nothing is printed twice.

use crate::error::Error;
use crate::i18n::{t, Lang};
use std::error::Error as _;

/// The one line printed for `e` (without a trailing newline): `cardbench: error: …`. In
/// English the message is the error's `Display` and its `source()` chain; in Chinese it is
/// [`Error::text`], which says each cause through the catalogue.
pub fn error_line(e: &Error, lang: Lang) -> String {
    let mut msg = match lang {
        Lang::En => with_causes(e),
        Lang::ZhCn => e.text(lang),
    };
    if let Some(fix) = fix(e, lang) {
        msg.push_str(" — ");
        msg.push_str(&fix);
    }
    // Errors echo user files and device text: through the output guard like every line.
    let one_line =
        crate::sensitive::guard_line(&msg.split_whitespace().collect::<Vec<_>>().join(" "));
    t!(lang, "cli-error", message = one_line).into_owned()
}

/// `e`'s `Display` with each cause of its `source()` chain its text does not already say.
fn with_causes(e: &Error) -> String {
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !text.is_empty() && !msg.contains(&text) {
            msg.push_str(": ");
            msg.push_str(&text);
        }
        source = s.source();
    }
    msg
}

/// The fix for errors whose own text does not say what to do.
fn fix(e: &Error, lang: Lang) -> Option<String> {
    let refused = |io: &std::io::Error| io.kind() == std::io::ErrorKind::ConnectionRefused;
    Some(match e {
        Error::Connect { addr, source } if refused(source) => {
            t!(lang, "cli-fix-connect-refused", addr = addr.as_str()).into_owned()
        }
        Error::Host(crate::host::HostError::Connect { addr, reason })
            if reason.contains("refused") =>
        {
            t!(lang, "cli-fix-connect-refused", addr = addr.as_str()).into_owned()
        }
        Error::Link { .. } => t!(lang, "cli-fix-link").into_owned(),
        Error::NothingToCheck => t!(lang, "cli-fix-nothing-to-check").into_owned(),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cause_already_in_the_message_is_not_repeated() {
        let io = std::io::Error::new(std::io::ErrorKind::AlreadyExists, "File exists");
        let e = Error::Link {
            path: "/tmp/x".into(),
            source: io,
        };
        let line = error_line(&e, Lang::En);
        assert_eq!(line.matches("File exists").count(), 1, "{line}");
        assert!(!line.contains('\n'), "{line}");
        assert!(line.starts_with("cardbench: error: "), "{line}");
    }

    #[test]
    fn a_refused_connection_says_what_to_check() {
        let e = Error::Connect {
            addr: "127.0.0.1:9".into(),
            source: std::io::Error::from(std::io::ErrorKind::ConnectionRefused),
        };
        let line = error_line(&e, Lang::En);
        assert!(line.contains("listening on 127.0.0.1:9"), "{line}");
        let zh = error_line(&e, Lang::ZhCn);
        assert!(zh.contains("错误"), "{zh}");
    }
}
