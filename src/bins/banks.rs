//! The 13 major Chinese issuing banks (protocols.md §7.2): codes, abbreviations, English and
//! Chinese names, CUPS institution codes, and lookup by any of them.

use super::norm;

/// One major Chinese bank: source code (Alipay-style), the abbreviation technicians use,
/// English and Chinese names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bank {
    pub code: &'static str,
    pub short: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
    /// CUPS institution code (protocols.md §7.2).
    pub cups: &'static str,
}

/// The banks of the built-in table.
pub const BANKS: [Bank; 13] = [
    Bank {
        code: "ICBC",
        short: "ICBC",
        en: "Industrial and Commercial Bank of China",
        zh: "中国工商银行",
        cups: "102",
    },
    Bank {
        code: "CCB",
        short: "CCB",
        en: "China Construction Bank",
        zh: "中国建设银行",
        cups: "105",
    },
    Bank {
        code: "ABC",
        short: "ABC",
        en: "Agricultural Bank of China",
        zh: "中国农业银行",
        cups: "103",
    },
    Bank {
        code: "BOC",
        short: "BOC",
        en: "Bank of China",
        zh: "中国银行",
        cups: "104",
    },
    Bank {
        code: "COMM",
        short: "BOCOM",
        en: "Bank of Communications",
        zh: "交通银行",
        cups: "301",
    },
    Bank {
        code: "CMB",
        short: "CMB",
        en: "China Merchants Bank",
        zh: "招商银行",
        cups: "308",
    },
    Bank {
        code: "PSBC",
        short: "PSBC",
        en: "Postal Savings Bank of China",
        zh: "中国邮政储蓄银行",
        cups: "403",
    },
    Bank {
        code: "CITIC",
        short: "CITIC",
        en: "China CITIC Bank",
        zh: "中信银行",
        cups: "302",
    },
    Bank {
        code: "CEB",
        short: "CEB",
        en: "China Everbright Bank",
        zh: "中国光大银行",
        cups: "303",
    },
    Bank {
        code: "CIB",
        short: "CIB",
        en: "Industrial Bank",
        zh: "兴业银行",
        cups: "309",
    },
    Bank {
        code: "SPDB",
        short: "SPDB",
        en: "Shanghai Pudong Development Bank",
        zh: "上海浦东发展银行",
        cups: "310",
    },
    Bank {
        code: "CMBC",
        short: "CMBC",
        en: "China Minsheng Bank",
        zh: "中国民生银行",
        cups: "305",
    },
    Bank {
        code: "SPABANK",
        short: "PAB",
        en: "Ping An Bank",
        zh: "平安银行",
        cups: "307",
    },
];

/// Finds one of the built-in banks by code, abbreviation, English or Chinese name
/// (case-insensitive; `BOCOM`, `COMM`, `交通银行`, `Ping An`, `PINGAN` all work).
pub fn find_bank(name: &str) -> Option<&'static Bank> {
    let q = norm(name);
    if q.is_empty() {
        return None;
    }
    BANKS.iter().find(|b| {
        norm(b.code) == q
            || norm(b.short) == q
            || norm(b.en) == q
            || b.zh == name.trim()
            || (b.code == "SPABANK" && (q == "PINGAN" || q == "PINGANBANK"))
            || (b.code == "COMM" && q == "BANKCOMM")
    })
}
