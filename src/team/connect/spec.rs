//! The two forms of a libpq connection string, read into settings: a URL
//! (`postgresql://user:password@host:port/dbname?key=value`) and `key=value` words
//! (`host=db.example port=5432 password='it''s'`). Pure: no environment, no I/O.
//!
//! Errors name the part that is wrong and never quote a password: a spec may hold one.

use super::ConnectError;

/// The settings isnad knows, as libpq names them.
pub const KNOWN_KEYS: [&str; 10] = [
    "host",
    "port",
    "user",
    "password",
    "dbname",
    "sslmode",
    "sslrootcert",
    "connect_timeout",
    "application_name",
    "passfile",
];

/// Settings as given, in the order given; a later one replaces an earlier one of its key.
#[derive(Default)]
pub struct Settings {
    pairs: Vec<(&'static str, String)>,
}

impl Settings {
    /// The value given for `key`, if any (an empty value counts as not given, as in libpq).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    fn set(&mut self, key: &str, value: String) -> Result<(), ConnectError> {
        let Some(known) = KNOWN_KEYS.iter().find(|k| **k == key) else {
            return Err(bad(
                &format!("`{key}`"),
                &format!(
                    "not a setting isnad knows; it knows {}",
                    KNOWN_KEYS.join(", ")
                ),
            ));
        };
        self.pairs.push((known, value));
        Ok(())
    }
}

fn bad(part: &str, reason: &str) -> ConnectError {
    ConnectError::BadSpec {
        part: part.to_owned(),
        reason: reason.to_owned(),
    }
}

/// Reads a spec of either form; an empty spec gives no settings.
pub fn parse(spec: &str) -> Result<Settings, ConnectError> {
    let spec = spec.trim();
    for scheme in ["postgresql://", "postgres://"] {
        if let Some(rest) = spec.strip_prefix(scheme) {
            return parse_url(rest);
        }
    }
    if spec.contains("://") {
        return Err(bad(
            "the URL's scheme",
            "it must be postgresql:// or postgres://",
        ));
    }
    parse_words(spec)
}

/// The part of a URL after `postgresql://`.
fn parse_url(rest: &str) -> Result<Settings, ConnectError> {
    let mut settings = Settings::default();
    let (before_query, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (authority, path) = before_query.split_once('/').unwrap_or((before_query, ""));
    // The last `@` ends the user part, so an unencoded `@` in a password still works.
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((userinfo, hostport)) => (Some(userinfo), hostport),
        None => (None, authority),
    };
    if let Some(userinfo) = userinfo {
        let (user, password) = match userinfo.split_once(':') {
            Some((user, password)) => (user, Some(password)),
            None => (userinfo, None),
        };
        settings.set("user", decode(user, "the URL's user name")?)?;
        if let Some(password) = password {
            // Never quote it: the message says where, not what.
            let password = decode(password, "the URL's password")?;
            settings.set("password", password)?;
        }
    }
    let (host, port) = split_host_port(hostport)?;
    if let Some(host) = host {
        settings.set("host", host)?;
    }
    if let Some(port) = port {
        settings.set("port", port)?;
    }
    if !path.is_empty() {
        settings.set("dbname", decode(path, "the URL's database name")?)?;
    }
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let Some((key, value)) = pair.split_once('=') else {
            return Err(bad(
                "the URL's query",
                "each part must be key=value, joined by &",
            ));
        };
        let key = decode(key, "a key of the URL's query")?;
        let where_ = if key == "password" {
            "the URL's password".to_owned()
        } else {
            format!("the URL's `{key}`")
        };
        settings.set(&key, decode(value, &where_)?)?;
    }
    Ok(settings)
}

/// `host`, `host:port`, `[v6]`, `[v6]:port` or `:port`; several hosts are refused.
fn split_host_port(hostport: &str) -> Result<(Option<String>, Option<String>), ConnectError> {
    if hostport.contains(',') {
        return Err(bad(
            "the URL's hosts",
            "isnad connects to one host; give one",
        ));
    }
    let (host, port) = if let Some(bracketed) = hostport.strip_prefix('[') {
        let Some((v6, after)) = bracketed.split_once(']') else {
            return Err(bad(
                "the URL's host",
                "an IPv6 address in [ has no closing ]",
            ));
        };
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':').ok_or_else(|| {
                bad(
                    "the URL's host",
                    "after an IPv6 address in [ ] comes :port or nothing",
                )
            })?),
        };
        (v6.to_owned(), port)
    } else {
        match hostport.rsplit_once(':') {
            Some((host, port)) => (decode(host, "the URL's host")?, Some(port)),
            None => (decode(hostport, "the URL's host")?, None),
        }
    };
    let host = Some(host).filter(|h| !h.is_empty());
    let port = port.filter(|p| !p.is_empty()).map(str::to_owned);
    Ok((host, port))
}

/// Percent-decoding into UTF-8; `part` says where, for the error.
fn decode(text: &str, part: &str) -> Result<String, ConnectError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            let Some(byte) = hex else {
                return Err(bad(part, "a % must be followed by two hexadecimal digits"));
            };
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| bad(part, "its percent-encoding is not UTF-8"))
}

/// `key = value` words: values may be 'quoted', and `\'` and `\\` escape in either form.
fn parse_words(spec: &str) -> Result<Settings, ConnectError> {
    let mut settings = Settings::default();
    let mut chars = spec.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return Ok(settings);
        }
        let mut key = String::new();
        while let Some(c) = chars.next_if(|c| *c != '=' && !c.is_whitespace()) {
            key.push(c);
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.next() != Some('=') {
            // The word itself is not quoted: it may be a password pasted on its own.
            return Err(bad(
                "a word without =",
                "each setting must be key=value (e.g. host=localhost dbname=isnad)",
            ));
        }
        let part = if key == "password" {
            "the password".to_owned()
        } else {
            format!("the value of `{key}`")
        };
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if_eq(&'\'').is_some() {
            loop {
                match chars.next() {
                    None => return Err(bad(&part, "its quote ' is never closed")),
                    Some('\'') => break,
                    Some('\\') => match chars.next() {
                        Some(c) => value.push(c),
                        None => return Err(bad(&part, "it ends in a lone \\")),
                    },
                    Some(c) => value.push(c),
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                if c == '\\' {
                    match chars.next() {
                        Some(escaped) => value.push(escaped),
                        None => return Err(bad(&part, "it ends in a lone \\")),
                    }
                } else {
                    value.push(c);
                }
            }
        }
        settings.set(&key, value)?;
    }
}

/// Percent-encoding of everything but RFC 3986's unreserved characters.
pub fn encode(text: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(spec: &str, key: &str) -> Option<String> {
        parse(spec)
            .expect("a valid spec")
            .get(key)
            .map(str::to_owned)
    }

    #[test]
    fn a_url_gives_each_part() {
        let spec =
            "postgresql://ana:s3cret@db.example:6543/cases?sslmode=require&application_name=x";
        assert_eq!(get(spec, "user").as_deref(), Some("ana"));
        assert_eq!(get(spec, "password").as_deref(), Some("s3cret"));
        assert_eq!(get(spec, "host").as_deref(), Some("db.example"));
        assert_eq!(get(spec, "port").as_deref(), Some("6543"));
        assert_eq!(get(spec, "dbname").as_deref(), Some("cases"));
        assert_eq!(get(spec, "sslmode").as_deref(), Some("require"));
        assert_eq!(get(spec, "application_name").as_deref(), Some("x"));
    }

    #[test]
    fn percent_encoded_parts_are_decoded() {
        let spec = "postgres://%D8%B9%D9%84%D9%8A:p%40ss%3Aw%2Fd@%2Fvar%2Frun%2Fpostgresql/my%20db";
        assert_eq!(get(spec, "user").as_deref(), Some("علي"));
        assert_eq!(get(spec, "password").as_deref(), Some("p@ss:w/d"));
        assert_eq!(get(spec, "host").as_deref(), Some("/var/run/postgresql"));
        assert_eq!(get(spec, "dbname").as_deref(), Some("my db"));
        let query = "postgresql:///cases?host=%2Ftmp%2Fsock&port=5433";
        assert_eq!(get(query, "host").as_deref(), Some("/tmp/sock"));
    }

    #[test]
    fn an_ipv6_host_is_in_brackets() {
        let spec = "postgresql://[2001:db8::1]:5433/x";
        assert_eq!(get(spec, "host").as_deref(), Some("2001:db8::1"));
        assert_eq!(get(spec, "port").as_deref(), Some("5433"));
        assert_eq!(get("postgresql://[::1]/x", "host").as_deref(), Some("::1"));
        assert_eq!(get("postgresql://[::1]/x", "port"), None);
    }

    #[test]
    fn a_url_may_leave_out_anything() {
        let settings = parse("postgresql://").expect("valid");
        assert!(KNOWN_KEYS.iter().all(|k| settings.get(k).is_none()));
        assert_eq!(get("postgresql://:5433", "port").as_deref(), Some("5433"));
        assert_eq!(get("postgresql://:5433", "host"), None);
        assert_eq!(get("postgresql:///db", "dbname").as_deref(), Some("db"));
    }

    #[test]
    fn words_take_quotes_and_escapes() {
        let spec = r"host = db.example  password='it\'s a \\ secret' dbname=my\ db user=ana";
        assert_eq!(get(spec, "host").as_deref(), Some("db.example"));
        assert_eq!(get(spec, "password").as_deref(), Some(r"it's a \ secret"));
        assert_eq!(get(spec, "dbname").as_deref(), Some("my db"));
        assert_eq!(get(spec, "user").as_deref(), Some("ana"));
        assert_eq!(get("sslmode=''", "sslmode"), None, "empty is not given");
    }

    #[test]
    fn bad_specs_name_the_part_and_never_the_password() {
        for spec in [
            "postgresql://ana:hunter2%zz@db/x",
            "password='hunter2",
            "password=hunter2\\",
            "password=hunter2 color=blue",
            "postgresql://ana:hunter2@db/x?bogus=1",
            "postgresql://ana:hunter2@[::1/x",
            "postgresql://ana:hunter2@a,b/x",
            "mysql://ana:hunter2@db/x",
            "hunter2",
        ] {
            let Err(error) = parse(spec) else {
                panic!("{spec} must be refused");
            };
            let shown = format!("{error} {error:?}");
            assert!(!shown.contains("hunter2"), "{spec}: {shown}");
        }
        let Err(error) = parse("host=x color=blue") else {
            panic!("an unknown key is refused");
        };
        assert!(error.to_string().contains("`color`"), "{error}");
    }
}
