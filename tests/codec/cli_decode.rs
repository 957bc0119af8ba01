//! (cli_decode tests)
