//! DE55 of the host's reply to a chip request (the issuer's part of the chip flow): the ARQC
//! checked and tag 91 (ARPC) answered by `host::chip`; this file is the seam the acquirer's
//! purchase handling calls.

use super::AcquirerConfig;
use crate::codec::iso8583::Message;
use crate::host::chip::{self, ChipAnswer};

/// The ARQC check of a chip request's DE55 and the reply's DE55 (tag 91), for the card of
/// DE2/DE35 with the PAN sequence number of DE23. `None` when the request has no PAN.
pub(crate) fn reply_de55(
    cfg: &AcquirerConfig,
    req: &Message,
    de55: &[u8],
    rc: &str,
) -> Option<ChipAnswer> {
    let pan = crate::host::rules::request_pan(req)?;
    let psn = req
        .text(23)
        .and_then(|s| s.trim().parse::<u16>().ok())
        .map_or(0, |n| (n % 100) as u8);
    Some(chip::answer(&cfg.keys, pan.expose_clear(), psn, de55, rc))
}
