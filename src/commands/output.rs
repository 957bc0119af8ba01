//! Command output on stdout: every line passes the card-data guard, and a reader that went
//! away (`cardbench … | head -1`) ends the output quietly instead of a "Broken pipe" panic.
//! The command still finishes its work (reports are written) and exits with its own status,
//! as ripgrep and fd do.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once stdout could not be written: later output is dropped.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// Prints one line of command output through the card-data guard: a full card number that
/// slipped into device or host text is masked before it reaches the screen.
pub fn out(line: impl AsRef<str>) {
    let mut text = safe(line.as_ref());
    text.push('\n');
    write_stdout(text.as_bytes());
}

/// Prints text that already ends its lines (a rendered table, a decode), through the same
/// guard; a missing final newline is added.
pub fn out_text(text: &str) {
    let mut text = safe(text);
    if !text.ends_with('\n') {
        text.push('\n');
    }
    write_stdout(text.as_bytes());
}

/// Prints a `decode` explanation. The decoders mask by what the data is (the card-data policy,
/// `sensitive::policy`: PAN, track and PIN fields always, the digit scan on free text only);
/// the digit-run guard of [`out_text`] would star out binary data that cannot hold a PAN (an
/// AFL, an IAD, amounts), so it is not applied again here.
pub fn out_decoded(text: &str) {
    let mut text = text.to_string();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    write_stdout(text.as_bytes());
}

/// Prints a JSON document (pretty, one trailing newline) through the same guard.
pub fn out_json<T: serde::Serialize>(doc: &T) -> Result<(), serde_json::Error> {
    out(serde_json::to_string_pretty(doc)?);
    Ok(())
}

/// Whether stdout was found closed (the reader went away).
pub fn stdout_closed() -> bool {
    CLOSED.load(Ordering::Relaxed)
}

fn write_stdout(bytes: &[u8]) {
    if stdout_closed() {
        return;
    }
    let mut stdout = io::stdout().lock();
    if let Err(e) = stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        closed(&e);
    }
}

/// Stops further output; a closed pipe is normal, any other failure is said once on stderr.
fn closed(e: &io::Error) {
    if CLOSED.swap(true, Ordering::Relaxed) || e.kind() == io::ErrorKind::BrokenPipe {
        return;
    }
    let _ = writeln!(
        io::stderr(),
        "cardbench: error: cannot write the output: {e}"
    );
}

/// The guard [`out`] applies (`sensitive::guard_text`): card numbers masked, also written in
/// groups, and terminal controls escaped in every line; the line breaks are kept.
pub(crate) fn safe(line: &str) -> String {
    crate::sensitive::guard_text(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_guard_masks_a_clear_pan() {
        let s = safe("card 6222020000000000018 read");
        assert!(crate::sensitive::find_clear_pan(&s).is_none(), "{s}");
    }
}
