//! The bench's vocabulary, shared by devices, checklist, diagnosis, reports, TUI and batch:
//! cause families, interfaces, outcomes, signals, what a read gave, the attempt row and how a
//! run ended. Values are typed here; text is made once, by the report writer and the UI.

mod attempt;
mod family;
mod reads;
mod run;
mod signal;
mod vocab;

pub use attempt::Attempt;
pub use family::Family;
pub use reads::{CardFields, ChipPower, DeviceInfo, SwipeRead, TrackRead, TrackStatus};
pub use run::RunEnd;
pub use signal::{ReversalReason, Signal, TrackFault};
pub use vocab::{Interface, Outcome};
