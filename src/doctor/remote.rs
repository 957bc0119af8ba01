//! The checks of a remote port (ser2net and friends): reachable over raw TCP, or for RFC 2217
//! that the server negotiates COM-PORT-OPTION. A refused connection says to check that
//! ser2net is running and listening on that port.

use super::{io_text, Check, Level};
use crate::device::Target;
use crate::i18n::{t, Lang};
use std::time::Duration;

/// Checks a remote port (nothing for a local one).
pub fn check_remote(target: &Target, lang: Lang) -> Vec<Check> {
    match target {
        Target::Tcp(hp) => match crate::link::TcpTransport::connect(hp, Duration::from_secs(3)) {
            Ok(_) => vec![Check::ok(
                "reachable",
                t!(lang, "doctor-tcp-ok", addr = hp.as_str()),
            )],
            Err(e) => vec![Check::new(
                Level::Fail,
                "reachable",
                format!("tcp://{hp}: {}", io_text(&e, lang)),
                refused_or(&e, hp, lang, t!(lang, "doctor-tcp-fix").into_owned()),
            )],
        },
        Target::Rfc2217(hp) => {
            match crate::link::rfc2217::Rfc2217Transport::connect(
                hp,
                &crate::link::LineSettings::default(),
                Duration::from_secs(3),
            ) {
                Ok(t) => vec![Check::ok(
                    "rfc2217",
                    t!(
                        lang,
                        "doctor-rfc2217-ok",
                        addr = hp.as_str(),
                        baud = t.confirmed().baud.unwrap_or_default()
                    ),
                )],
                Err(e) => {
                    let refused = e.kind() == std::io::ErrorKind::ConnectionRefused;
                    let finding = if refused {
                        t!(lang, "doctor-refused", addr = hp.as_str()).into_owned()
                    } else if e.kind() == std::io::ErrorKind::Unsupported && lang != Lang::En {
                        // The transport's English sentence, in the display language.
                        t!(lang, "doctor-rfc2217-not-negotiated", addr = hp.as_str()).into_owned()
                    } else {
                        io_text(&e, lang)
                    };
                    let fix = refused_or(&e, hp, lang, t!(lang, "doctor-rfc2217-fix").into_owned());
                    vec![Check::new(Level::Fail, "rfc2217", finding, fix)]
                }
            }
        }
        _ => Vec::new(),
    }
}

/// The fix for a failed connection: a refused one means nothing listens there.
fn refused_or(e: &std::io::Error, addr: &str, lang: Lang, other: String) -> String {
    if e.kind() == std::io::ErrorKind::ConnectionRefused {
        t!(lang, "doctor-refused-fix", addr = addr).into_owned()
    } else {
        other
    }
}
