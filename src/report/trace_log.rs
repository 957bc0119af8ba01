//! `trace.jsonl`: the run's record for replay — one JSON object per line, in the order the
//! run produced them: the deck (its cards, expectations and tracks), the run's start with the
//! terminal's identity, every frame of the link timeline (masked as on screen, with every
//! decoded layer), every attempt with its card, notes, device losses and reconnects, and how
//! the run ended. `cardbench replay DIR` reads it back (docs/report-format.md).

use crate::deck::CardSummary;
use crate::i18n::Text;
use crate::model::{Attempt, DeviceInfo, Interface};
use crate::trace::FrameRecord;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

/// How a run starts: the device answered its identity command and the deck is loaded. The
/// engine sends it (`checklist::BenchEvent::Started`) and the trace keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunStart {
    /// The station's name (batch) or `run`/`demo`.
    pub station: String,
    /// The device address as given (a POS adds its link in brackets).
    pub device: String,
    /// The identity the device gave.
    pub terminal: DeviceInfo,
    /// The cards of the deck, in deck order.
    pub cards: Vec<CardSummary>,
    /// Where the run's reports go (a replay puts the folder it reads from here).
    #[serde(serialize_with = "path_text")]
    pub report_dir: PathBuf,
}

/// A path as text in the trace, lossily if it is not UTF-8 (the trace line is still written).
fn path_text<S: serde::Serializer>(p: &Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&p.to_string_lossy())
}

/// One line of `trace.jsonl`, tagged by `kind`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TraceEntry {
    /// The deck as the run walks it: per card (deck position) the expectation per interface
    /// and the stripe tracks it carries.
    Deck {
        expected: Vec<BTreeMap<Interface, String>>,
        tracks: Vec<Vec<u8>>,
    },
    /// The device answered; the run starts over these cards.
    Started(RunStart),
    /// One line of the link timeline.
    Frame(FrameRecord),
    /// One attempt (`card`: deck position, none for run-level steps).
    Attempt {
        card: Option<usize>,
        row: Box<Attempt>,
    },
    Note(Text),
    DeviceLost {
        why: String,
    },
    Reconnected,
    /// The run could not go on.
    Aborted {
        why: String,
    },
    /// The run is over: `end` is `run.toml`'s end code, `reason` why it ended early.
    Finished {
        all_passed: bool,
        end: String,
        reason: String,
    },
}

/// `trace.jsonl` being written: created new in the run's fresh folder (never through a link),
/// one line per entry. Lines are not synced one by one (a run makes thousands of frames);
/// `attempts.csv` remains the crash-safe record.
pub struct TraceLog {
    file: File,
}

impl TraceLog {
    /// Creates `dir/trace.jsonl` new.
    pub fn create(dir: &Path) -> io::Result<TraceLog> {
        Ok(TraceLog {
            file: super::folder::create_new(&dir.join(super::TRACE))?,
        })
    }

    /// Appends one entry as one line; a card number that slipped into the text is masked.
    pub fn append(&mut self, e: &TraceEntry) -> io::Result<()> {
        let mut line = serde_json::to_string(e).map_err(io::Error::other)?;
        if crate::sensitive::find_clear_pan(&line).is_some() {
            line = crate::sensitive::mask_clear_pans(&line);
        }
        line.push('\n');
        self.file.write_all(line.as_bytes())
    }

    /// Makes what was written durable (at the end of the run).
    pub fn sync(&mut self) -> io::Result<()> {
        self.file.sync_data()
    }
}

/// Reads `dir/trace.jsonl` back; a line that cannot be read (a run killed mid-line, a newer
/// kind) is skipped and counted.
pub fn read_trace(dir: &Path) -> io::Result<(Vec<TraceEntry>, usize)> {
    let f = File::open(dir.join(super::TRACE))?;
    let mut entries = Vec::new();
    let mut bad = 0;
    for line in io::BufReader::new(f).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<TraceEntry>(&line) {
            Ok(e) => entries.push(e),
            Err(_) => bad += 1,
        }
    }
    Ok((entries, bad))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn entries_round_trip_and_torn_lines_are_skipped() {
        let d = tempfile::tempdir().unwrap();
        let mut log = TraceLog::create(d.path()).unwrap();
        let entries = vec![
            TraceEntry::Note(Text::new("a", "甲")),
            TraceEntry::Attempt {
                card: Some(2),
                row: Box::new(Attempt {
                    detail: "pan 6222020000000000018".into(),
                    ..Attempt::default()
                }),
            },
            TraceEntry::Finished {
                all_passed: false,
                end: "complete".into(),
                reason: String::new(),
            },
        ];
        for e in &entries {
            log.append(e).unwrap();
        }
        drop(log);
        assert!(TraceLog::create(d.path()).is_err(), "never reopened");
        let text = std::fs::read_to_string(d.path().join("trace.jsonl")).unwrap();
        assert!(crate::sensitive::find_clear_pan(&text).is_none(), "{text}");
        std::fs::write(
            d.path().join("trace.jsonl"),
            format!("{text}{{\"kind\":\"frame\",\"at"),
        )
        .unwrap();
        let (back, bad) = read_trace(d.path()).unwrap();
        assert_eq!((back.len(), bad), (3, 1));
        assert_eq!(back[0], entries[0]);
    }
}
