//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, and the legacy Arabic code
//! pages Windows-1256 and ISO-8859-6, told apart by which decoding reads as Arabic.

use encoding_rs::{Encoding, ISO_8859_6, UTF_8, WINDOWS_1256};

/// Why a file's bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("binary file (it contains NUL bytes), not text")]
    Binary,
    #[error(
        "not valid UTF-8, and not recognisable as Arabic Windows-1256 or ISO-8859-6; \
         convert it to UTF-8 and add it again"
    )]
    Undecodable,
    #[error("malformed {0} text")]
    Malformed(&'static str),
}

/// The encoding a file was read with, for messages and metadata.
pub type EncodingName = &'static str;

/// Decodes `bytes`, returning the text and the name of the encoding used.
pub fn decode(bytes: &[u8]) -> Result<(String, EncodingName), DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        return encoding
            .decode_without_bom_handling_and_without_replacement(body)
            .map(|text| (text.into_owned(), encoding.name()))
            .ok_or(DecodeError::Malformed(encoding.name()));
    }
    let head = bytes.get(..8192).unwrap_or(bytes);
    if head.contains(&0) {
        return Err(DecodeError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), UTF_8.name()));
    }
    decode_legacy_arabic(bytes)
}

/// Decodes `bytes` in the encoding the file states (an XML declaration, an HTTP header, an
/// HTML `meta` tag) when it names one other than UTF-8; a byte order mark, a stated UTF-8 or
/// an unknown or missing label leave the choice to [`decode`].
pub fn decode_stated(
    bytes: &[u8],
    stated: Option<&str>,
) -> Result<(String, EncodingName), DecodeError> {
    let stated = stated.and_then(|label| Encoding::for_label(label.trim().as_bytes()));
    match stated {
        Some(encoding)
            if encoding != UTF_8
                && encoding.is_ascii_compatible()
                && Encoding::for_bom(bytes).is_none() =>
        {
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            Ok((text.into_owned(), encoding.name()))
        }
        _ => decode(bytes),
    }
}

/// The encoding label given after `key` (`charset=`, `encoding=`; ASCII, case ignored) in
/// `head`, quotes removed: `text/html; charset="windows-1256"` gives `windows-1256`.
pub fn label_after<'a>(head: &'a [u8], key: &str) -> Option<&'a str> {
    let key = key.as_bytes();
    let start = head
        .windows(key.len())
        .position(|window| window.eq_ignore_ascii_case(key))?
        + key.len();
    let rest = head.get(start..)?;
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
        .unwrap_or(rest.len());
    let label = std::str::from_utf8(rest.get(..end)?).ok()?;
    (!label.is_empty()).then_some(label)
}

/// Chooses between Windows-1256 and ISO-8859-6. ISO-8859-6 leaves many bytes unassigned, so
/// a file that uses them is Windows-1256; when both decode, the one where the article `ال`
/// and the commonest letters are more frequent wins. Text that reads as neither (too few
/// Arabic letters among the non-ASCII characters) is refused rather than garbled.
fn decode_legacy_arabic(bytes: &[u8]) -> Result<(String, EncodingName), DecodeError> {
    let windows = WINDOWS_1256
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(std::borrow::Cow::into_owned);
    let iso = ISO_8859_6
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(std::borrow::Cow::into_owned);
    let chosen = match (windows, iso) {
        (Some(w), Some(i)) => {
            if arabic_score(&i) > arabic_score(&w) {
                (i, ISO_8859_6.name())
            } else {
                (w, WINDOWS_1256.name())
            }
        }
        (Some(w), None) => (w, WINDOWS_1256.name()),
        (None, Some(i)) => (i, ISO_8859_6.name()),
        (None, None) => return Err(DecodeError::Undecodable),
    };
    let non_ascii = chosen.0.chars().filter(|c| !c.is_ascii()).count();
    let arabic = chosen
        .0
        .chars()
        .filter(|&c| crate::text::arabic::is_arabic_letter(c))
        .count();
    if arabic * 2 < non_ascii || arabic == 0 {
        return Err(DecodeError::Undecodable);
    }
    Ok(chosen)
}

/// How much a decoding looks like Arabic prose: the article `ال` weighs most, then the most
/// frequent letters. Mis-decoded text shifts letters, so these counts collapse.
fn arabic_score(text: &str) -> usize {
    let articles = text.matches("ال").count();
    let common = text
        .chars()
        .filter(|c| matches!(c, 'ا' | 'ل' | 'ي' | 'م' | 'و' | 'ن'))
        .count();
    articles * 4 + common
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARABIC: &str = "أقرت روسيا لأول مرة بتورط تنظيم داعش في الهجوم على قاعة الحفلات";

    #[test]
    fn reads_utf8_with_and_without_bom() {
        assert_eq!(decode(ARABIC.as_bytes()), Ok((ARABIC.to_owned(), "UTF-8")));
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), ARABIC.as_bytes()].concat();
        assert_eq!(decode(&with_bom), Ok((ARABIC.to_owned(), "UTF-8")));
    }

    #[test]
    fn reads_utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(ARABIC.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le), Ok((ARABIC.to_owned(), "UTF-16LE")));
        let mut be = vec![0xFE, 0xFF];
        be.extend(ARABIC.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be), Ok((ARABIC.to_owned(), "UTF-16BE")));
    }

    #[test]
    fn tells_windows_1256_from_iso_8859_6() {
        // ARABIC has hamza-on-alef, which ISO-8859-6 also has; both round-trip.
        let (bytes, _, bad) = WINDOWS_1256.encode(ARABIC);
        assert!(!bad);
        assert_eq!(decode(&bytes), Ok((ARABIC.to_owned(), "windows-1256")));
        let (bytes, _, bad) = ISO_8859_6.encode(ARABIC);
        assert!(!bad);
        assert_eq!(decode(&bytes), Ok((ARABIC.to_owned(), "ISO-8859-6")));
    }

    #[test]
    fn a_stated_encoding_is_used_and_a_wrong_utf8_claim_is_not_trusted() {
        let (bytes, _, _) = WINDOWS_1256.encode(ARABIC);
        assert_eq!(
            decode_stated(&bytes, Some("Windows-1256")),
            Ok((ARABIC.to_owned(), "windows-1256"))
        );
        assert_eq!(
            decode_stated(&bytes, Some("utf-8")),
            Ok((ARABIC.to_owned(), "windows-1256"))
        );
        assert_eq!(
            decode_stated(ARABIC.as_bytes(), Some("no-such-label")),
            Ok((ARABIC.to_owned(), "UTF-8"))
        );
        assert_eq!(
            label_after(b"text/html; Charset=\"windows-1256\"", "charset="),
            Some("windows-1256")
        );
        assert_eq!(
            label_after(b"<?xml version='1.0' encoding='ISO-8859-6'?>", "encoding="),
            Some("ISO-8859-6")
        );
        assert_eq!(label_after(b"text/html", "charset="), None);
        assert_eq!(label_after(b"charset=", "charset="), None);
    }

    #[test]
    fn refuses_binary_and_unknown_encodings() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(DecodeError::Binary)
        );
        // Latin-1 French is neither UTF-8 nor Arabic.
        assert_eq!(
            decode(b"caf\xe9 cr\xe8me br\xfbl\xe9e"),
            Err(DecodeError::Undecodable)
        );
    }
}
