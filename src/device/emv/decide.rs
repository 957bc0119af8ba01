//! The flow's steps between the last READ RECORD and the end (EMV 4.3 Book 3 §10.3–10.8):
//! offline data authentication (SDA at once, DDA with INTERNAL AUTHENTICATE, CDA on the
//! GENERATE AC response), the terminal's decisions (`process`), GENERATE AC 1 and the DE55 its
//! answer makes (`genac`).

use super::cda::{self, CdaAnswer, CdaState};
use super::flow::{EmvFlow, Phase, Sw, SW_OK};
use super::genac::{self, AcResponse};
use super::oda::{self, OdaFault, OdaMethod, OdaOutcome};
use super::process::{self, TSI_CARD_RISK, TSI_ODA};
use super::result::EmvOutcome;
use crate::hexfmt::hex;
use crate::i18n::Text;

impl EmvFlow {
    /// Offline data authentication once the records are read: SDA at once, DDA after its
    /// INTERNAL AUTHENTICATE, CDA with GENERATE AC (the ICC key now); then the decisions and
    /// GENERATE AC.
    pub(super) fn after_records(&mut self) {
        self.phase = Phase::Done;
        if self.result.outcome != EmvOutcome::Ok {
            return;
        }
        let selected = self.selected_aid();
        if let Some(p) = super::terminal::params_in(&self.aid_table, &selected) {
            p.apply(&mut self.terminal);
        }
        let caps = self.terminal.get(0x9F33).unwrap_or(&[]).to_vec();
        let Some(method) = oda::choose(&self.aip, &caps) else {
            return self.go_to_generate_ac();
        };
        let today = self.terminal.get(0x9A).map(hex).unwrap_or_default();
        let rid = self.selected_aid().get(..5).unwrap_or(&[]).to_vec();
        let prepared = oda::static_data(&self.oda_records, &self.card).and_then(|sd| {
            let issuer = oda::issuer_key(&self.card, &rid, &self.ca_keys, &today)?;
            match method {
                OdaMethod::Sda => oda::sda(&self.card, &issuer, &sd).map(|_| None),
                OdaMethod::Dda | OdaMethod::Cda => {
                    oda::icc_key(&self.card, &issuer, &sd, &today).map(Some)
                }
            }
        });
        match prepared {
            Ok(None) => self.oda_done(OdaOutcome::Passed(method)),
            Ok(Some(icc)) if method == OdaMethod::Cda => {
                // Book 3 §10.3: ODA is performed by the GENERATE AC that follows.
                self.tvr[0] &= !process::TVR_ODA_NOT_PERFORMED.1;
                self.tsi[0] |= TSI_ODA;
                self.cda = Some(CdaState {
                    icc,
                    pdol_data: self.pdol_data.clone(),
                    cdol1_data: Vec::new(),
                });
                self.go_to_generate_ac();
            }
            Ok(Some(icc)) => {
                let ddol = self.card.get(&0x9F49).cloned();
                let ddol = ddol.or_else(|| self.terminal.get(0xDF14).map(<[u8]>::to_vec));
                match ddol.and_then(|d| self.terminal.fill(&d).ok()) {
                    Some(data) => {
                        self.dda = Some((icc, data));
                        self.phase = Phase::InternalAuth;
                    }
                    None => {
                        process::mark(&mut self.tvr, process::TVR_ICC_DATA_MISSING);
                        self.oda_done(OdaOutcome::Failed(method, OdaFault::Missing(0x9F49)));
                    }
                }
            }
            Err(f) => self.oda_done(OdaOutcome::Failed(method, f)),
        }
    }

    pub(super) fn on_internal_authenticate(&mut self, sw: Sw, data: &[u8]) {
        let Some((icc, sent)) = self.dda.take() else {
            return self.go_to_generate_ac();
        };
        let checked = if sw == SW_OK {
            oda::dda(&icc, data, &sent)
        } else {
            Err(OdaFault::Sdad(None))
        };
        self.finish_step(
            sw,
            if checked.is_ok() {
                Text::tr("devices-emv-note-dda-ok")
            } else {
                Text::tr("devices-emv-note-dda-failed")
            },
        );
        self.oda_done(match checked {
            Ok(()) => OdaOutcome::Passed(OdaMethod::Dda),
            Err(f) => OdaOutcome::Failed(OdaMethod::Dda, f),
        });
    }

    /// Records how ODA ended in the TVR and TSI (Book 3 §10.3) and goes on.
    fn oda_done(&mut self, outcome: OdaOutcome) {
        self.tvr[0] &= !process::TVR_ODA_NOT_PERFORMED.1;
        self.tsi[0] |= TSI_ODA;
        match &outcome {
            OdaOutcome::Passed(OdaMethod::Sda) => {
                process::mark(&mut self.tvr, process::TVR_SDA_SELECTED)
            }
            OdaOutcome::Failed(OdaMethod::Sda, _) => {
                process::mark(&mut self.tvr, process::TVR_SDA_SELECTED);
                process::mark(&mut self.tvr, process::TVR_SDA_FAILED);
            }
            OdaOutcome::Failed(OdaMethod::Dda, _) => {
                process::mark(&mut self.tvr, process::TVR_DDA_FAILED)
            }
            OdaOutcome::Failed(OdaMethod::Cda, _) => {
                process::mark(&mut self.tvr, process::TVR_CDA_FAILED)
            }
            _ => {}
        }
        self.result.oda = outcome;
        self.go_to_generate_ac();
    }

    /// The AID of the final SELECT (bytes).
    pub(super) fn selected_aid(&self) -> Vec<u8> {
        let aid = self.result.aid.as_deref().map(crate::hexfmt::parse_hex);
        aid.and_then(Result::ok).unwrap_or_default()
    }

    /// The terminal's decisions on the records; GENERATE AC 1 when the card gave a CDOL1, else
    /// the flow ends with the TVR as it stands.
    pub(super) fn go_to_generate_ac(&mut self) {
        self.phase = Phase::Done;
        if self.verify_first() {
            self.phase = Phase::Verify;
            return;
        }
        let d = process::decide(
            &self.card,
            &self.terminal,
            &self.aip,
            self.random_seed,
            self.pin_verify,
            self.tvr,
            self.tsi,
        );
        self.result.tvr = Some(hex(&d.tvr));
        self.result.tsi = Some(hex(&d.tsi));
        self.result.cvm_results = Some(hex(&d.cvm_results));
        let Some(cdol1) = self.card.get(&0x8C) else {
            return;
        };
        let mut term = self.terminal.clone();
        term.set(0x95, d.tvr.to_vec());
        term.set(0x9B, d.tsi.to_vec());
        term.set(0x9F34, d.cvm_results.to_vec());
        let Ok(data) = term.fill(cdol1) else {
            return;
        };
        let mut p1 = d.p1;
        if let Some(c) = self.cda.as_mut() {
            p1 = cda::request(p1);
            c.cdol1_data = data.clone();
        }
        self.at_genac = Some((term, data, p1));
        self.phase = Phase::GenerateAc;
    }

    pub(super) fn on_generate_ac(&mut self, sw: Sw, data: &[u8]) {
        self.phase = Phase::Done;
        let signed = self
            .at_genac
            .as_ref()
            .is_some_and(|a| a.2 & cda::P1_CDA != 0);
        let parsed = match (sw == SW_OK, self.cda.as_ref()) {
            (false, _) => None,
            (true, Some(c)) if signed => self.cda_checked(c.clone(), data),
            (true, _) => genac::parse_response(data),
        };
        let (Some(r), Some((mut term, _, _))) = (parsed, self.at_genac.take()) else {
            self.finish_step(sw, Text::tr("devices-emv-note-no-cryptogram"));
            self.result.outcome = EmvOutcome::GenerateAcFailed;
            return;
        };
        self.finish_step(sw, Text::tr("devices-emv-note-cryptogram"));
        let mut tsi = term.get(0x9B).unwrap_or(&[0, 0]).to_vec();
        tsi[0] |= TSI_CARD_RISK;
        self.result.tsi = Some(hex(&tsi));
        term.set(0x9B, tsi);
        if self.tvr[0] & process::TVR_CDA_FAILED.1 != 0 {
            // The rows show the TVR as it now stands; DE55 keeps the TVR sent in CDOL1, which
            // the ARQC covers, so the host can still check it.
            let mut tvr = term.get(0x95).unwrap_or(&[0; 5]).to_vec();
            if let Some(b) = tvr.first_mut() {
                *b |= process::TVR_CDA_FAILED.1;
            }
            self.result.tvr = Some(hex(&tvr));
        }
        let aid = self.selected_aid();
        self.result.de55 = genac::de55(&r, &term, &self.aip, &aid);
        self.result.cid = Some(format!("{:02X}", r.cid));
        self.result.atc = Some(hex(&r.atc));
        self.at_genac_terminal = Some(term);
    }

    /// The CDA check of GENERATE AC 1's response (Book 2 §6.6.2): the ODA outcome and, on a
    /// failure, TVR byte 1 `04`; the response with the recovered cryptogram when there is one.
    fn cda_checked(&mut self, c: CdaState, data: &[u8]) -> Option<AcResponse> {
        let un = self.at_genac.as_ref().and_then(|a| a.0.get(0x9F37));
        let un = un.unwrap_or(&[]).to_vec();
        let checked = cda::check(&c.icc, data, &un, &c.pdol_data, &[&c.cdol1_data]);
        match checked {
            CdaAnswer::Verified(r) => {
                self.result.oda = OdaOutcome::Passed(OdaMethod::Cda);
                Some(r)
            }
            CdaAnswer::Declined(r) => Some(r),
            CdaAnswer::Failed(r, f) => {
                process::mark(&mut self.tvr, process::TVR_CDA_FAILED);
                self.result.oda = OdaOutcome::Failed(OdaMethod::Cda, f);
                r
            }
        }
    }
}
