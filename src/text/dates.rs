//! Days as an analyst writes them: `YYYY-MM-DD`, or a whole month (`YYYY-MM`) or year
//! (`YYYY`). Pure; what `date:` in queries, `--since`/`--until` and the facets share, so a
//! month means the same days everywhere. Any year from 0000 to 9999, before 1970 too.

use time::Date;
use time::macros::format_description;

/// The days a written date covers, first and last inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub first: Date,
    pub last: Date,
}

/// Reads `YYYY-MM-DD` (one day), `YYYY-MM` (its month) or `YYYY` (its year); the error
/// says what is accepted.
pub fn parse_period(text: &str) -> Result<Period, String> {
    let text = text.trim();
    let wrong = || {
        format!("{text:?} is not a date: write YYYY-MM-DD (or YYYY-MM, or YYYY), e.g. 2024-03-22")
    };
    let parts: Vec<&str> = text.split('-').collect();
    let year = |s: &str| {
        (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i32>().ok())
            .flatten()
            .ok_or_else(wrong)
    };
    let month = |s: &str| {
        (s.len() == 2)
            .then(|| s.parse::<u8>().ok())
            .flatten()
            .and_then(|m| time::Month::try_from(m).ok())
            .ok_or_else(wrong)
    };
    // The shape is right but a part is not: say which.
    let no_such = |year: &str, month: &str, day: Option<&str>| -> Option<String> {
        let year: i32 = year.parse().ok()?;
        let month_number: u8 = month.parse().ok()?;
        let Ok(month) = time::Month::try_from(month_number) else {
            return Some(format!(
                "{text:?} is not a date: there is no month {month_number}"
            ));
        };
        let day: u8 = day?.parse().ok()?;
        let days = time::util::days_in_month(month, year);
        (day == 0 || day > days)
            .then(|| format!("{text:?} is not a date: {month} {year} has {days} days"))
    };
    match parts.as_slice() {
        [y, m, d] => {
            let day = Date::parse(text, format_description!("[year]-[month]-[day]"))
                .map_err(|_| no_such(y, m, Some(d)).unwrap_or_else(wrong))?;
            Ok(Period {
                first: day,
                last: day,
            })
        }
        [y, m] => {
            let year = year(y)?;
            let month = month(m).map_err(|e| no_such(y, m, None).unwrap_or(e))?;
            let first = Date::from_calendar_date(year, month, 1).map_err(|_| wrong())?;
            let last = first
                .replace_day(time::util::days_in_month(month, year))
                .map_err(|_| wrong())?;
            Ok(Period { first, last })
        }
        [y] => {
            let year = year(y)?;
            let first =
                Date::from_calendar_date(year, time::Month::January, 1).map_err(|_| wrong())?;
            let last =
                Date::from_calendar_date(year, time::Month::December, 31).map_err(|_| wrong())?;
            Ok(Period { first, last })
        }
        _ => Err(wrong()),
    }
}

/// `YYYY-MM-DD`.
pub fn day_string(day: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        day.year(),
        u8::from(day.month()),
        day.day()
    )
}

/// Midnight UTC starting `day`, in seconds since 1970 (negative before): how the index
/// keeps a document's date.
pub fn day_seconds(day: Date) -> i64 {
    day.midnight().assume_utc().unix_timestamp()
}

/// The day `seconds` (since 1970, UTC) falls on.
pub fn day_of_seconds(seconds: i64) -> Option<Date> {
    time::OffsetDateTime::from_unix_timestamp(seconds)
        .ok()
        .map(time::OffsetDateTime::date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(text: &str) -> (String, String) {
        let p = parse_period(text).expect(text);
        (day_string(p.first), day_string(p.last))
    }

    #[test]
    fn days_months_and_years_cover_their_days() {
        assert_eq!(
            period("2024-03-22"),
            ("2024-03-22".into(), "2024-03-22".into())
        );
        assert_eq!(
            period("2024-02"),
            ("2024-02-01".into(), "2024-02-29".into())
        );
        assert_eq!(
            period("2023-02"),
            ("2023-02-01".into(), "2023-02-28".into())
        );
        assert_eq!(period("1958"), ("1958-01-01".into(), "1958-12-31".into()));
        assert_eq!(
            period(" 1958-07-14 "),
            ("1958-07-14".into(), "1958-07-14".into())
        );
        for wrong in ["22/03/2024", "", "2024-3", "24", "x-01"] {
            let error = parse_period(wrong).expect_err(wrong);
            assert!(error.contains("YYYY-MM-DD"), "{error}");
        }
        // The right shape, a part that does not exist: said which.
        assert!(
            parse_period("2024-13")
                .expect_err("13")
                .contains("there is no month 13")
        );
        assert!(
            parse_period("2024-13-01")
                .expect_err("13")
                .contains("no month 13")
        );
        assert!(
            parse_period("2023-02-29")
                .expect_err("29")
                .contains("February 2023 has 28 days")
        );
    }

    #[test]
    fn seconds_round_trip_before_and_after_1970() {
        let day = parse_period("1958-07-14").expect("day").first;
        assert!(day_seconds(day) < 0);
        assert_eq!(day_of_seconds(day_seconds(day)), Some(day));
        assert_eq!(day_of_seconds(day_seconds(day) + 86_399), Some(day));
    }
}
