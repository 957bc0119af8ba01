//! The EMV Book 1 rules for an ATR (§8.3: TA1, TC1, TD1, TA2, TC2, the T=1 group) and the
//! ISO/IEC 7816-3 TCK and length rules, as sentences naming the rule and the byte.

use super::{fmt_d, fmt_f, Atr};
use crate::i18n::{t, Lang};

impl Atr {
    /// The EMV Book 1 (ATR) rules this ATR breaks; empty when an EMV kernel accepts it.
    pub fn emv_issues(&self) -> Vec<String> {
        self.emv_issues_in(Lang::En)
    }

    /// [`Atr::emv_issues`] in `lang`.
    pub fn emv_issues_in(&self, lang: Lang) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        let hex = |b: u8| format!("{b:02X}");
        if let Some(ta1) = self.byte("TA1") {
            if !(0x11..=0x13).contains(&ta1) {
                v.push(
                    t!(
                        lang,
                        "decode-atr-rule-ta1",
                        value = hex(ta1),
                        f = fmt_f(ta1 >> 4),
                        d = fmt_d(ta1 & 0xF)
                    )
                    .into_owned(),
                );
            }
        }
        if let Some(tc1) = self.byte("TC1") {
            if tc1 != 0x00 && tc1 != 0xFF {
                v.push(t!(lang, "decode-atr-rule-tc1", value = hex(tc1)).into_owned());
            }
        }
        if let Some(td1) = self.byte("TD1") {
            let t = td1 & 0x0F;
            if t > 1 {
                v.push(t!(lang, "decode-atr-rule-td1", t = t).into_owned());
            }
        }
        if let Some(ta2) = self.byte("TA2") {
            if ta2 & 0x10 != 0 {
                v.push(t!(lang, "decode-atr-rule-ta2-mode", value = hex(ta2)).into_owned());
            }
            let first = self.first_protocol();
            if ta2 & 0x0F != first {
                v.push(
                    t!(
                        lang,
                        "decode-atr-rule-ta2-protocol",
                        first = first,
                        t = ta2 & 0x0F
                    )
                    .into_owned(),
                );
            }
        }
        if let Some(tc2) = self.byte("TC2") {
            if self.first_protocol() == 0 && tc2 != 0x0A {
                v.push(t!(lang, "decode-atr-rule-tc2", value = hex(tc2)).into_owned());
            }
        }
        self.t1_issues(lang, &mut v);
        match (self.tck_required, self.tck, self.tck_expected) {
            (true, None, Some(e)) => {
                v.push(t!(lang, "decode-atr-rule-tck-missing", expected = hex(e)).into_owned())
            }
            (true, Some(got), Some(e)) if got != e => v.push(
                t!(
                    lang,
                    "decode-atr-rule-tck-wrong",
                    expected = hex(e),
                    got = hex(got)
                )
                .into_owned(),
            ),
            _ => {}
        }
        if self.raw.len() > 33 {
            v.push(t!(lang, "decode-atr-rule-length", count = self.raw.len()).into_owned());
        }
        v
    }

    /// The rules of the first T=1 group (IFSC, CWI, BWI, TC3), when T=1 is offered.
    fn t1_issues(&self, lang: Lang, v: &mut Vec<String>) {
        let hex = |b: u8| format!("{b:02X}");
        let t1_byte = |kind: char| {
            self.interface_bytes
                .iter()
                .find(|b| b.index >= 3 && b.protocol == Some(1) && b.kind == kind)
                .map(|b| (b.name.clone(), b.value))
        };
        if self.protocols.contains(&1) {
            if let Some((name, ta)) = t1_byte('A') {
                if !(0x10..=0xFE).contains(&ta) {
                    v.push(
                        t!(
                            lang,
                            "decode-atr-rule-ifsc",
                            name = name.as_str(),
                            value = hex(ta)
                        )
                        .into_owned(),
                    );
                }
            }
            if let Some((name, tb)) = t1_byte('B') {
                if tb & 0x0F > 5 {
                    v.push(
                        t!(
                            lang,
                            "decode-atr-rule-cwi",
                            name = name.as_str(),
                            value = hex(tb),
                            cwi = tb & 0x0F
                        )
                        .into_owned(),
                    );
                }
                if tb >> 4 > 4 {
                    v.push(
                        t!(
                            lang,
                            "decode-atr-rule-bwi",
                            name = name.as_str(),
                            value = hex(tb),
                            bwi = tb >> 4
                        )
                        .into_owned(),
                    );
                }
            }
            if let Some((name, tc)) = t1_byte('C') {
                if tc != 0 {
                    v.push(
                        t!(
                            lang,
                            "decode-atr-rule-tc3",
                            name = name.as_str(),
                            value = hex(tc)
                        )
                        .into_owned(),
                    );
                }
            }
        }
    }
}
