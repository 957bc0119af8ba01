//! The bench's vocabulary, shared by devices, checklist, diagnosis, reports, TUI and batch:
//! cause families, interfaces, outcomes, signals, what a read gave, the attempt row and how a
//! run ended. Values are typed here; text is made once, by the report writer and the UI.

mod attempt;
mod family;
mod reads;
mod run;
mod signal;
mod step;
mod vocab;

/// `Display` writes the code the files carry (`as_str`): one impl for every code enum.
macro_rules! display_as_code {
    ($($t:ty),+) => {
        $(impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        })+
    };
}
display_as_code!(Interface, Outcome, Family);

pub use attempt::Attempt;
pub use family::Family;
pub use reads::{CardFields, ChipPower, DeviceInfo, SwipeRead, TrackRead, TrackStatus};
pub use run::RunEnd;
pub use signal::{ReversalReason, Signal, TrackFault};
pub use step::{step_name, STEPS};
pub use vocab::{Interface, Outcome};
