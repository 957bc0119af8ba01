//! DE55 of the host's reply to a chip request (the issuer's part of the chip flow): tag 91
//! issuer authentication data with the ARPC, and optional scripts 71/72. The application
//! cryptograms themselves (ARQC check, ARPC) belong to the EMV flow's host-side cryptography
//! (issue 12); this file is the seam the POS host calls.

use super::AcquirerConfig;
use crate::codec::iso8583::Message;

/// DE55 of the reply to a chip request: the issuer authentication data (tag 91, ARPC) when
/// the card's issuer key is in the keys file. The cryptogram itself (ARQC check, ARPC) comes
/// from the EMV flow's host-side cryptography when it is available; until then the 0210
/// carries no DE55.
pub(crate) fn reply_de55(
    cfg: &AcquirerConfig,
    req: &Message,
    _de55: &[u8],
    _rc: &str,
) -> Option<Vec<u8>> {
    let pan = crate::host::rules::request_pan(req)?;
    let _issuer = cfg.keys.issuer(pan.expose_clear())?;
    None
}
