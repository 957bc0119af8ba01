//! What the host remembers about one terminal (by DE41) across connections: its working keys
//! after sign-on, its batch number, the journal of financial transactions settlement is
//! checked against, and how far its downloads got.

use super::signon::WorkingKeys;
use crate::crypto::MacAlgorithm;

/// One financial request the host answered, for settlement and batch upload.
#[derive(Clone, Debug)]
pub struct JournalEntry {
    /// The request's MTI (`0200`), which a reversal's DE90 names.
    pub mti: String,
    pub stan: String,
    pub amount_minor: u64,
    /// Refunds and voids count as credits, everything else as debits.
    pub credit: bool,
    /// Answered `00`/`10`/`11`.
    pub approved: bool,
    /// A later 0400 reversed it.
    pub reversed: bool,
    /// Clear PAN digits, kept in memory only to match batch-upload records; never printed.
    pub pan: String,
}

/// Debit and credit counts and amounts (minor units).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub debit_amount: u64,
    pub debit_count: u32,
    pub credit_amount: u64,
    pub credit_count: u32,
}

impl Totals {
    /// `debit 2/0.02, credit 0/0.00` (the exchange facts and the English log line).
    pub fn describe(&self) -> String {
        self.describe_in(crate::i18n::Lang::En)
    }

    /// [`Totals::describe`] in `lang` (`借记 2 笔/0.02，贷记 0 笔/0.00`).
    pub fn describe_in(&self, lang: crate::i18n::Lang) -> String {
        let amount = |minor: u64| crate::host::wire::amount_text(&minor.to_string());
        crate::i18n::t!(
            lang,
            "host-note-totals",
            debit_count = self.debit_count,
            debit_amount = amount(self.debit_amount),
            credit_count = self.credit_count,
            credit_amount = amount(self.credit_amount)
        )
        .into_owned()
    }
}

/// Where a terminal's downloads stand. The host asks for one (processing requirement 4 then 5)
/// until the terminal completes it.
#[derive(Clone, Debug, Default)]
pub struct Downloads {
    /// Times the host set requirement 4 / 5 in a reply.
    pub keys_asked: u32,
    pub params_asked: u32,
    /// The terminal sent the end message (371 / 381).
    pub keys_done: bool,
    pub params_done: bool,
    /// Entries served one by one (370 / 380).
    pub keys_served: u32,
    pub params_served: u32,
}

/// One terminal's state.
#[derive(Debug)]
pub struct Terminal {
    pub merchant_id: String,
    pub keys: Option<WorkingKeys>,
    pub mac: MacAlgorithm,
    pub batch: String,
    pub journal: Vec<JournalEntry>,
    pub downloads: Downloads,
    /// Header application type of the last message (`61` = IC POS application).
    pub app_type: Option<String>,
    /// Records received in this batch's upload.
    pub uploaded: u32,
    pub upload_matched: u32,
}

impl Terminal {
    pub fn new(mac: MacAlgorithm) -> Terminal {
        Terminal {
            merchant_id: String::new(),
            keys: None,
            mac,
            batch: "000001".into(),
            journal: Vec::new(),
            downloads: Downloads::default(),
            app_type: None,
            uploaded: 0,
            upload_matched: 0,
        }
    }

    /// The host's own totals of this batch: approved, not reversed.
    pub fn totals(&self) -> Totals {
        let mut t = Totals::default();
        for e in self.journal.iter().filter(|e| e.approved && !e.reversed) {
            if e.credit {
                t.credit_amount += e.amount_minor;
                t.credit_count += 1;
            } else {
                t.debit_amount += e.amount_minor;
                t.debit_count += 1;
            }
        }
        t
    }

    /// Closes the batch after settlement: the journal starts again under the next number.
    pub fn close_batch(&mut self) {
        self.journal.clear();
        self.uploaded = 0;
        self.upload_matched = 0;
        let n: u32 = self.batch.parse().unwrap_or(0);
        self.batch = format!("{:06}", n % 999_999 + 1);
    }

    /// The processing requirement the next reply asks for when the host pushes downloads: IC
    /// public keys first, then IC parameters, for an IC POS application (`61`) that has not
    /// completed them.
    pub fn pending_requirement(&self, push: bool) -> u8 {
        if !push || self.app_type.as_deref() != Some("61") {
            return 0;
        }
        if !self.downloads.keys_done {
            4
        } else if !self.downloads.params_done {
            5
        } else {
            0
        }
    }
}
