//! Opening a device by address: serial path, tcp://, rfc2217://, or the in-process simulator.
