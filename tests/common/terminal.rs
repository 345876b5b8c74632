//! The check on bytes bound for a terminal: only the escape sequences isnad itself means,
//! and no other control or bidi control at all.

/// The sequences isnad means: cursor moves, colours, clearing, the modes it sets and
/// restores (alternate screen, mouse, paste, cursor, bidi; mlterm's and Konsole's own
/// settings for bidi), and OSC 52 for its own copy.
fn allowed_csi(params: &str, intermediates: &str, last: char) -> bool {
    let digits = |p: &str| p.chars().all(|c| c.is_ascii_digit() || c == ';');
    match (last, intermediates) {
        ('m', "") => digits(params) && !sets_underline_colour(params),
        ('H' | 'J' | 'K', "") => digits(params),
        ('h' | 'l', "") => {
            matches!(params, "8" | "?1049" | "?25" | "?2004")
                || params.strip_prefix('?').is_some_and(|p| {
                    p.split(';')
                        .all(|m| ["1000", "1002", "1003", "1006", "1015"].contains(&m))
                })
        }
        ('k', " ") => matches!(params, "0" | "1"),
        _ => false,
    }
}

/// Whether an SGR sets an underline colour (58): terminals that do not know it read its
/// parameters as other attributes (mlterm takes `58;5;12` as blink and font 2, and the text
/// disappears). Its reset (59, which ratatui writes after every frame) has no parameters
/// to misread.
fn sets_underline_colour(params: &str) -> bool {
    let fields: Vec<&str> = params.split(';').collect();
    let mut i = 0;
    while i < fields.len() {
        match (fields[i], fields.get(i + 1).copied()) {
            ("38" | "48", Some("5")) => i += 3,
            ("38" | "48", Some("2")) => i += 5,
            ("58", _) => return true,
            _ => i += 1,
        }
    }
    false
}

/// Every escape sequence in `out` isnad meant; no other control or bidi control at all.
pub fn assert_only_isnads_sequences(out: &str) {
    let mut chars = out.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let context = || {
            out.get(at.saturating_sub(40)..(at + 40).min(out.len()))
                .unwrap_or("")
        };
        if c == '\u{1b}' {
            match chars.next() {
                Some((_, '[')) => {
                    let mut params = String::new();
                    let mut intermediates = String::new();
                    let last = loop {
                        let (_, c) = chars.next().expect("a whole sequence");
                        match c {
                            '0'..='?' => params.push(c),
                            ' '..='/' => intermediates.push(c),
                            _ => break c,
                        }
                    };
                    assert!(
                        allowed_csi(&params, &intermediates, last),
                        "CSI {params:?} {intermediates:?} {last:?} near {:?}",
                        context()
                    );
                }
                Some((_, ']')) => {
                    // Only isnad's own copy: OSC 52 with base64, ended by BEL.
                    let mut body = String::new();
                    loop {
                        let (_, c) = chars.next().expect("a whole OSC");
                        if c == '\u{7}' {
                            break;
                        }
                        body.push(c);
                    }
                    // mlterm's and Konsole's own bidi switched off and on again.
                    if [
                        "5379;use_ctl=false",
                        "5379;use_ctl=true",
                        "50;BidiRenderingEnabled=false",
                        "50;BidiRenderingEnabled=true",
                    ]
                    .contains(&body.as_str())
                    {
                        continue;
                    }
                    let payload = body.strip_prefix("52;c;").expect("only OSC 52");
                    assert!(
                        payload
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || "+/=".contains(c)),
                        "OSC 52 carries base64 only: {body:?}"
                    );
                }
                // The cursor saved and restored around VTE's rows.
                Some((_, '7' | '8')) => {}
                other => panic!("ESC followed by {other:?} near {:?}", context()),
            }
        } else {
            assert!(
                !c.is_control() || c == '\r' || c == '\n',
                "control {c:?} near {:?}",
                context()
            );
            assert!(
                !isnad::text::bidi::is_bidi_control(c),
                "bidi control {c:?} near {:?}",
                context()
            );
        }
    }
}
