//! The password file libpq reads (`~/.pgpass`, or the one `PGPASSFILE` or `passfile=` names):
//! lines of `hostname:port:database:username:password`, `*` matching anything in the first
//! four fields, `\:` and `\\` escaping, `#` starting a comment line, the first matching line
//! winning. As libpq, a file others can read (group or world bits set) is not used.

use std::path::Path;

/// What a line is matched against.
pub struct Wanted<'a> {
    /// The host name, or `localhost` for a Unix socket, as libpq matches it.
    pub host: &'a str,
    pub port: u16,
    pub dbname: &'a str,
    pub user: &'a str,
}

/// The password of the first line of `text` matching `wanted`.
pub fn find(text: &str, wanted: &Wanted<'_>) -> Option<String> {
    let port = wanted.port.to_string();
    let wanted_fields = [wanted.host, port.as_str(), wanted.dbname, wanted.user];
    text.lines()
        .map(|line| line.trim_end_matches('\r'))
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .find_map(|line| {
            let fields = split_fields(line);
            let (keys, rest) = fields.split_at_checked(4)?;
            // A line without its fifth field is skipped, as libpq does.
            let password = rest.first()?;
            let matches = keys
                .iter()
                .zip(wanted_fields)
                .all(|(field, wanted)| field.is_wildcard() || field.text == wanted);
            // A fifth field is the password; anything after another `:` is ignored, as libpq.
            matches.then(|| password.text.clone())
        })
}

/// One field of a line, unescaped.
#[derive(Default)]
struct Field {
    text: String,
    escaped: bool,
}

impl Field {
    /// A `*` written as such; `\*` is a literal star, as in libpq.
    fn is_wildcard(&self) -> bool {
        self.text == "*" && !self.escaped
    }
}

/// A line's fields, split at unescaped `:` with `\:` and `\\` (any `\x`) unescaped.
fn split_fields(line: &str) -> Vec<Field> {
    let mut fields = vec![Field::default()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        let Some(field) = fields.last_mut() else {
            break;
        };
        match c {
            '\\' => {
                if let Some(escaped) = chars.next() {
                    field.text.push(escaped);
                    field.escaped = true;
                }
            }
            ':' => fields.push(Field::default()),
            _ => field.text.push(c),
        }
    }
    fields
}

/// Reads the password for `wanted` from the file at `path`, if the file exists, is private
/// to its owner and has a matching line. A missing, unreadable or shared file gives none,
/// silently, as libpq skips it.
pub fn lookup(path: &Path, wanted: &Wanted<'_>) -> Option<String> {
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_file() || shared_with_others(&metadata) {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    find(&text, wanted)
}

#[cfg(unix)]
fn shared_with_others(metadata: &std::fs::Metadata) -> bool {
    std::os::unix::fs::PermissionsExt::mode(&metadata.permissions()) & 0o077 != 0
}

#[cfg(not(unix))]
fn shared_with_others(_: &std::fs::Metadata) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const WANTED: Wanted<'static> = Wanted {
        host: "db.example",
        port: 5432,
        dbname: "cases",
        user: "ana",
    };

    #[test]
    fn the_first_matching_line_wins() {
        let text = "\
# a comment
other.example:5432:cases:ana:wrong-host
db.example:5433:cases:ana:wrong-port
db.example:5432:*:ana:right
*:*:*:*:fallback
";
        assert_eq!(find(text, &WANTED).as_deref(), Some("right"));
        assert_eq!(
            find(
                text,
                &Wanted {
                    user: "bo",
                    ..WANTED
                }
            )
            .as_deref(),
            Some("fallback")
        );
        assert_eq!(find("db.example:5432:cases:bo:x\n", &WANTED), None);
    }

    #[test]
    fn escapes_allow_colons_and_backslashes() {
        let text = r"db.example:5432:cases:ana:pa\:ss\\word";
        assert_eq!(find(text, &WANTED).as_deref(), Some(r"pa:ss\word"));
        let user = r"db.example:5432:cases:a\:na:pw";
        assert_eq!(
            find(
                user,
                &Wanted {
                    user: "a:na",
                    ..WANTED
                }
            )
            .as_deref(),
            Some("pw")
        );
        // An escaped star is a literal star, not a wildcard, as in libpq.
        assert_eq!(find(r"\*:5432:cases:ana:pw", &WANTED), None);
        let star = Wanted {
            host: "*",
            ..WANTED
        };
        assert_eq!(find(r"\*:5432:cases:ana:pw", &star).as_deref(), Some("pw"));
    }

    #[test]
    fn a_socket_host_is_matched_as_localhost() {
        let text = "localhost:5432:cases:ana:local\n";
        assert_eq!(
            find(
                text,
                &Wanted {
                    host: "localhost",
                    ..WANTED
                }
            )
            .as_deref(),
            Some("local")
        );
    }

    #[test]
    fn short_lines_and_crlf_are_handled() {
        assert_eq!(find("db.example:5432:cases\n", &WANTED), None);
        assert_eq!(
            find("db.example:5432:cases:ana:pw\r\n", &WANTED).as_deref(),
            Some("pw")
        );
        assert_eq!(find("db.example:5432:cases:ana\n", &WANTED), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_others_can_read_is_not_used() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("pgpass");
        std::fs::write(&path, "*:*:*:*:pw\n").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        assert_eq!(lookup(&path, &WANTED).as_deref(), Some("pw"));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        assert_eq!(lookup(&path, &WANTED), None);
        assert_eq!(lookup(&dir.path().join("missing"), &WANTED), None);
    }
}
