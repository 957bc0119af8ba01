//! `cardbench decode`: human-readable and JSON explanations of pasted bytes, one submodule
//! per layer. Bad input is an error naming the byte offset (exit 2).

pub mod apdu;
pub mod atr;
pub mod iso8583;
pub mod tlv;
pub mod track;

use crate::cli::{DecodeArgs, DecodeKind};
use crate::error::{Globals, Result, Status};
use std::io::Read;

/// Reads the input argument, or stdin for `-` / nothing.
pub fn read_input(arg: Option<&str>) -> Result<String> {
    match arg {
        Some(s) if s != "-" => Ok(s.to_string()),
        _ => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s)?;
            Ok(s)
        }
    }
}

pub fn run_decode(_g: &Globals, args: &DecodeArgs) -> Result<Status> {
    let mut input = read_input(args.input.as_deref())?;
    for word in &args.more {
        input.push(' ');
        input.push_str(word);
    }
    let out = match args.kind {
        DecodeKind::Track => track::explain(&input, args)?,
        DecodeKind::Atr => atr::explain(&input, args)?,
        DecodeKind::Apdu => apdu::explain(&input, args)?,
        DecodeKind::Tlv => tlv::explain(&input, args)?,
        DecodeKind::Iso8583 => iso8583::explain(&input, args)?,
    };
    print!("{out}");
    if !out.ends_with('\n') {
        println!();
    }
    Ok(Status::Passed)
}
