//! A scripted in-memory `Device` for engine tests that do not need a simulator.

use cardbench::device::{Capabilities, Device, DeviceError, FrameSink};
use cardbench::model::{CardFields, ChipPower, DeviceInfo, SwipeRead, TrackRead, TrackStatus};
use cardbench::sensitive::{Pan, Track2};
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

    fn transmit(&mut self, _capdu: &[u8]) -> Result<Vec<u8>, DeviceError> {
        self.tick()?;
        Ok(vec![0x6A, 0x82])
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
