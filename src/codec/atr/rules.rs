//! The EMV Book 1 rules for an ATR (§8.3: TA1, TC1, TD1, TA2, TC2, the T=1 group) and the
//! ISO/IEC 7816-3 TCK and length rules, as sentences naming the rule and the byte.

use super::{fmt_d, fmt_f, Atr};

impl Atr {
    /// The EMV Book 1 (ATR) rules this ATR breaks; empty when an EMV kernel accepts it.
    pub fn emv_issues(&self) -> Vec<String> {
        let mut v = Vec::new();
        if let Some(ta1) = self.byte("TA1") {
            if !(0x11..=0x13).contains(&ta1) {
                v.push(format!(
                    "EMV rule TA1 in 11..13 (F=372, D=1/2/4): TA1 is {ta1:02X} ({}, {})",
                    fmt_f(ta1 >> 4),
                    fmt_d(ta1 & 0xF)
                ));
            }
        }
        if let Some(tc1) = self.byte("TC1") {
            if tc1 != 0x00 && tc1 != 0xFF {
                v.push(format!(
                    "EMV rule TC1 = 00 or FF (extra guard time): TC1 is {tc1:02X}"
                ));
            }
        }
        if let Some(td1) = self.byte("TD1") {
            let t = td1 & 0x0F;
            if t > 1 {
                v.push(format!("EMV rule TD1 offers T=0 or T=1: TD1 offers T={t}"));
            }
        }
        if let Some(ta2) = self.byte("TA2") {
            if ta2 & 0x10 != 0 {
                v.push(format!(
                    "EMV rule TA2 specific mode with parameters from TA1 (b5 = 0): TA2 is {ta2:02X}"
                ));
            }
            let first = self.first_protocol();
            if ta2 & 0x0F != first {
                v.push(format!(
                    "EMV rule TA2 names the first offered protocol T={first}: TA2 names T={}",
                    ta2 & 0x0F
                ));
            }
        }
        if let Some(tc2) = self.byte("TC2") {
            if self.first_protocol() == 0 && tc2 != 0x0A {
                v.push(format!("EMV rule TC2 (T=0 WI) = 0A: TC2 is {tc2:02X}"));
            }
        }
        let t1_byte = |kind: char| {
            self.interface_bytes
                .iter()
                .find(|b| b.index >= 3 && b.protocol == Some(1) && b.kind == kind)
                .map(|b| (b.name.clone(), b.value))
        };
        if self.protocols.contains(&1) {
            if let Some((name, ta)) = t1_byte('A') {
                if !(0x10..=0xFE).contains(&ta) {
                    v.push(format!(
                        "EMV rule T=1 IFSC (TA3) in 10..FE: {name} is {ta:02X}"
                    ));
                }
            }
            if let Some((name, tb)) = t1_byte('B') {
                if tb & 0x0F > 5 {
                    v.push(format!(
                        "EMV rule T=1 CWI <= 5: {name} is {tb:02X} (CWI {})",
                        tb & 0x0F
                    ));
                }
                if tb >> 4 > 4 {
                    v.push(format!(
                        "EMV rule T=1 BWI <= 4: {name} is {tb:02X} (BWI {})",
                        tb >> 4
                    ));
                }
            }
            if let Some((name, tc)) = t1_byte('C') {
                if tc != 0 {
                    v.push(format!(
                        "EMV rule T=1 TC3 = 00 (LRC error detection): {name} is {tc:02X}"
                    ));
                }
            }
        }
        match (self.tck_required, self.tck, self.tck_expected) {
            (true, None, Some(e)) => v.push(format!(
                "ISO 7816-3 TCK present when T other than 0 is offered: TCK missing (expected {e:02X})"
            )),
            (true, Some(t), Some(e)) if t != e => v.push(format!(
                "ISO 7816-3 TCK check: expected {e:02X}, got {t:02X}"
            )),
            _ => {}
        }
        if self.raw.len() > 33 {
            v.push(format!(
                "ISO 7816-3 ATR at most 33 bytes: this one has {}",
                self.raw.len()
            ));
        }
        v
    }
}
