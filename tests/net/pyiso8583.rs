//! Independent oracle: pyiso8583 (`default_ascii` spec). Messages it encodes must decode
//! field-for-field in cardbench, cardbench's ASCII encoding must decode in pyiso8583, and
//! `cardbench host` must answer a pyiso8583 0800 echo over a socket with 0810 / RC 00.
//! Skips loudly only when pyiso8583 cannot be imported or installed.

use cardbench::codec::iso8583::spec::{field_spec, Kind};
use cardbench::codec::iso8583::{decode, encode, Message, Packing, Value};
use cardbench::hexfmt::{hex, parse_hex};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

fn have_pyiso8583() -> bool {
    let ok = || {
        Command::new("python3")
            .args(["-c", "import iso8583"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if ok() {
        return true;
    }
    let _ = Command::new("python3")
        .args(["-m", "pip", "install", "-q", "pyiso8583"])
        .output();
    ok()
}

fn skip(why: &str) {
    eprintln!("!!!!!!!! SKIPPED: {why} !!!!!!!!");
}

fn python(script: &str, stdin: &str) -> String {
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "python failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Cardbench's view of a field as pyiso8583 would hold it (binary fields as upper hex).
fn as_py(num: u8, v: &Value) -> String {
    match v {
        Value::Text(t) => t.clone(),
        Value::Bytes(b) => {
            assert_eq!(field_spec(num, Packing::Ascii).unwrap().kind, Kind::B);
            hex(b)
        }
    }
}

const PY_ENCODE: &str = r#"
import sys, json, iso8583
from iso8583.specs import default_ascii as spec
msgs = [
 {"t":"0800","7":"1126123456","11":"000001","70":"301"},
 {"t":"0200","2":"6212345678901232","3":"000000","4":"000000012345","7":"1126123456","11":"000403",
  "12":"101112","13":"1126","14":"2812","22":"051","23":"001","25":"00","35":"6212345678901232=28122011234567890",
  "37":"123456789012","41":"BENCH001","42":"898100012345678","43":"SHOP 1 NANJING ROAD SHANGHAI          CN",
  "48":"some private data","49":"156","52":"D1EEF419D0AE2609","55":"9F2701809505000000000082027C00",
  "60":"22000024000600","63":"CUP","64":"0000000000000000"},
 {"t":"0210","3":"000000","4":"000000000051","11":"000404","39":"51","44":"insufficient","100":"12345678901",
  "102":"ACCOUNT-1","128":"ABCDEF0123456789"},
 {"t":"0400","2":"6216610000000001","3":"000000","4":"000000000100","11":"000405","39":"98","90":"020000040311261234560000000000000000000000"},
]
for m in msgs:
    raw, _ = iso8583.encode(dict(m), spec)
    print(raw.hex().upper() + " " + json.dumps(m))
"#;

const PY_DECODE: &str = r#"
import sys, json, iso8583
from iso8583.specs import default_ascii as spec
for line in sys.stdin:
    line = line.strip()
    if not line: continue
    d, _ = iso8583.decode(bytes.fromhex(line), spec)
    d = {k: v for k, v in d.items() if k not in ("p", "1", "h")}
    print(json.dumps(d))
"#;

#[test]
fn pyiso8583_encodes_cardbench_decodes() {
    if !have_pyiso8583() {
        return skip("python3 with pyiso8583 is not available and pip could not install it");
    }
    let out = python(PY_ENCODE, "");
    let mut n = 0;
    for line in out.lines() {
        let (hx, js) = line.split_once(' ').unwrap();
        let want: serde_json::Map<String, serde_json::Value> = serde_json::from_str(js).unwrap();
        let d = decode(&parse_hex(hx).unwrap(), Packing::Ascii).unwrap();
        assert_eq!(d.message.mti, want["t"].as_str().unwrap());
        let mut got_keys: Vec<String> = d.message.fields.keys().map(u8::to_string).collect();
        let mut want_keys: Vec<String> = want.keys().filter(|k| *k != "t").cloned().collect();
        got_keys.sort();
        want_keys.sort();
        assert_eq!(got_keys, want_keys);
        for (k, v) in &want {
            if k == "t" {
                continue;
            }
            let num: u8 = k.parse().unwrap();
            assert_eq!(
                as_py(num, d.message.get(num).unwrap()).to_uppercase(),
                v.as_str().unwrap().to_uppercase(),
                "field {k}"
            );
        }
        n += 1;
    }
    assert_eq!(n, 4);
}

#[test]
fn cardbench_encodes_pyiso8583_decodes() {
    if !have_pyiso8583() {
        return skip("python3 with pyiso8583 is not available and pip could not install it");
    }
    let mut m1 = Message::new("0200")
        .with(2, "6212345678901232")
        .with(3, "000000")
        .with(4, "000000000100")
        .with(11, "000007")
        .with(22, "021")
        .with(35, "6212345678901232=2812201")
        .with(41, "BENCH001")
        .with(42, "898100012345678")
        .with(49, "156")
        .with(60, "22000001000600");
    m1.set_bytes(52, vec![0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF0]);
    m1.set_bytes(55, vec![0x9F, 0x27, 0x01, 0x80]);
    let m2 = Message::new("0810")
        .with(7, "1126123456")
        .with(11, "000001")
        .with(39, "00")
        .with(70, "301");
    let mut m3 = Message::new("0410")
        .with(11, "000002")
        .with(39, "00")
        .with(102, "X");
    m3.set_bytes(128, vec![0xAB; 8]);
    let msgs = [m1, m2, m3];
    let input: String = msgs
        .iter()
        .map(|m| hex(&encode(m, Packing::Ascii).unwrap()) + "\n")
        .collect();
    let out = python(PY_DECODE, &input);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), msgs.len());
    for (m, line) in msgs.iter().zip(lines) {
        let got: serde_json::Map<String, serde_json::Value> = serde_json::from_str(line).unwrap();
        assert_eq!(got["t"].as_str().unwrap(), m.mti);
        assert_eq!(got.len() - 1, m.fields.len(), "{line}");
        for (n, v) in &m.fields {
            assert_eq!(
                got[&n.to_string()].as_str().unwrap().to_uppercase(),
                as_py(*n, v).to_uppercase(),
                "field {n}"
            );
        }
    }
}

const PY_ECHO: &str = r#"
import sys, json, socket, iso8583
from iso8583.specs import default_ascii as spec
port = int(sys.argv[1])
s = socket.create_connection(("127.0.0.1", port), timeout=10)
raw, _ = iso8583.encode({"t": "0800", "7": "1126123456", "11": "000001", "70": "301"}, spec)
s.sendall(len(raw).to_bytes(2, "big") + raw)
def recv(n):
    b = b""
    while len(b) < n:
        c = s.recv(n - len(b))
        if not c: raise SystemExit("closed")
        b += c
    return b
l = int.from_bytes(recv(2), "big")
d, _ = iso8583.decode(recv(l), spec)
print(json.dumps(d))
"#;

#[test]
fn cardbench_host_answers_a_pyiso8583_echo() {
    if !have_pyiso8583() {
        return skip("python3 with pyiso8583 is not available and pip could not install it");
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_cardbench"))
        .args(["host", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    assert!(first.contains("MACs are checked"), "{first}");
    let port = first
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap()
        .to_string();
    let py = Command::new("python3")
        .args(["-c", PY_ECHO, &port])
        .output()
        .unwrap();
    let mut exchange = String::new();
    out.read_line(&mut exchange).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        py.status.success(),
        "{}",
        String::from_utf8_lossy(&py.stderr)
    );
    let d: serde_json::Value = serde_json::from_slice(&py.stdout).unwrap();
    assert_eq!(d["t"], "0810");
    assert_eq!(d["39"], "00");
    assert_eq!(d["11"], "000001");
    assert_eq!(d["70"], "301");
    assert!(
        exchange.contains("0800 echo") && exchange.contains("RC 00"),
        "{exchange}"
    );
}
