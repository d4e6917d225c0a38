//! Today, for the commands that date things (ADRs) or age them (prices):
//! the system clock, or `SOURCE_DATE_EPOCH` for reproducible output.

/// Today in days since 1970-01-01 (UTC).
pub fn today_days() -> u64 {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    seconds / 86_400
}

/// Today's ISO date (`YYYY-MM-DD`, UTC).
pub fn today() -> String {
    infraplan::plan::quantity::civil_date(today_days())
}
