//! Why a run ends before the last card: the one error type the engine's parts pass up.

use crate::i18n::Text;
use crate::model::RunEnd;

/// Why the run must end before the last card.
#[derive(Debug)]
pub(crate) enum Stop {
    /// The operator aborted.
    Operator,
    /// The device went away and did not come back, or stopped answering (why, in both
    /// languages).
    DeviceLost(Text),
    /// The run cannot go on: it cannot record, or its host cannot be set up.
    CouldNotRun(Text),
}

impl Stop {
    /// How the run ended, for the summary and the report folder.
    pub(crate) fn end(self) -> RunEnd {
        match self {
            Stop::Operator => RunEnd::StoppedByOperator,
            Stop::DeviceLost(why) => RunEnd::DeviceLost(why),
            Stop::CouldNotRun(why) => RunEnd::CouldNotRun(why),
        }
    }
}
