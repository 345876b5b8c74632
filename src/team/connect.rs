//! Connecting to PostgreSQL as libpq (`psql`) does, so a team's usual settings work as they
//! are: a URL or `key=value` spec, the `PG…` variables, libpq's defaults, the password from
//! the spec, `PGPASSWORD` or a pgpass file, and the six `sslmode`s with their certificate
//! rules. TLS is rustls with the ring provider: no OpenSSL.
//!
//! A password never leaves this module in anything printable: not in [`Target::describe`],
//! [`Target::to_stored`], a `Debug` of [`Target`] or [`Password`], nor any [`ConnectError`].

mod error;
mod pgpass;
mod spec;
mod ssl_mode;
mod tls;

use std::path::{Path, PathBuf};
use std::time::Duration;

pub use error::ConnectError;
use postgres::config::SslMode as WireSslMode;
use spec::encode;
pub use ssl_mode::SslMode;

/// Where libpq looks for a server when no host is given (Debian's build), before localhost.
const DEFAULT_SOCKET_DIR: &str = "/var/run/postgresql";
const DEFAULT_PORT: u16 = 5432;
/// isnad's connect timeout when none is given; libpq's own is none, which leaves a user
/// looking at a frozen screen for minutes when a firewall drops the packets.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A secret that prints as `<hidden>`.
#[derive(Clone)]
struct Secret(String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<hidden>")
    }
}

/// The password a connection used (or none), kept to open another connection like it
/// ([`Target::connect_again`]). Its `Debug` hides it, and it has no `Display`.
#[derive(Clone, Debug)]
pub struct Password(Option<Secret>);

#[derive(Clone, Debug, PartialEq, Eq)]
enum Host {
    /// None given: the default socket folder if a server is there, else localhost.
    Default,
    Tcp(String),
    Socket(PathBuf),
}

/// Where to connect and how, settled from a spec, the environment and libpq's defaults.
/// It may hold a password, which nothing it prints shows.
#[derive(Clone, Debug)]
pub struct Target {
    host: Host,
    port: u16,
    user: String,
    dbname: String,
    spec_password: Option<Secret>,
    env_password: Option<Secret>,
    /// `passfile=` of the spec (kept by `to_stored`), else `PGPASSFILE`.
    passfile: Option<PathBuf>,
    passfile_in_spec: bool,
    default_passfile: Option<PathBuf>,
    sslmode: SslMode,
    sslrootcert: Option<String>,
    default_rootcert: Option<PathBuf>,
    /// `None`: wait as long as the system does (`connect_timeout=0`).
    connect_timeout: Option<Duration>,
    application_name: Option<String>,
}

/// What `parse` reads besides the spec, injectable so tests never touch the process's.
struct Env<'a> {
    var: &'a dyn Fn(&str) -> Option<String>,
    os_user: Option<String>,
    home: Option<PathBuf>,
}

impl Target {
    /// `spec`: a URL (`postgres://` or `postgresql://`) or a libpq `key=value` string; what
    /// it leaves out comes from `PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`, `PGSSLMODE`,
    /// `PGSSLROOTCERT`, `PGCONNECT_TIMEOUT`, `PGAPPNAME` (and `PGPASSWORD`, `PGPASSFILE`), then
    /// libpq's defaults (host: the Unix socket in `/var/run/postgresql`, else localhost; port
    /// 5432; user: the operating system's; dbname: the user's name). Keys isnad knows: `host`,
    /// `port`, `user`, `password`, `dbname`, `sslmode`, `sslrootcert`, `connect_timeout`
    /// (whole seconds, 0 for no limit), `application_name`, `passfile`.
    pub fn parse(spec: &str) -> Result<Target, ConnectError> {
        let var = |key: &str| std::env::var(key).ok();
        Target::parse_in(
            spec,
            &Env {
                var: &var,
                os_user: whoami::username().ok(),
                home: dirs::home_dir(),
            },
        )
    }

    fn parse_in(spec: &str, env: &Env<'_>) -> Result<Target, ConnectError> {
        let settings = spec::parse(spec)?;
        let setting = |key: &str, variable: &str| {
            settings
                .get(key)
                .map(str::to_owned)
                .or_else(|| (env.var)(variable).filter(|v| !v.is_empty()))
        };
        let bad = |part: String, reason: &str| ConnectError::BadSpec {
            part,
            reason: reason.to_owned(),
        };

        let host = match setting("host", "PGHOST") {
            None => Host::Default,
            Some(h) if h.contains(',') => {
                return Err(bad(
                    format!("host `{h}`"),
                    "isnad connects to one host; give one",
                ));
            }
            Some(h) if h.starts_with('/') => Host::Socket(PathBuf::from(h)),
            Some(h) => Host::Tcp(h),
        };
        let port = match setting("port", "PGPORT") {
            None => DEFAULT_PORT,
            Some(p) => p
                .parse::<u16>()
                .ok()
                .filter(|p| *p > 0)
                .ok_or_else(|| bad(format!("port `{p}`"), "give a number from 1 to 65535"))?,
        };
        let user = setting("user", "PGUSER")
            .or_else(|| env.os_user.clone())
            .ok_or_else(|| {
                bad(
                    "user".into(),
                    "none given and the system's user name is unknown; give user=NAME",
                )
            })?;
        let dbname = setting("dbname", "PGDATABASE").unwrap_or_else(|| user.clone());
        let sslmode = match setting("sslmode", "PGSSLMODE") {
            None => SslMode::Prefer,
            Some(m) => SslMode::parse(&m).ok_or_else(|| {
                bad(
                    format!("sslmode `{m}`"),
                    "give disable, allow, prefer, require, verify-ca or verify-full",
                )
            })?,
        };
        let connect_timeout = match setting("connect_timeout", "PGCONNECT_TIMEOUT") {
            None => Some(DEFAULT_CONNECT_TIMEOUT),
            Some(t) => {
                let seconds = t.trim().parse::<i64>().map_err(|_| {
                    bad(
                        format!("connect_timeout `{t}`"),
                        "give whole seconds (0 to wait without limit)",
                    )
                })?;
                // As libpq: 0 or less waits without limit, and 1 is taken as 2.
                u64::try_from(seconds)
                    .ok()
                    .filter(|s| *s > 0)
                    .map(|s| Duration::from_secs(s.max(2)))
            }
        };
        let passfile_in_spec = settings.get("passfile").is_some();
        Ok(Target {
            host,
            port,
            user,
            dbname,
            spec_password: settings.get("password").map(|p| Secret(p.to_owned())),
            env_password: (env.var)("PGPASSWORD")
                .filter(|p| !p.is_empty())
                .map(Secret),
            passfile: setting("passfile", "PGPASSFILE").map(PathBuf::from),
            passfile_in_spec,
            default_passfile: env.home.as_ref().map(|home| home.join(".pgpass")),
            sslmode,
            sslrootcert: setting("sslrootcert", "PGSSLROOTCERT"),
            default_rootcert: env
                .home
                .as_ref()
                .map(|home| home.join(".postgresql/root.crt")),
            connect_timeout,
            application_name: setting("application_name", "PGAPPNAME"),
        })
    }

    /// `host:port/dbname as user`, for messages (the socket folder as host for a Unix
    /// socket). Never a password.
    pub fn describe(&self) -> String {
        let host = match self.resolved_host() {
            Host::Tcp(h) if h.contains(':') => format!("[{h}]"),
            Host::Tcp(h) => h,
            Host::Socket(dir) => dir.display().to_string(),
            Host::Default => "localhost".to_owned(),
        };
        format!("{host}:{}/{} as {}", self.port, self.dbname, self.user)
    }

    /// The spec to keep in isnad.toml: a `postgresql://` URL with every setting but the
    /// password (the host left out when none was given, so libpq's default applies where
    /// it is read).
    pub fn to_stored(&self) -> String {
        let mut query: Vec<(&str, String)> = Vec::new();
        let host = match &self.host {
            Host::Default => String::new(),
            Host::Tcp(h) if h.contains(':') => format!("[{h}]"),
            Host::Tcp(h) => encode(h),
            Host::Socket(dir) => {
                query.push(("host", dir.display().to_string()));
                String::new()
            }
        };
        // libpq's defaults are left out: the address stays as short as it was given.
        if self.sslmode != SslMode::Prefer {
            query.push(("sslmode", self.sslmode.as_str().to_owned()));
        }
        if let Some(root) = &self.sslrootcert {
            query.push(("sslrootcert", root.clone()));
        }
        if self.connect_timeout != Some(DEFAULT_CONNECT_TIMEOUT) {
            query.push((
                "connect_timeout",
                self.connect_timeout.map_or(0, |t| t.as_secs()).to_string(),
            ));
        }
        if let Some(name) = &self.application_name {
            query.push(("application_name", name.clone()));
        }
        if self.passfile_in_spec
            && let Some(passfile) = &self.passfile
        {
            query.push(("passfile", passfile.display().to_string()));
        }
        let query: Vec<String> = query
            .iter()
            .map(|(key, value)| format!("{key}={}", encode(value)))
            .collect();
        let query = if query.is_empty() {
            String::new()
        } else {
            format!("?{}", query.join("&"))
        };
        format!(
            "postgresql://{}@{host}:{}/{}{query}",
            encode(&self.user),
            self.port,
            encode(&self.dbname),
        )
    }

    /// Whether the spec given had a password in it (callers warn that it was not kept).
    pub fn had_password(&self) -> bool {
        self.spec_password.is_some()
    }

    /// The `sslmode` in force.
    pub fn sslmode(&self) -> SslMode {
        self.sslmode
    }

    /// Connects: password from the spec, else PGPASSWORD, else the pgpass file (`passfile`,
    /// PGPASSFILE or ~/.pgpass; skipped if group or world can read it, as libpq; for a Unix
    /// socket its host field matches `localhost`). TLS as `sslmode` says, with libpq's
    /// meanings (never over a Unix socket); the connect timeout is the spec's, else 10 s.
    pub fn connect(&self) -> Result<postgres::Client, ConnectError> {
        self.connect_keeping_password().map(|(client, _)| client)
    }

    /// As [`Target::connect`], and the password it used, for a caller that opens a second
    /// connection (one to LISTEN on) with [`Target::connect_again`].
    pub fn connect_keeping_password(&self) -> Result<(postgres::Client, Password), ConnectError> {
        let password = self.password();
        let client = self.connect_again(&password)?;
        Ok((client, password))
    }

    /// Connects with a password found before (by [`Target::connect_keeping_password`]).
    pub fn connect_again(&self, password: &Password) -> Result<postgres::Client, ConnectError> {
        let host = self.resolved_host();
        let mut config = postgres::Config::new();
        match &host {
            Host::Socket(dir) => config.host_path(dir),
            Host::Tcp(name) => config.host(name),
            Host::Default => config.host("localhost"),
        };
        config
            .port(self.port)
            .user(&self.user)
            .dbname(&self.dbname)
            .application_name(self.application_name.as_deref().unwrap_or("isnad"));
        if let Some(timeout) = self.connect_timeout {
            config.connect_timeout(timeout);
        }
        if let Some(Secret(password)) = &password.0 {
            config.password(password);
        }
        let plain = |config: &mut postgres::Config| {
            config.ssl_mode(WireSslMode::Disable);
            config.connect(postgres::NoTls).map_err(|e| self.error(&e))
        };
        if matches!(host, Host::Socket(_)) || self.sslmode == SslMode::Disable {
            return plain(&mut config);
        }
        let encrypted = |config: &mut postgres::Config, mode: WireSslMode| {
            let connector = tls::connector(self.check()?).map_err(|reason| ConnectError::Tls {
                target: self.describe(),
                reason,
            })?;
            config.ssl_mode(mode);
            config.connect(connector).map_err(|e| self.error(&e))
        };
        match self.sslmode {
            SslMode::Allow => match plain(&mut config) {
                Err(ConnectError::Unreachable { target, reason }) => {
                    Err(ConnectError::Unreachable { target, reason })
                }
                Err(_) => encrypted(&mut config, WireSslMode::Require),
                ok => ok,
            },
            SslMode::Prefer => encrypted(&mut config, WireSslMode::Prefer),
            _ => encrypted(&mut config, WireSslMode::Require),
        }
    }

    /// The password to use: the spec's, PGPASSWORD's, else the pgpass file's.
    fn password(&self) -> Password {
        if let Some(password) = self.spec_password.as_ref().or(self.env_password.as_ref()) {
            return Password(Some(password.clone()));
        }
        let Some(file) = self.passfile.as_ref().or(self.default_passfile.as_ref()) else {
            return Password(None);
        };
        let host = match self.resolved_host() {
            Host::Tcp(name) => name,
            Host::Socket(_) | Host::Default => "localhost".to_owned(),
        };
        let wanted = pgpass::Wanted {
            host: &host,
            port: self.port,
            dbname: &self.dbname,
            user: &self.user,
        };
        Password(pgpass::lookup(file, &wanted).map(Secret))
    }

    /// No host given: the default socket folder when a server listens there, else
    /// localhost, as libpq built for Debian tries them.
    fn resolved_host(&self) -> Host {
        match &self.host {
            Host::Default => {
                let socket = Path::new(DEFAULT_SOCKET_DIR).join(format!(".s.PGSQL.{}", self.port));
                if socket.exists() {
                    Host::Socket(PathBuf::from(DEFAULT_SOCKET_DIR))
                } else {
                    Host::Tcp("localhost".to_owned())
                }
            }
            given => given.clone(),
        }
    }

    /// What of the certificate to check, as libpq: verify-ca and verify-full need a root
    /// certificate; the other modes check the chain when the root certificate file exists.
    fn check(&self) -> Result<tls::Check, ConnectError> {
        let given = self.sslrootcert.clone();
        let default = self
            .default_rootcert
            .as_ref()
            .filter(|path| path.exists())
            .map(|path| path.display().to_string());
        let tls_error = |reason: String| ConnectError::Tls {
            target: self.describe(),
            reason,
        };
        match self.sslmode {
            SslMode::VerifyCa | SslMode::VerifyFull => {
                let Some(root) = given.or(default) else {
                    return Err(tls_error(format!(
                        "sslmode={} needs the certificate of the authority that signed the \
                         server's, and there is none at ~/.postgresql/root.crt: give \
                         sslrootcert=FILE (or sslrootcert=system for the system's)",
                        self.sslmode.as_str()
                    )));
                };
                let roots = tls::roots(&root).map_err(tls_error)?;
                Ok(if self.sslmode == SslMode::VerifyFull {
                    tls::Check::ChainAndName(roots)
                } else {
                    tls::Check::Chain(roots)
                })
            }
            _ => {
                let existing = given
                    .filter(|root| root == "system" || Path::new(root).exists())
                    .or(default);
                match existing {
                    Some(root) => Ok(tls::Check::Chain(tls::roots(&root).map_err(tls_error)?)),
                    None => Ok(tls::Check::Nothing),
                }
            }
        }
    }

    fn error(&self, error: &postgres::Error) -> ConnectError {
        ConnectError::from_postgres(
            error,
            self.describe(),
            &self.dbname,
            self.connect_timeout,
            self.passfile
                .as_ref()
                .or(self.default_passfile.as_ref())
                .map(PathBuf::as_path),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `spec` read with `vars` as the whole environment, the OS user `os` and home `/home/os`.
    fn parse(spec: &str, vars: &[(&str, &str)]) -> Result<Target, ConnectError> {
        let var = |key: &str| {
            vars.iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (*v).to_owned())
        };
        Target::parse_in(
            spec,
            &Env {
                var: &var,
                os_user: Some("os".to_owned()),
                home: Some(PathBuf::from("/home/os")),
            },
        )
    }

    fn target(spec: &str) -> Target {
        parse(spec, &[]).expect("a valid spec")
    }

    #[test]
    fn what_the_spec_leaves_out_comes_from_the_environment_then_the_defaults() {
        let vars = [
            ("PGHOST", "env.example"),
            ("PGPORT", "6000"),
            ("PGUSER", "envuser"),
            ("PGSSLMODE", "require"),
            ("PGCONNECT_TIMEOUT", "30"),
            ("PGAPPNAME", "envapp"),
        ];
        let from_env = parse("dbname=cases", &vars).expect("valid");
        assert_eq!(from_env.describe(), "env.example:6000/cases as envuser");
        assert_eq!(from_env.sslmode(), SslMode::Require);
        assert_eq!(from_env.connect_timeout, Some(Duration::from_secs(30)));
        assert_eq!(from_env.application_name.as_deref(), Some("envapp"));

        let spec_wins =
            parse("postgresql://ana@db.example:5433/x?sslmode=disable", &vars).expect("valid");
        assert_eq!(spec_wins.describe(), "db.example:5433/x as ana");
        assert_eq!(spec_wins.sslmode(), SslMode::Disable);

        let defaults = target("");
        assert_eq!(defaults.host, Host::Default);
        assert_eq!((defaults.port, defaults.user.as_str()), (5432, "os"));
        assert_eq!(defaults.dbname, "os", "the database is named for the user");
        assert_eq!(defaults.sslmode(), SslMode::Prefer);
        assert_eq!(defaults.connect_timeout, Some(DEFAULT_CONNECT_TIMEOUT));
        assert_eq!(
            defaults.default_passfile,
            Some(PathBuf::from("/home/os/.pgpass"))
        );
    }

    #[test]
    fn a_host_starting_with_a_slash_is_a_socket_folder() {
        let socket = target("host=/tmp/pg port=5499 user=a dbname=b");
        assert_eq!(socket.describe(), "/tmp/pg:5499/b as a");
        let from_env = parse("", &[("PGHOST", "/run/pg")]).expect("valid");
        assert_eq!(from_env.host, Host::Socket(PathBuf::from("/run/pg")));
    }

    #[test]
    fn bad_values_name_the_setting() {
        for (spec, part) in [
            ("port=0", "port `0`"),
            ("port=http", "port `http`"),
            ("sslmode=strict", "sslmode `strict`"),
            ("connect_timeout=soon", "connect_timeout `soon`"),
            ("host=a,b", "host `a,b`"),
        ] {
            let Err(error) = parse(spec, &[]) else {
                panic!("{spec} must be refused");
            };
            assert!(error.to_string().contains(part), "{spec}: {error}");
        }
    }

    #[test]
    fn connect_timeout_follows_libpq() {
        assert_eq!(target("connect_timeout=0").connect_timeout, None);
        assert_eq!(target("connect_timeout=-5").connect_timeout, None);
        assert_eq!(
            target("connect_timeout=1").connect_timeout,
            Some(Duration::from_secs(2))
        );
    }

    #[test]
    fn to_stored_keeps_every_setting_but_the_password() {
        let spec = "postgresql://ana:hunter2@db.example:5433/my%20cases?sslmode=verify-full\
                    &sslrootcert=%2Fetc%2Fca.pem&application_name=isnad%20team&connect_timeout=20";
        let given = target(spec);
        assert!(given.had_password());
        let stored = given.to_stored();
        assert!(!stored.contains("hunter2"), "{stored}");
        assert_eq!(
            stored,
            "postgresql://ana@db.example:5433/my%20cases?sslmode=verify-full\
             &sslrootcert=%2Fetc%2Fca.pem&connect_timeout=20&application_name=isnad%20team"
        );
        let again = target(&stored);
        assert!(!again.had_password());
        assert_eq!(again.to_stored(), stored, "reading it back changes nothing");
        assert_eq!(again.describe(), given.describe());
    }

    #[test]
    fn to_stored_writes_sockets_ipv6_and_no_host_so_they_read_back() {
        for spec in [
            "host=/var/run/postgresql user=a dbname=b",
            "postgresql://a@[2001:db8::1]:5433/b",
            "user=a dbname=b port=5999",
            "postgresql://a@db/b?passfile=%2Ftmp%2Fpass",
        ] {
            let first = target(spec);
            let stored = first.to_stored();
            let again = target(&stored);
            assert_eq!(again.host, first.host, "{spec} -> {stored}");
            assert_eq!(
                (again.port, &again.user, &again.dbname),
                (first.port, &first.user, &first.dbname)
            );
            assert_eq!(again.passfile, first.passfile, "{stored}");
        }
        assert!(!target("").to_stored().contains("passfile"));
    }

    #[test]
    fn nothing_printable_shows_the_password() {
        let vars = [("PGPASSWORD", "from-env-secret")];
        for spec in [
            "postgresql://ana:hunter2@db.example/x",
            "host=db.example password='hunter2' dbname=x",
        ] {
            let target = parse(spec, &vars).expect("valid");
            let shown = format!(
                "{} {} {target:?} {:?}",
                target.describe(),
                target.to_stored(),
                target.password()
            );
            assert!(!shown.contains("hunter2"), "{shown}");
            assert!(!shown.contains("from-env-secret"), "{shown}");
        }
    }

    #[test]
    fn the_password_comes_from_the_spec_then_pgpassword_then_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let passfile = dir.path().join("pgpass");
        std::fs::write(
            &passfile,
            "db.example:5432:x:ana:from-file\nlocalhost:5432:*:*:local\n",
        )
        .expect("write");
        #[cfg(unix)]
        std::fs::set_permissions(
            &passfile,
            std::os::unix::fs::PermissionsExt::from_mode(0o600),
        )
        .expect("chmod");
        let file = passfile.display().to_string();
        let secret = |target: &Target| target.password().0.map(|Secret(s)| s);
        let with_file = [("PGPASSFILE", file.as_str())];
        let both = [("PGPASSFILE", file.as_str()), ("PGPASSWORD", "from-env")];

        let spec = "host=db.example user=ana dbname=x password=from-spec";
        assert_eq!(
            secret(&parse(spec, &both).expect("valid")).as_deref(),
            Some("from-spec")
        );
        let spec = "host=db.example user=ana dbname=x";
        assert_eq!(
            secret(&parse(spec, &both).expect("valid")).as_deref(),
            Some("from-env")
        );
        assert_eq!(
            secret(&parse(spec, &with_file).expect("valid")).as_deref(),
            Some("from-file")
        );
        assert_eq!(
            secret(&parse(spec, &[]).expect("valid")),
            None,
            "no file, no password"
        );
        let in_spec = format!("{spec} passfile={file}");
        assert_eq!(
            secret(&parse(&in_spec, &[]).expect("valid")).as_deref(),
            Some("from-file")
        );
        let socket = format!("host=/tmp/nowhere user=bo dbname=y passfile={file}");
        assert_eq!(
            secret(&parse(&socket, &[]).expect("valid")).as_deref(),
            Some("local"),
            "a socket matches localhost"
        );
    }
}
