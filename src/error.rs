//! The library's error type: "could not run" (exit 2). A failed check is never an error.

use thiserror::Error;

/// Errors that stop a command. Modules with their own error types convert into `Other`
/// or a dedicated variant with a `From` impl next to their type.
#[derive(Debug, Error)]
pub enum Error {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Device(#[from] crate::device::DeviceError),
    #[error(transparent)]
    Decode(#[from] crate::codec::DecodeError),
    /// A bad configuration, deck, scenario or rules file.
    #[error("{path}: {msg}")]
    Config { path: String, msg: String },
    #[error("report: {0}")]
    Report(String),
    #[error("{0}")]
    Usage(String),
    /// The run could not run, or could no longer record (exit 2).
    #[error("the run could not run: {0}")]
    CouldNotRun(String),
    #[error("{0} is not implemented yet")]
    NotImplemented(&'static str),
    #[error("{0}")]
    Other(String),
}

impl From<crate::hexfmt::HexError> for Error {
    fn from(e: crate::hexfmt::HexError) -> Self {
        Error::Usage(e.to_string())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How a command ended when it could run: exit code 0 or 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Every check passed (exit 0).
    Passed,
    /// Some check failed (exit 1).
    Failed,
}

impl Status {
    pub fn exit_code(self) -> u8 {
        match self {
            Status::Passed => 0,
            Status::Failed => 1,
        }
    }
}

/// Options that apply to every subcommand.
#[derive(Clone, Debug, Default)]
pub struct Globals {
    pub lang: Option<crate::i18n::Lang>,
    pub bins: Option<std::path::PathBuf>,
}
