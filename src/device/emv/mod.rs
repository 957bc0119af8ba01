//! The EMV contact flow on a reader (protocols.md §5): the sans-IO state machine over APDU
//! exchange ([`EmvFlow`]), what it found ([`EmvResult`], card data masked), `run_emv`, the
//! blocking driver over a `Device`, and what frame logs may show of chip exchanges
//! ([`card_data_mask`], [`describe_capdu`]); `pos`, the flow as the simulated POS terminal's
//! kernel over a card it holds. Commands, TLV, DOLs and AIDs come from
//! `codec::emv` and `codec::tlv`.

pub mod cda;
mod decide;
mod flow;
mod frames;
pub mod genac;
mod getdata;
pub mod oda;
pub mod oda_text;
pub mod online;
pub mod pos;
pub mod process;
mod result;
mod select;
pub mod terminal;
mod verify;

pub use flow::EmvFlow;
pub use frames::{card_data_mask, describe_capdu, describe_capdu_in};
pub use online::HostAnswer;
pub use pos::{pos_kernel, run_emv_on_card};
pub use result::{track2_equal, EmvOnline, EmvOutcome, EmvRecord, EmvResult, EmvStep, MaskedTlv};
pub use terminal::{AidConfig, TerminalConfig};

/// Terminal data (the codec's table of terminal values by tag) used to fill the PDOL.
pub use crate::codec::emv::TerminalData;
pub use crate::codec::emv::PSE;

use super::{Device, DeviceError};
use crate::model::ChipPower;
use crate::sensitive::Track2;

/// Runs the whole flow on a device: power on (cold, then warm reset), the state machine,
/// power off. Never fails: device problems become the outcome.
pub fn run_emv(
    dev: &mut dyn Device,
    terminal: &TerminalData,
    stripe_track2: Option<&Track2>,
) -> EmvResult {
    let flow = EmvFlow::new(terminal.clone(), EmvFlow::default_aids());
    run_emv_flow(dev, flow, stripe_track2)
}

/// [`run_emv`] with a flow set up by the caller (its CA key store, AID list, terminal data).
pub fn run_emv_flow(
    dev: &mut dyn Device,
    mut flow: EmvFlow,
    stripe_track2: Option<&Track2>,
) -> EmvResult {
    let mut r = EmvResult::empty();
    match dev.chip_power_on() {
        Ok(ChipPower::Atr { atr, t1 }) => {
            r.atr = Some(crate::hexfmt::hex_spaced(&atr));
            r.t1 = t1;
        }
        Ok(ChipPower::Mute) => {
            r.outcome = EmvOutcome::Mute;
            let _ = dev.chip_power_off();
            return r;
        }
        Ok(ChipPower::NoCard(code)) => {
            r.outcome = EmvOutcome::NoCard;
            r.error = Some(format!("reader status {code}"));
            return r;
        }
        Err(e) => {
            r.outcome = EmvOutcome::DeviceError;
            r.error = Some(e.to_string());
            return r;
        }
    }
    let mut lost = None;
    while let Some(c) = flow.next_command() {
        match dev.transmit(&c) {
            Ok(resp) => flow.on_response(&resp),
            Err(DeviceError::Timeout { what, .. }) => flow.on_no_answer(&what),
            Err(e) => {
                lost = Some(e);
                break;
            }
        }
    }
    let mut out = flow.result(stripe_track2);
    out.atr = r.atr;
    out.t1 = r.t1;
    match lost {
        Some(e) => {
            out.outcome = EmvOutcome::DeviceError;
            out.error = Some(e.to_string());
            if !e.is_lost() {
                let _ = dev.chip_power_off();
            }
        }
        None => {
            let _ = dev.chip_power_off();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hexfmt::parse_hex;

    #[test]
    fn masks_card_data_tags() {
        let body = parse_hex("70 0E 5A 08 62 12 26 00 00 00 00 02 5F 34 01 00").unwrap();
        let m = card_data_mask(&body);
        assert_eq!(m.iter().filter(|x| **x).count(), 8);
        assert!(!m[15]);
        assert!(card_data_mask(&[0x70, 0x05, 0x01]).iter().all(|x| *x));
    }

    #[test]
    fn dol_fill_sizes() {
        let t = TerminalData::default();
        let v = t
            .fill(&parse_hex("9F1A029F02065F2A029A039C019F3704").unwrap())
            .unwrap();
        assert_eq!(v.len(), 18);
        assert_eq!(&v[..2], &[0x01, 0x56]);
        assert_eq!(&v[2..8], &[0, 0, 0, 0, 0, 0x01]);
    }

    /// Flow against scripted card answers including T=0 61xx and 6Cxx.
    #[test]
    fn flow_handles_t0_procedure_answers() {
        let mut f = EmvFlow::new(TerminalData::default(), EmvFlow::default_aids());
        let c = f.next_command().unwrap();
        assert_eq!(describe_capdu(&c), "SELECT PSE");
        f.on_response(&[0x61, 0x10]);
        assert_eq!(f.next_command().unwrap(), vec![0, 0xC0, 0, 0, 0x10]);
        f.on_response(
            &parse_hex("6F 0E 84 0E 31 50 41 59 2E 53 59 53 2E 44 44 46 30 31 90 00").unwrap()[..],
        );
        // No 88 in that FCI: AID list.
        let c = f.next_command().unwrap();
        assert_eq!(describe_capdu(&c), "SELECT A000000333010101");
        f.on_response(&[0x6A, 0x82]);
        let c = f.next_command().unwrap();
        assert_eq!(describe_capdu(&c), "SELECT A000000333010102");
        f.on_response(&parse_hex("6F 0A 84 08 A0 00 00 03 33 01 01 02 90 00").unwrap());
        let c = f.next_command().unwrap();
        assert_eq!(c, parse_hex("80 A8 00 00 02 83 00 00").unwrap());
        f.on_response(&parse_hex("80 06 7C 00 08 01 01 00 90 00").unwrap());
        let c = f.next_command().unwrap();
        assert_eq!(c, parse_hex("00 B2 01 0C 00").unwrap());
        f.on_response(&[0x6C, 0x0C]);
        assert_eq!(
            f.next_command().unwrap(),
            parse_hex("00 B2 01 0C 0C").unwrap()
        );
        f.on_response(&parse_hex("70 0A 5A 08 62 12 26 00 00 00 00 02 90 00").unwrap());
        assert_eq!(f.next_command(), None);
        let r = f.result(None);
        assert_eq!(r.outcome, EmvOutcome::Ok);
        assert_eq!(r.aid.as_deref(), Some("A000000333010102"));
        assert_eq!(r.pan.unwrap().masked(), "621226******0002");
        assert_eq!(r.steps[0].exchanges, 2);
    }
}
