//! CSV reports: attempts.csv appended and synced per row; summaries via temp file + rename.
