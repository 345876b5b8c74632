//! PDF documents: the text of every page, in logical order, from the glyphs the page draws.
//!
//! A PDF holds no text as such, only glyphs placed on a page, and producers differ in what
//! order they draw them: right-to-left lines are stored in visual order by LibreOffice,
//! Chromium and XeTeX alike, one glyph may stand for two letters (lam-alef), and marks
//! (harakat) are glyphs of their own above or below a letter. Extractors that read the
//! glyphs in the order they are drawn (`pdftotext`) split words at marks, lose the space
//! where a line changes direction and mangle lines that mix directions. Here the glyphs are
//! read with their positions ([`hayro_interpret`] interprets the page, as a renderer would),
//! put in visual order by position, marks joined to the letter they sit on, and each line
//! turned back into logical order by our own bidi engine ([`layout`]). Then lines become
//! paragraphs, hyphenated words are joined, and the running headers and footers that repeat
//! on every page are dropped.

mod layout;

use std::collections::HashMap;

use hayro_interpret::font::Glyph as PdfGlyph;
use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::hayro_syntax::object::DateTime;
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect, Shape};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, SoftMask, interpret_page,
};

use super::document::{Draft, Meta};
pub use layout::Glyph;

/// The most pages isnad reads of one PDF; the rest are left out with a message.
pub const MAX_PAGES: usize = 5_000;
/// The most glyphs read from one page (a page of dense text has a few thousand).
const MAX_GLYPHS_PER_PAGE: usize = 200_000;

/// What a PDF yielded: its text as a draft, and what could not be read (scanned pages).
#[derive(Debug)]
pub struct PdfText {
    pub draft: Draft,
    /// The 1-based numbers of pages that show images but have no text layer.
    pub scanned: Vec<usize>,
    pub pages: usize,
    /// Pages past [`MAX_PAGES`], left out.
    pub left_out: usize,
}

/// Reads a PDF's text, or says why it cannot be read.
pub fn read_pdf(bytes: &[u8]) -> Result<PdfText, String> {
    if bytes.is_empty() {
        return Err("empty file: no PDF in it".to_owned());
    }
    if !bytes.starts_with(b"%PDF") && !bytes.get(..1024).is_some_and(|head| find(head, b"%PDF")) {
        return Err("not a PDF file (it does not start with %PDF)".to_owned());
    }
    let pdf = Pdf::new(bytes.to_vec()).map_err(|error| match error {
        hayro_interpret::hayro_syntax::LoadPdfError::Decryption(_) => {
            "password-protected PDF: isnad cannot read it; save a copy without the password \
             (or print it to PDF) and put that in the corpus"
                .to_owned()
        }
        hayro_interpret::hayro_syntax::LoadPdfError::Invalid => {
            "damaged PDF: its structure cannot be read (a truncated or broken file?)".to_owned()
        }
    })?;
    let pages = pdf.pages();
    let total = pages.len();
    let settings = InterpreterSettings::default();
    let cache = InterpreterCache::new();
    let mut read = Vec::new();
    let mut scanned = Vec::new();
    for (number, page) in pages.iter().enumerate().take(MAX_PAGES) {
        let (width, height) = page.render_dimensions();
        let initial = Affine::new(page.initial_transform(true).as_coeffs());
        let mut context = Context::new(
            initial,
            Rect::new(0.0, 0.0, f64::from(width), f64::from(height)),
            &cache,
            pdf.xref(),
            settings.clone(),
        );
        let mut collector = Collector::default();
        interpret_page(page, &mut context, &mut collector);
        // Spans left open by a broken content stream.
        while !collector.spans.is_empty() {
            collector.end_marked_content();
        }
        if collector.glyphs.is_empty() && collector.images > 0 {
            scanned.push(number + 1);
        }
        read.push(layout::Page {
            glyphs: collector.glyphs,
            height: f64::from(height),
        });
    }
    let body = layout::text(&read);
    let metadata = pdf.metadata();
    let title = metadata
        .title
        .as_deref()
        .map(text_string)
        .filter(|title| is_a_real_title(title));
    let body = match &title {
        // The title is usually typeset on the first page too: keep it once.
        Some(title) => drop_first_line_if(body, title),
        None => body,
    };
    Ok(PdfText {
        draft: Draft {
            title,
            body,
            meta: Meta {
                author: metadata
                    .author
                    .as_deref()
                    .map(text_string)
                    .filter(|a| !a.trim().is_empty()),
                published: metadata
                    .creation_date
                    .as_ref()
                    .or(metadata.modification_date.as_ref())
                    .and_then(date),
                ..Meta::default()
            },
        },
        scanned,
        pages: total,
        left_out: total.saturating_sub(MAX_PAGES),
    })
}

/// How many pages the PDF has, when it can be opened.
pub fn page_count(bytes: &[u8]) -> Option<usize> {
    if !bytes.starts_with(b"%PDF") {
        return None;
    }
    Pdf::new(bytes.to_vec()).ok().map(|pdf| pdf.pages().len())
}

fn find(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A PDF text string: UTF-16BE after a byte order mark, UTF-8 after its mark, else
/// PDFDocEncoding (Latin-1 in all that matters for names and titles).
fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Producers fill the title with the file name or a placeholder when the author set none.
fn is_a_real_title(title: &str) -> bool {
    let title = title.trim();
    let lower = title.to_lowercase();
    !title.is_empty()
        && !["untitled", "document", "microsoft word"]
            .iter()
            .any(|p| lower.starts_with(p))
        && ![
            ".doc", ".docx", ".odt", ".pdf", ".html", ".htm", ".tex", ".fodt", ".rtf",
        ]
        .iter()
        .any(|extension| lower.ends_with(extension))
}

fn drop_first_line_if(body: String, title: &str) -> String {
    let same = |line: &str| {
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        squash(line) == squash(title)
    };
    match body.split_once('\n') {
        Some((first, rest)) if same(first) => rest.to_owned(),
        None if same(&body) => String::new(),
        _ => body,
    }
}

fn date(date: &DateTime) -> Option<String> {
    (date.year > 0 && (1..=12).contains(&date.month) && (1..=31).contains(&date.day))
        .then(|| format!("{:04}-{:02}-{:02}", date.year, date.month, date.day))
}

/// The device the page is interpreted on: keeps each glyph's text and where its ink is,
/// and counts the images drawn; paths and everything else are ignored.
#[derive(Default)]
struct Collector {
    glyphs: Vec<Glyph>,
    /// The marked-content sequences open (`BDC`…`EMC`): for each, the text its
    /// `/ActualText` gives, if any, and the glyphs drawn inside it. Producers (Chromium,
    /// LibreOffice) wrap the glyphs of a ligature or a cluster in such a span and map the
    /// glyphs themselves to nothing.
    spans: Vec<Option<(String, Vec<Glyph>)>>,
    images: usize,
    /// The ink box of each glyph of each font program, in glyph space (`None`: no ink).
    ink: HashMap<u128, Option<Rect>>,
}

impl Collector {
    fn add(&mut self, glyph: &PdfGlyph<'_>, transform: Affine) {
        if self.glyphs.len() >= MAX_GLYPHS_PER_PAGE {
            return;
        }
        let in_span = matches!(self.spans.last(), Some(Some(_)));
        let text = match glyph.as_unicode() {
            Some(hayro_interpret::hayro_cmap::BfString::Char(c)) => c.to_string(),
            Some(hayro_interpret::hayro_cmap::BfString::String(s)) => s,
            None if in_span => String::new(),
            None => return,
        };
        // A space drawn as a glyph ends a word even where the line is set tight (the gaps
        // between glyphs say it elsewhere); a soft hyphen shows nothing, and NUL is what
        // some producers map the pieces of a cluster to.
        if !in_span
            && (text.is_empty()
                || text.chars().all(|c| c == '\0' || c == '\u{AD}')
                || text.contains('\u{FFFD}'))
        {
            return;
        }
        let origin = transform * Point::ZERO;
        // Glyph space has 1000 units to the em.
        let em = transform * Point::new(0.0, 1000.0);
        let size = ((em.x - origin.x).powi(2) + (em.y - origin.y).powi(2)).sqrt();
        if !size.is_finite() || size < 0.5 || !origin.x.is_finite() || !origin.y.is_finite() {
            return;
        }
        let (ink, advance) = match glyph {
            PdfGlyph::Outline(outline) => {
                let key = outline.identifier().cache_key();
                let ink = *self.ink.entry(key).or_insert_with(|| {
                    let path: BezPath = outline.outline();
                    let bounds = path.bounding_box();
                    (bounds.width() > 0.0 || bounds.height() > 0.0).then_some(bounds)
                });
                (ink, outline.advance_width())
            }
            PdfGlyph::Type3(glyph) => (None, glyph.advance_width()),
        };
        let advance = advance.filter(|a| a.is_finite() && *a > 0.0).map(f64::from);
        // Where the glyph's ink is; a glyph without ink (invisible text over a scan, a space)
        // is taken to span its advance.
        let ink = ink
            .or_else(|| advance.map(|a| Rect::new(0.0, 0.0, a, 700.0)))
            .unwrap_or_else(|| Rect::new(0.0, 0.0, 500.0, 700.0));
        let xs = |rect: Rect| {
            let corners = [
                transform * Point::new(rect.x0, rect.y0),
                transform * Point::new(rect.x1, rect.y1),
                transform * Point::new(rect.x0, rect.y1),
                transform * Point::new(rect.x1, rect.y0),
            ];
            let left = corners.iter().map(|p| p.x).fold(f64::INFINITY, f64::min);
            let right = corners
                .iter()
                .map(|p| p.x)
                .fold(f64::NEG_INFINITY, f64::max);
            (left, right)
        };
        let (ink_left, ink_right) = xs(ink);
        // The glyph's box along the line: from its origin by its advance, as the producer
        // placed it; the ink when the font states no advance.
        let (left, right) = match advance {
            Some(advance) => xs(Rect::new(0.0, 0.0, advance, 0.0)),
            None => (ink_left, ink_right),
        };
        let glyph = Glyph {
            text,
            own: None,
            left,
            right,
            ink: (ink_left, ink_right),
            baseline: origin.y,
            size,
            advances: advance.is_some(),
        };
        match self.spans.last_mut() {
            Some(Some((_, inside))) => inside.push(glyph),
            _ => self.glyphs.push(glyph),
        }
    }

    /// The glyphs of a span with `/ActualText` become one glyph with that text, over all of
    /// them.
    fn close_span(&mut self) {
        let Some(Some((text, inside))) = self.spans.pop() else {
            return;
        };
        // Where the span is: its glyphs that take room along the line (a mark hangs over its
        // letter and may reach past it).
        let advancing: Vec<&Glyph> = inside.iter().filter(|g| g.advances).collect();
        let placed: Vec<&Glyph> = if advancing.is_empty() {
            inside.iter().collect()
        } else {
            advancing
        };
        let Some(first) = placed.first() else {
            return;
        };
        let left = placed.iter().map(|g| g.left).fold(f64::INFINITY, f64::min);
        let right = placed
            .iter()
            .map(|g| g.right)
            .fold(f64::NEG_INFINITY, f64::max);
        // A soft hyphen shows nothing: a hyphen at the end of a line is a glyph of its own.
        let text: String = text.chars().filter(|&c| c != '\u{AD}').collect();
        // The glyph's own text, when the span holds one glyph that has one: what the span
        // says is checked against it (`layout::realign_spans`).
        let own = match inside.as_slice() {
            [only] if !only.text.is_empty() => Some(only.text.clone()),
            _ => None,
        };
        let glyph = Glyph {
            text,
            own,
            left,
            right,
            ink: (
                placed.iter().map(|g| g.ink.0).fold(f64::INFINITY, f64::min),
                placed
                    .iter()
                    .map(|g| g.ink.1)
                    .fold(f64::NEG_INFINITY, f64::max),
            ),
            baseline: first.baseline,
            size: inside.iter().map(|g| g.size).fold(0.0, f64::max),
            advances: !placed.is_empty(),
        };
        if glyph.text.trim().is_empty() {
            return;
        }
        match self.spans.last_mut() {
            Some(Some((_, outer))) => outer.push(glyph),
            _ => self.glyphs.push(glyph),
        }
    }
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph_run(
        &mut self,
        run: &hayro_interpret::font::GlyphRun<'_, 'a>,
        props: DrawProps<'a>,
        _: &DrawMode,
    ) {
        for glyph in run.glyphs() {
            self.add(glyph, props.transform * glyph.transform());
        }
    }
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {
        self.images += 1;
    }
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
    fn begin_marked_content(
        &mut self,
        _: &[u8],
        properties: Option<&hayro_interpret::hayro_syntax::object::Dict<'_>>,
    ) {
        let actual = properties
            .and_then(|p| p.get::<hayro_interpret::hayro_syntax::object::String<'_>>(b"ActualText"))
            .map(|text| text_string(text.as_bytes()));
        // Nesting is bounded: a span inside a span inside… is read as its outermost.
        let actual = actual.filter(|_| self.spans.len() < 64);
        self.spans.push(actual.map(|text| (text, Vec::new())));
    }
    fn end_marked_content(&mut self) {
        match self.spans.last() {
            Some(Some(_)) => self.close_span(),
            Some(None) => {
                self.spans.pop();
            }
            None => {}
        }
    }
}
