//! A secret held in clear only to be used (a simulated card's PIN): it never prints.

use std::fmt;

/// A secret string that `Display` and `Debug` print as `****`, so a `{:?}` of the struct
/// that holds it (a scenario's card) shows nothing. Serde reads and writes the value itself:
/// the file that holds it (a scenario of synthetic test cards) is where it comes from. The
/// clear value is reachable only through [`Secret::expose_clear`].
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(clear: impl Into<String>) -> Secret {
        Secret(clear.into())
    }

    /// The clear value, for the code that must use it (a PIN check, a PIN block).
    pub fn expose_clear(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Secret {
    fn from(clear: &str) -> Secret {
        Secret::new(clear)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("****")
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("****")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_never_prints() {
        let s = Secret::new("4321");
        assert_eq!(format!("{s} {s:?} {:?}", Some(&s)), "**** **** Some(****)");
        assert_eq!(s.expose_clear(), "4321");
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, "\"4321\"");
        assert_eq!(serde_json::from_str::<Secret>(&json).unwrap(), s);
    }
}
