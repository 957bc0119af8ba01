//! What a frame log may show of an EMV exchange: which bytes of an R-APDU are card data (the
//! card-data policy's frame-log view, `sensitive::View::FrameLog`) and a one-line name for a
//! C-APDU that never carries a PIN block.

use crate::codec::apdu::parse_command_lenient;
use crate::codec::emv::PSE;
use crate::codec::tlv;
use crate::hexfmt::hex;
use crate::i18n::{t, Lang};
use crate::sensitive::{hides_tag, View};

/// Which bytes of an R-APDU body (without SW) are card data and must be masked. A body that
/// does not parse as TLV is masked whole (it could be anything).
pub fn card_data_mask(body: &[u8]) -> Vec<bool> {
    let mut mask = vec![false; body.len()];
    for o in tlv::walk(body) {
        let Ok(o) = o else {
            return vec![true; body.len()];
        };
        if !o.is_constructed() && hides_tag(View::FrameLog, o.tag.0) {
            mask[o.value_offset..o.value_offset + o.len()].fill(true);
        }
    }
    mask
}

/// A short human description of a C-APDU in English (safe to log: PIN blocks are not shown).
pub fn describe_capdu(c: &[u8]) -> String {
    describe_capdu_in(c, Lang::En)
}

/// [`describe_capdu`] in `lang`: EMV Book 3 §6.5 command names, in Chinese the PBOC terms
/// (选择, 读记录, 获取处理选项 …; catalogue `devices-apdu-*`).
pub fn describe_capdu_in(c: &[u8], lang: Lang) -> String {
    let Some(([cla, ins, p1, p2], p3, data)) = parse_command_lenient(c) else {
        return t!(lang, "devices-apdu-short", bytes = hex(c)).into_owned();
    };
    let text = match (cla, ins) {
        (0x00, 0xA4) => {
            if data == PSE {
                t!(lang, "devices-apdu-select-pse")
            } else if data.starts_with(b"2PAY") {
                t!(lang, "devices-apdu-select-ppse")
            } else if p2 & 0x03 == 0x02 {
                t!(lang, "devices-apdu-select-next", aid = hex(data))
            } else {
                t!(lang, "devices-apdu-select", aid = hex(data))
            }
        }
        (0x00, 0xB2) => t!(
            lang,
            "devices-apdu-read-record",
            record = p1.to_string(),
            sfi = (p2 >> 3).to_string()
        ),
        (0x00, 0xC0) => t!(
            lang,
            "devices-apdu-get-response",
            le = format!("{:02X}", p3.unwrap_or(0))
        ),
        (0x80, 0xCA) => t!(
            lang,
            "devices-apdu-get-data",
            tag = format!("{p1:02X}{p2:02X}")
        ),
        (0x00, 0x20) => t!(lang, "devices-apdu-verify"),
        (0x80, 0xA8) => t!(lang, "devices-apdu-gpo"),
        (0x80, 0xAE) => t!(lang, "devices-apdu-generate-ac"),
        (0x00, 0x88) => t!(lang, "devices-apdu-internal-authenticate"),
        _ => return format!("{cla:02X} {ins:02X} {p1:02X} {p2:02X}"),
    };
    text.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::emv::commands;

    #[test]
    fn step_names() {
        assert_eq!(describe_capdu(&commands::select(PSE)), "SELECT PSE");
        assert_eq!(
            describe_capdu(&commands::read_record(1, 2)),
            "READ RECORD 2 SFI 1"
        );
        assert_eq!(
            describe_capdu(&commands::get_processing_options(&[])),
            "GET PROCESSING OPTIONS"
        );
        assert_eq!(describe_capdu(&[0x80, 0xAE, 0x80, 0x00]), "GENERATE AC");
        assert_eq!(
            describe_capdu(&[0x00, 0x88, 0x00, 0x00]),
            "INTERNAL AUTHENTICATE"
        );
        assert_eq!(
            describe_capdu(&[0x00, 0x20, 0x00, 0x80, 0x08, 0x24, 0x12, 0x34]),
            "VERIFY (PIN block hidden)"
        );
        assert_eq!(
            describe_capdu(&commands::get_response(0x10)),
            "GET RESPONSE 10"
        );
    }
}
