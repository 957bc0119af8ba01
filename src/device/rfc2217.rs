//! RFC 2217 (Telnet COM-port control) transport: remote serial ports (in progress).
