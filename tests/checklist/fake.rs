//! A scripted in-memory `Device` for engine tests that do not need a simulator.

use cardbench::device::{Capabilities, Device, DeviceError};
use cardbench::model::{CardFields, ChipPower, DeviceInfo, SwipeRead, TrackRead, TrackStatus};
use cardbench::sensitive::{Pan, Track2};
use cardbench::trace::FrameSink;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// One synthetic card.
#[derive(Clone, Debug)]
pub struct FakeCard {
    pub pan: String,
    pub expiry: String,
    pub service_code: String,
    /// Per track 1..=3: `None` = read ok, `Some(status)` = that error.
    pub track_errors: [Option<TrackStatus>; 3],
    pub mute: bool,
}

impl FakeCard {
    pub fn new(pan: &str) -> FakeCard {
        FakeCard {
            pan: pan.into(),
            expiry: "2812".into(),
            service_code: "220".into(),
            track_errors: [None, None, None],
            mute: false,
        }
    }
}

/// The eight cards of the default scenario.
pub fn default_cards() -> Vec<FakeCard> {
    [
        "6222020000000000018",
        "6212260000000000026",
        "6217000000000000038",
        "6228480000000000042",
        "6216610000000000057",
        "6225880000000068",
        "4761730000000078",
        "5413330000000084",
    ]
    .iter()
    .map(|p| FakeCard::new(p))
    .collect()
}

/// Shared state so a test can look at it and a reopened device continues where it was.
#[derive(Default)]
pub struct FakeState {
    pub pos: AtomicUsize,
    pub calls: AtomicUsize,
    /// Return `Lost` on this call number (1-based; 0 = never), once.
    pub lose_at: AtomicUsize,
    pub opens: AtomicUsize,
}

pub struct FakeDevice {
    pub cards: Vec<FakeCard>,
    pub state: Arc<FakeState>,
    pub chip: bool,
    pub sink: Option<FrameSink>,
}

fn fields(c: &FakeCard) -> CardFields {
    let pan = Pan::new(c.pan.clone());
    CardFields {
        luhn_ok: pan.luhn_ok(),
        pan,
        name: Some("TEST/CARD".into()),
        expiry: Some(c.expiry.clone()),
        service_code: Some(c.service_code.clone()),
        discretionary_len: 5,
    }
}

impl FakeDevice {
    fn tick(&mut self) -> Result<(), DeviceError> {
        let n = self.state.calls.fetch_add(1, Ordering::SeqCst) + 1;
        if n == self.state.lose_at.load(Ordering::SeqCst) {
            return Err(DeviceError::Lost("fake hang-up".into()));
        }
        Ok(())
    }

    fn card(&self) -> Option<&FakeCard> {
        self.cards.get(self.state.pos.load(Ordering::SeqCst))
    }
}

impl Device for FakeDevice {
    fn profile(&self) -> &'static str {
        if self.chip {
            "crt310"
        } else {
            "msr605"
        }
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            swipe: true,
            chip: self.chip,
            host: false,
            motorised: false,
        }
    }

    fn identify(&mut self) -> Result<DeviceInfo, DeviceError> {
        self.tick()?;
        Ok(DeviceInfo {
            profile: self.profile().into(),
            model: "FAKE".into(),
            firmware: "1.0".into(),
            serial: "F-0001".into(),
        })
    }

    fn read_swipe(&mut self, wait: Duration) -> Result<SwipeRead, DeviceError> {
        self.tick()?;
        let Some(c) = self.card().cloned() else {
            std::thread::sleep(wait.min(Duration::from_millis(50)));
            return Err(DeviceError::Timeout {
                what: "card swipe".into(),
                after_ms: wait.as_millis() as u64,
                silent: cardbench::device::Silent::Operator,
            });
        };
        let t2 = format!("{}={}{}00000", c.pan, c.expiry, c.service_code);
        let tracks = (1u8..=3)
            .map(|n| {
                let st = c.track_errors[usize::from(n - 1)]
                    .clone()
                    .unwrap_or(TrackStatus::Ok);
                TrackRead {
                    track: n,
                    fields: (st.is_ok() && n != 3).then(|| fields(&c)),
                    status: st,
                }
            })
            .collect();
        Ok(SwipeRead {
            tracks,
            reader_status: "ok".into(),
            track2: Some(Track2::new(t2)),
        })
    }

    fn chip_power_on(&mut self) -> Result<ChipPower, DeviceError> {
        self.tick()?;
        match self.card() {
            None => Ok(ChipPower::NoCard("no card".into())),
            Some(c) if c.mute => Ok(ChipPower::Mute),
            Some(_) => Ok(ChipPower::Atr {
                atr: vec![0x3B, 0x65, 0x00, 0x00, 0x20, 0x63, 0xCB, 0xA6, 0xA0],
                t1: false,
            }),
        }
    }

    fn transmit(&mut self, capdu: &[u8]) -> Result<Vec<u8>, DeviceError> {
        self.tick()?;
        let Some(c) = self.card().cloned() else {
            return Ok(vec![0x6F, 0x00]);
        };
        let tlv = |tag: &[u8], v: &[u8]| {
            let mut o = tag.to_vec();
            o.push(v.len() as u8);
            o.extend_from_slice(v);
            o
        };
        let ok = |mut body: Vec<u8>| {
            body.extend_from_slice(&[0x90, 0x00]);
            body
        };
        Ok(match (capdu.get(1), capdu.get(5..)) {
            // SELECT: no PSE; any AID of the terminal list is "on the card".
            (Some(0xA4), Some(data)) => {
                let aid = &data[..usize::from(capdu[4]).min(data.len())];
                if aid.starts_with(b"1PAY") {
                    vec![0x6A, 0x82]
                } else {
                    ok(tlv(&[0x6F], &tlv(&[0x84], aid)))
                }
            }
            (Some(0xA8), _) => ok(vec![0x80, 0x06, 0x7C, 0x00, 0x08, 0x01, 0x01, 0x00]),
            (Some(0xB2), _) => {
                let t2 = format!("{}D{}{}00000", c.pan, c.expiry, c.service_code);
                let t2 = if t2.len() % 2 == 1 {
                    format!("{t2}F")
                } else {
                    t2
                };
                let mut body = tlv(&[0x57], &cardbench::sim::scenario::pack_nibbles(&t2));
                body.extend(tlv(
                    &[0x5F, 0x24],
                    &cardbench::sim::scenario::pack_nibbles(&format!("{}31", c.expiry)),
                ));
                ok(tlv(&[0x70], &body))
            }
            _ => vec![0x6D, 0x00],
        })
    }

    fn chip_power_off(&mut self) -> Result<(), DeviceError> {
        self.tick()
    }

    fn card_done(&mut self, _pass: bool) -> Result<(), DeviceError> {
        self.tick()?;
        self.state.pos.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }

    fn cancel(&mut self) -> Result<(), DeviceError> {
        Ok(())
    }

    fn set_frame_sink(&mut self, sink: FrameSink) {
        self.sink = Some(sink);
    }
}

/// An opener for `checklist::start_with` over fake cards; reopening continues the deck.
pub fn opener(
    cards: Vec<FakeCard>,
    chip: bool,
    state: Arc<FakeState>,
) -> cardbench::checklist::engine::Opener {
    Box::new(move |sink| {
        state.opens.fetch_add(1, Ordering::SeqCst);
        let d = FakeDevice {
            cards: cards.clone(),
            state: state.clone(),
            chip,
            sink: Some(sink),
        };
        Ok((Box::new(d) as Box<dyn Device>, None))
    })
}
