//! `cardbench decode iso8583` (in progress).

use crate::cli::DecodeArgs;
use crate::error::Result;

pub fn explain(_input: &str, _args: &DecodeArgs) -> Result<String> {
    super::not_yet("decode iso8583")
}
