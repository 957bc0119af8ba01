//! Deck files (TOML): the ordered test cards with expectations per interface.
