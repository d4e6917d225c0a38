//! Working time: durations in working days and the dates of a schedule.
//!
//! A working day is Monday to Friday, minus the holidays the plan lists,
//! and holds eight working hours. `3d` is three working days and `2w` ten;
//! hours and minutes add up to working days, rounded up to whole days
//! (a 4-hour phase takes a day of the calendar).

use std::collections::BTreeSet;

use crate::plan::quantity::{Duration, civil_date, days_since_epoch};

/// Working minutes in a working day.
const MINUTES_PER_DAY: u64 = 8 * 60;

/// `duration` in working minutes: a week is five working days, a day eight
/// working hours.
pub fn working_minutes(duration: &Duration) -> u64 {
    let text = duration.as_str();
    let unit_at = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let value: u64 = text[..unit_at].parse().unwrap_or(0);
    match &text[unit_at..] {
        "w" => value.saturating_mul(5 * MINUTES_PER_DAY),
        "d" => value.saturating_mul(MINUTES_PER_DAY),
        "h" => value.saturating_mul(60),
        "m" => value,
        // Seconds round up to a whole minute.
        _ => value.div_ceil(60),
    }
}

/// Working minutes as whole working days, rounded up.
pub fn working_days(minutes: u64) -> u32 {
    u32::try_from(minutes.div_ceil(MINUTES_PER_DAY)).unwrap_or(u32::MAX)
}

/// Minutes as the shortest plain text: `1h 35m`, `2d`, `45m`.
pub fn minutes_text(minutes: u64) -> String {
    let (hours, rest) = (minutes / 60, minutes % 60);
    match (hours, rest) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h {m}m"),
    }
}

/// Weekday of a day counted from 1970-01-01 (a Thursday): 0 is Monday.
fn weekday(day: i64) -> i64 {
    (day + 3).rem_euclid(7)
}

/// Whether a day counted from 1970-01-01 is a Saturday or Sunday.
pub fn is_weekend(day: i64) -> bool {
    weekday(day) >= 5
}

/// The working days of one schedule, from its first.
#[derive(Debug, Clone)]
pub struct WorkCalendar {
    holidays: BTreeSet<i64>,
    /// Working days in order, from the first; extended on demand.
    days: Vec<i64>,
}

impl WorkCalendar {
    /// The calendar whose first working day is `start` or, when that is a
    /// weekend or holiday, the next working day after it.
    pub fn starting(start: i64, holidays: BTreeSet<i64>) -> Self {
        let mut calendar = Self {
            holidays,
            days: Vec::new(),
        };
        let mut day = start;
        while !calendar.is_working(day) {
            day += 1;
        }
        calendar.days.push(day);
        calendar
    }

    /// Whether `day` is a working day.
    pub fn is_working(&self, day: i64) -> bool {
        weekday(day) < 5 && !self.holidays.contains(&day)
    }

    /// The first working day.
    pub fn first(&self) -> i64 {
        self.days[0]
    }

    /// The calendar day of working day `n` (0 is the first).
    pub fn day(&mut self, n: u32) -> i64 {
        let wanted = n as usize;
        while self.days.len() <= wanted {
            let mut next = self.days[self.days.len() - 1] + 1;
            while !self.is_working(next) {
                next += 1;
            }
            self.days.push(next);
        }
        self.days[wanted]
    }
}

/// `YYYY-MM-DD` of a day counted from 1970-01-01.
pub fn date_text(day: i64) -> String {
    civil_date(u64::try_from(day).unwrap_or(0))
}

/// Days from 1970-01-01 of an ISO date.
pub fn day_of(date: &str) -> Option<i64> {
    days_since_epoch(date)
}

/// The English name of a day's weekday.
pub fn weekday_name(day: i64) -> &'static str {
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ][usize::try_from(weekday(day)).unwrap_or(0)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duration(text: &str) -> Duration {
        Duration::parse(text).unwrap()
    }

    #[test]
    fn durations_count_working_time() {
        assert_eq!(working_days(working_minutes(&duration("2w"))), 10);
        assert_eq!(working_days(working_minutes(&duration("3d"))), 3);
        // 4 working hours still take a day of the calendar.
        assert_eq!(working_days(working_minutes(&duration("4h"))), 1);
        // 1w + 3d of tasks: 5 + 3 working days.
        let tasks = working_minutes(&duration("1w")) + working_minutes(&duration("3d"));
        assert_eq!(working_days(tasks), 8);
        assert_eq!(working_days(working_minutes(&duration("0d"))), 0);
        assert_eq!(minutes_text(95), "1h 35m");
    }

    #[test]
    fn weekends_and_holidays_are_skipped() {
        // 2026-02-02 is a Monday.
        let monday = day_of("2026-02-02").unwrap();
        assert_eq!(weekday_name(monday), "Monday");
        let mut calendar = WorkCalendar::starting(monday, BTreeSet::new());
        assert_eq!(date_text(calendar.day(4)), "2026-02-06");
        assert_eq!(
            date_text(calendar.day(5)),
            "2026-02-09",
            "after the weekend"
        );
        // A holiday on Tuesday 2026-02-10 moves working day 6 to Wednesday.
        let holiday = day_of("2026-02-10").unwrap();
        let mut calendar = WorkCalendar::starting(monday, BTreeSet::from([holiday]));
        assert_eq!(date_text(calendar.day(6)), "2026-02-11");
        // A Saturday start begins on Monday.
        let saturday = day_of("2026-02-07").unwrap();
        let calendar = WorkCalendar::starting(saturday, BTreeSet::new());
        assert_eq!(date_text(calendar.first()), "2026-02-09");
    }
}
