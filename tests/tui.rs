//! The workbench without a terminal: update tests (messages in, effects and state out) for
//! the search and reader flows, and screen snapshots drawn with ratatui's `TestBackend` on
//! the sample reports (searched through a real index).

mod common;

use std::fmt::Write as _;

use common::workbench::{Workers, app, key, open, perform, screen, search, typed, workers_with};
use insta::assert_snapshot;
use isnad::tui::action::Action;
use isnad::tui::app::{App, Focus, Mode};
use isnad::tui::msg::{Effect, IndexJob, Msg, SearchOutcome};
use isnad::tui::search_pane::RESULT_PAGE;
use isnad::tui::terminal::Display;
use isnad::tui::view;
use isnad::workspace::BidiMode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The reader's rows with selected cells as `█` and others as `·` (rows without a
/// selected cell left out): one logical selection may light separate runs.
fn selected_cells(app: &App) -> String {
    let (width, height) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| view::draw(app, f)).expect("draw");
    let buffer = terminal.backend().buffer();
    let body = app.areas().expect("areas").reader_body;
    let mut out = String::new();
    for y in body.y..body.bottom() {
        let row: String = (body.x..body.right())
            .map(|x| {
                // Selected cells have the selection's background (the caret's cell, the
                // caret's: it is not selected on screen).
                let selected = buffer
                    .cell((x, y))
                    .is_some_and(|c| Some(c.bg) == app.theme().selection.bg);
                if selected { '█' } else { '·' }
            })
            .collect();
        if row.contains('█') {
            let _ = writeln!(out, "row {:2}: {row}", y - body.y);
        }
    }
    out
}

#[test]
fn the_first_screen_does_what_it_says_type_to_search() {
    // A new user types a name at once: it is the query, not `u` (undo) and friends.
    let mut app = app(100, 30);
    assert!(screen(&mut app).contains("Type to search"));
    let effects = typed(&mut app, "putin");
    assert!(
        effects
            .iter()
            .all(|e| matches!(e, Effect::Index(IndexJob::Search { .. }))),
        "{effects:?}"
    );
    assert_eq!(app.search().input.text(), "putin");
    // Left empty, the search pane still takes letters (Arabic too), and starts the query.
    app.update(key("ctrl-u"));
    app.update(key("esc"));
    assert_eq!(app.focus(), Focus::Results);
    let effects = typed(&mut app, "بوتين");
    assert_eq!(app.focus(), Focus::Query);
    assert_eq!(app.search().input.text(), "بوتين");
    assert_eq!(effects.len(), 5, "a search per letter: {effects:?}");
    // The hint line says what the keys do here, from the keymap.
    let shown = screen(&mut app);
    let hints = shown.lines().last().expect("a hint row");
    assert!(hints.contains("enter results"), "{hints}");
    assert!(
        hints.contains("f1 all keys") || hints.contains("? all keys"),
        "{hints}"
    );
}

#[test]
fn slash_from_every_pane_shows_the_query_line_it_types_into() {
    for pane in ["E", "C", "tab"] {
        let mut app = app(100, 30);
        search(&mut app, "داعش");
        app.update(key("enter"));
        app.update(key(pane));
        app.update(key("/"));
        assert_eq!(app.focus(), Focus::Query, "after {pane}");
        assert_eq!(app.left(), isnad::tui::app::Left::Search, "after {pane}");
        typed(&mut app, " x");
        let shown = screen(&mut app);
        // The query line, laid out right to left: "داعش x" in visual order.
        let query_line = shown.lines().nth(1).expect("the query line");
        let left = query_line.split('│').next().unwrap_or_default().trim_end();
        assert!(left.ends_with("x شعاد"), "after {pane}: {shown}");
    }
}

#[test]
fn the_index_worker_holds_back_a_phrase_of_common_words_until_enter() {
    let mut app = app(100, 30);
    // Each word is in at least a quarter of the reports: too common to phrase-search
    // while typing.
    search(&mut app, "\"تنظيم داعش\"");
    assert!(app.search().slow_phrase, "{}", screen(&mut app));
    assert!(app.search().hits.is_empty());
    let effects = app.update(key("enter"));
    perform(&mut app, effects);
    assert!(!app.search().slow_phrase);
    assert_eq!(app.search().error, None);
    assert!(!app.search().hits.is_empty(), "{}", screen(&mut app));
}

#[test]
fn typing_searches_as_you_type_and_drops_stale_answers() {
    let mut app = app(100, 30);
    assert_eq!(
        app.focus(),
        Focus::Query,
        "the first screen takes what is typed"
    );
    let effects = typed(&mut app, "دا");
    let generations: Vec<u64> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Index(IndexJob::Search { generation, .. }) => Some(*generation),
            _ => None,
        })
        .collect();
    assert_eq!(generations, [1, 2], "one search per keystroke");
    // The answer to the first keystroke arrives late: it is dropped.
    app.update(Msg::Searched {
        generation: 1,
        outcome: SearchOutcome::Failed("stale".to_owned()),
    });
    assert_eq!(app.search().error, None);
    assert!(app.search().pending());
    // q types in the query line; it does not quit.
    let effects = typed(&mut app, "q");
    assert!(!effects.contains(&Effect::Quit));
    assert_eq!(app.search().input.text(), "داq");
    app.update(key("backspace"));
    app.update(key("backspace"));
    app.update(key("backspace"));
    search(&mut app, "داعش");
    assert_eq!(app.search().hits.len(), 2);
    assert_eq!(app.search().total, Some(2));
    // Enter moves to the results, Enter there opens the selected one.
    app.update(key("enter"));
    assert_eq!(app.focus(), Focus::Results);
    app.update(key("j"));
    assert_eq!(app.search().selected, 1);
    let effects = app.update(key("enter"));
    assert!(
        matches!(&effects[..], [Effect::Index(IndexJob::Load { doc, query, .. })] if doc == &app.search().hits[1].doc && query == "داعش"),
        "{effects:?}"
    );
    perform(&mut app, effects);
    assert_eq!(app.focus(), Focus::Reader);
    // Esc leaves the query line; q quits outside it; ctrl-c always quits.
    app.update(key("/"));
    assert_eq!(app.focus(), Focus::Query);
    app.update(key("esc"));
    assert_eq!(app.focus(), Focus::Results);
    assert_eq!(app.update(key("q")), [Effect::Quit]);
    let mut other = self::app(60, 20);
    assert_eq!(other.update(key("ctrl-c")), [Effect::Quit]);
}

/// The index worker's answers to `job`, in order.
fn answers(workers: &mut Workers, job: IndexJob) -> Vec<Msg> {
    struct Answers(Vec<Msg>);
    impl isnad::tui::runtime::worker::Sink for Answers {
        fn send(&mut self, msg: Msg) -> bool {
            self.0.push(msg);
            true
        }
        fn aside(&mut self, work: Box<dyn FnOnce() -> Msg + Send>) {
            self.0.push(work());
        }
    }
    let mut answers = Answers(Vec::new());
    workers.index.handle(job, &mut answers);
    answers.0
}

/// The search asked for last among `effects`, and its generation.
fn last_search(effects: &[Effect]) -> (IndexJob, u64) {
    effects
        .iter()
        .rev()
        .find_map(|effect| match effect {
            Effect::Index(job @ IndexJob::Search { generation, .. }) => {
                Some((job.clone(), *generation))
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("no search: {effects:?}"))
}

#[test]
fn results_come_first_and_their_count_after_unless_a_key_came_between() {
    let dir = tempfile::tempdir().expect("tempdir");
    // More reports with the word than a page of results holds.
    let many = (0..60)
        .map(|i| {
            serde_json::json!({
                "id": format!("m{i}"),
                "title": "مدرسة",
                "body": format!("افتتاح مدرسة جديدة في الحي {i}"),
            })
            .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut workers = workers_with(dir.path(), &[("many.jsonl", &many)]);
    let mut app = app(100, 30);
    let (search, generation) = last_search(&typed(&mut app, "مدرس"));
    let title = |app: &mut App| screen(app).lines().next().unwrap_or_default().to_owned();
    // The search answers with the first page of results, without their count…
    let mut asked = Vec::new();
    for msg in answers(&mut workers, search) {
        asked.extend(app.update(msg));
    }
    assert_eq!(app.search().hits.len(), RESULT_PAGE);
    assert_eq!(app.search().total, None);
    assert!(app.search().counting);
    let shown = title(&mut app);
    assert!(
        shown.contains(&format!("{RESULT_PAGE}+ · counting…")),
        "{shown}"
    );
    // …and the count is asked for next, for the results shown.
    let [
        Effect::Index(
            count @ IndexJob::Count {
                generation: counted,
                ..
            },
        ),
    ] = &asked[..]
    else {
        panic!("no count asked for: {asked:?}");
    };
    assert_eq!(*counted, generation);
    let counts = answers(&mut workers, count.clone());
    let [Msg::Counted { total, .. }] = counts[..] else {
        panic!("no count: {counts:?}");
    };
    assert!(total >= 60, "{total}");
    for msg in counts {
        assert!(app.update(msg).is_empty());
    }
    assert_eq!(app.search().total, Some(total));
    assert!(!app.search().counting);
    let shown = title(&mut app);
    assert!(
        shown.contains(&format!("{RESULT_PAGE} of {total}")),
        "{shown}"
    );
    assert!(!shown.contains("counting"), "{shown}");

    // A key typed while the count runs: the count of the query before it is dropped by
    // the worker (the runtime tells it of every new search)…
    let (search, newer) = last_search(&typed(&mut app, "ة"));
    workers
        .index
        .newest_search()
        .store(newer, std::sync::atomic::Ordering::SeqCst);
    assert!(answers(&mut workers, count.clone()).is_empty());
    // …and by the app, had it come all the same: the title says the search is on its way.
    app.update(Msg::Counted {
        generation,
        total: 1,
        reviewed: None,
    });
    assert!(title(&mut app).contains("searching"));
    let mut asked = Vec::new();
    for msg in answers(&mut workers, search) {
        asked.extend(app.update(msg));
    }
    assert!(app.search().counting);
    let (Some(Effect::Index(count)), 1) = (asked.first().cloned(), asked.len()) else {
        panic!("no count asked for: {asked:?}");
    };
    for msg in answers(&mut workers, count) {
        app.update(msg);
    }
    assert_eq!(app.search().total, Some(total));
}

#[test]
fn a_phrase_of_common_words_waits_for_enter() {
    let mut app = app(100, 30);
    app.update(key("/"));
    let effects = typed(&mut app, "\"في من\"");
    let Some(Effect::Index(IndexJob::Search {
        generation, force, ..
    })) = effects.last().cloned()
    else {
        panic!("no search: {effects:?}");
    };
    assert!(!force);
    app.update(Msg::Searched {
        generation,
        outcome: SearchOutcome::SlowPhrase,
    });
    assert!(app.search().slow_phrase);
    assert!(screen(&mut app).contains("very common words"));
    let effects = app.update(key("enter"));
    assert!(
        matches!(
            &effects[..],
            [Effect::Index(IndexJob::Search { force: true, .. })]
        ),
        "{effects:?}"
    );
}

#[test]
fn the_reader_jumps_between_hits_and_copies_the_logical_selection() {
    let mut app = app(100, 30);
    open(&mut app, "داعش", common::SAMPLE_A);
    let open_doc = app.reader().open.as_ref().expect("open");
    let hits = open_doc.hits.clone();
    assert!(hits.len() >= 2, "{hits:?}");
    let text = open_doc.document.text();
    assert_eq!(open_doc.caret_byte, hits[0].start, "opens on the first hit");
    app.update(key("n"));
    assert_eq!(
        app.reader().open.as_ref().expect("open").caret_byte,
        hits[1].start
    );
    app.update(key("N"));
    assert_eq!(
        app.reader().open.as_ref().expect("open").caret_byte,
        hits[0].start
    );
    // Select the hit word with v and word motions, copy it: the logical text.
    app.update(key("v"));
    app.update(key("w"));
    app.update(key("left"));
    let selected = app.reader().selected_text().expect("selection").to_owned();
    let word = text.get(hits[0].clone()).expect("hit text");
    assert!(
        selected.starts_with(word),
        "{selected:?} starts with {word:?}"
    );
    let effects = app.update(key("y"));
    assert_eq!(effects, [Effect::Copy(selected)]);
    assert!(
        app.reader().selection().is_none(),
        "copying ends the selection"
    );
    // y with nothing selected says how to select.
    assert!(app.update(key("y")).is_empty());
    assert!(
        app.status()
            .as_ref()
            .expect("status")
            .text
            .contains("v starts")
    );
}

#[test]
fn scrolling_moves_the_page_and_keeps_the_caret_on_it() {
    let mut app = app(60, 20);
    open(&mut app, "داعش", common::SAMPLE_A);
    app.update(key("g"));
    let top = app.reader().open.as_ref().expect("open").top;
    app.update(key("pagedown"));
    let open = app.reader().open.as_ref().expect("open");
    assert!(open.top > top, "paged down");
    let rows = app.reader().rows(open, usize::from(app.reader().height));
    let (caret_row, _) = app.reader().caret_place(open);
    assert!(rows.contains(&caret_row), "the caret came along");
    app.update(key("G"));
    app.update(key("g"));
    assert_eq!(app.reader().open.as_ref().expect("open").top, top);
    // A resize reflows, and the caret stays on screen.
    app.update(Msg::Resize {
        width: 120,
        height: 40,
    });
    let open = app.reader().open.as_ref().expect("open");
    let (caret_row, _) = app.reader().caret_place(open);
    assert!(
        app.reader()
            .rows(open, usize::from(app.reader().height))
            .contains(&caret_row)
    );
}

#[test]
fn arrows_move_the_caret_on_screen_and_word_motions_in_reading_order() {
    let mut app = app(100, 30);
    open(&mut app, "داعش", common::SAMPLE_A);
    let before = app.reader().open.as_ref().expect("open").caret_byte;
    // In right-to-left text, Left moves forward in the text.
    app.update(key("left"));
    let after = app.reader().open.as_ref().expect("open").caret_byte;
    assert!(after > before, "{before} → {after}");
    app.update(key("right"));
    assert_eq!(app.reader().open.as_ref().expect("open").caret_byte, before);
    app.update(key("w"));
    let next_word = app.reader().open.as_ref().expect("open").caret_byte;
    app.update(key("b"));
    assert_eq!(app.reader().open.as_ref().expect("open").caret_byte, before);
    assert!(next_word > before);
}

#[test]
fn the_command_line_runs_completes_and_reports_mistakes() {
    let mut app = app(100, 30);
    app.update(Msg::DocIds(vec![
        common::SAMPLE_A.to_owned(),
        common::SAMPLE_B.to_owned(),
    ]));
    // In the query line `:` is typed (title:word); esc leaves it for the commands.
    app.update(key("esc"));
    app.update(key(":"));
    typed(&mut app, "bi");
    app.update(key("tab"));
    typed(&mut app, "t");
    app.update(key("tab"));
    assert_eq!(app.command().expect("command line").text(), "bidi terminal");
    assert_eq!(
        app.update(key("enter")),
        [Effect::Display(Display {
            emulator: isnad::tui::terminal::Emulator::Other,
            bidi: BidiMode::Terminal,
            background: None,
        })]
    );
    assert_eq!(app.bidi(), BidiMode::Terminal);
    app.update(key(":"));
    typed(&mut app, "fly");
    app.update(key("enter"));
    let status = app.status().cloned().expect("status");
    assert!(
        status.error && status.text.contains("no command :fly"),
        "{status:?}"
    );
    app.update(key(":"));
    typed(&mut app, "shaping on");
    app.update(key("enter"));
    assert!(app.shapes());
    app.update(key("?"));
    assert!(matches!(app.mode(), Mode::Help { scroll: 0 }));
    app.update(key("esc"));
    assert!(matches!(app.mode(), Mode::Panes));
}

#[test]
fn every_action_is_in_the_help() {
    let mut app = app(100, 240);
    app.update(key("/"));
    app.update(key("f1"));
    assert!(
        matches!(app.mode(), Mode::Help { scroll: 0 }),
        "f1 opens the help from the query line"
    );
    let help = screen(&mut app);
    let mut described = std::collections::BTreeSet::new();
    for (context, bindings) in app.keymap().sections() {
        for (action, _) in bindings {
            let line = isnad::tui::strings::action_help_in(context, action);
            assert!(
                help.contains(line),
                "{action:?} in {context:?} ({line}) is not in the help"
            );
            described.insert(action);
        }
    }
    for action in Action::ALL {
        assert!(described.contains(action), "{action:?} is in no section");
    }
    // And every command of the command line.
    for (name, _, does) in isnad::tui::command::COMMANDS {
        assert!(
            help.contains(&format!(":{name}")) && help.contains(does),
            ":{name}"
        );
    }
}

#[test]
fn the_help_says_it_scrolls_and_g_goes_back_up() {
    let mut app = app(100, 30);
    app.update(key("f1"));
    let first = screen(&mut app);
    assert!(first.contains("lines 1–25 of"), "{first}");
    assert!(first.contains("↓ more below"), "{first}");
    for _ in 0..3 {
        app.update(key("space"));
    }
    app.update(key("G"));
    let end = screen(&mut app);
    assert!(end.contains("↑ more above"), "{end}");
    assert!(
        end.contains(":quit"),
        "the end shows the last command: {end}"
    );
    // k moves at once from the end (no hidden overshoot), g goes back to the top.
    app.update(key("k"));
    assert_ne!(screen(&mut app), end);
    app.update(key("g"));
    assert_eq!(screen(&mut app), first);
}

#[test]
fn tiny_terminals_get_a_message() {
    for (width, height) in [(20, 5), (39, 12), (80, 9)] {
        let mut app = app(width, height);
        let shown = screen(&mut app);
        assert!(shown.contains("small"), "{width}×{height}: {shown}");
    }
    // Smaller still: whatever fits, and no panic.
    screen(&mut app(1, 1));
    screen(&mut app(0, 0));
}

#[test]
fn results_stay_while_a_word_is_typed_and_the_title_says_it_is_a_prefix() {
    let mut app = app(100, 30);
    // Both sample reports name `تنظيم`: every keystroke from the second letter on keeps
    // them, though `تن`, `تنظ`, `تنظي` are no words of theirs.
    for (typed_so_far, letter) in [("ت", "ت"), ("تن", "ن"), ("تنظ", "ظ"), ("تنظي", "ي")]
    {
        let effects = typed(&mut app, letter);
        perform(&mut app, effects);
        assert_eq!(app.search().input.text(), typed_so_far);
        if typed_so_far.chars().count() >= 2 {
            assert_eq!(app.search().total, Some(2), "{typed_so_far}");
        }
    }
    let shown = screen(&mut app);
    // The screen is in visual order: the word reads right to left.
    let title = shown.lines().next().unwrap_or_default();
    assert!(title.contains("as prefix"), "{title}");
    assert!(
        title.contains(&"تنظي".chars().rev().collect::<String>()),
        "{title}"
    );
    // Both reports are listed; a prefix scores a constant, so their order is that of the
    // index's segments, which indexing threads decide: not part of what is checked.
    for doc in [common::SAMPLE_A, common::SAMPLE_B] {
        assert!(shown.contains(doc), "{shown}");
    }
    // The reader highlights the words the prefix matched.
    let mut reader = self::app(100, 30);
    open(&mut reader, "تنظي", common::SAMPLE_A);
    let open_doc = reader.reader().open.as_ref().expect("open");
    let text = open_doc.document.text();
    let words: Vec<&str> = open_doc
        .hits
        .iter()
        .filter_map(|r| text.get(r.clone()))
        .collect();
    assert!(
        !words.is_empty() && words.iter().all(|w| w.contains("تنظيم")),
        "{words:?}"
    );
    // A space ends the word: it is read whole, and the title says nothing of a prefix.
    search(&mut app, " ");
    assert_eq!(app.search().total, Some(0));
    assert!(!screen(&mut app).contains("as prefix"));
}

#[test]
fn snapshot_search_results_for_an_arabic_query() {
    for (width, height) in [(100, 30), (60, 20)] {
        let mut app = app(width, height);
        search(&mut app, "داعش");
        app.update(key("enter"));
        assert_snapshot!(format!("search_{width}x{height}"), screen(&mut app));
    }
}

#[test]
fn snapshot_the_reader_on_each_sample_report() {
    for (width, height) in [(100, 30), (60, 20)] {
        for (name, doc) in [("a", common::SAMPLE_A), ("b", common::SAMPLE_B)] {
            let mut app = app(width, height);
            open(&mut app, "داعش", doc);
            assert_snapshot!(format!("reader_{name}_{width}x{height}"), screen(&mut app));
        }
    }
}

#[test]
fn snapshot_a_selection_across_a_left_to_right_run() {
    // Report B's lead has "ISIS" inside Arabic. Select from its second letter into the
    // Arabic that follows it: one logical range, two runs on screen (the "I" between them
    // is not selected).
    for (width, height) in [(100, 30), (60, 20)] {
        let mut app = app(width, height);
        open(&mut app, "ISIS", common::SAMPLE_B);
        let open_doc = app.reader().open.as_ref().expect("open");
        let isis = open_doc.hits.first().cloned().expect("ISIS in the lead");
        assert_eq!(open_doc.caret_byte, isis.start);
        app.update(key("right"));
        assert_eq!(
            app.reader().open.as_ref().expect("open").caret_byte,
            isis.start + 1,
            "right moves forward inside a left-to-right run"
        );
        app.update(key("v"));
        app.update(key("w"));
        app.update(key("w"));
        let selected = app.reader().selected_text().expect("selection").to_owned();
        assert!(selected.starts_with("SIS قبل "), "{selected:?}");
        let cells = selected_cells(&app);
        let runs = cells
            .lines()
            .map(|row| {
                row.split('·')
                    .filter(|run| !run.is_empty() && !run.contains(':'))
                    .count()
            })
            .sum::<usize>();
        assert_eq!(runs, 2, "{cells}");
        assert_snapshot!(
            format!("selection_{width}x{height}"),
            format!("{}\n{}", screen(&mut app), selected_cells(&app))
        );
    }
}

#[test]
fn snapshot_the_help_overlay() {
    for (width, height) in [(100, 30), (60, 20)] {
        let mut app = app(width, height);
        app.update(key("?"));
        assert_snapshot!(format!("help_{width}x{height}"), screen(&mut app));
    }
}

#[test]
fn a_terminal_that_always_reorders_gets_logical_order_unless_the_user_chose() {
    use isnad::tui::probe::{Answers, Bidi};
    let said = |bidi| {
        Msg::Probed(Some(Answers {
            bidi,
            ..Answers::default()
        }))
    };
    let mut app = app(100, 30);
    assert!(app.update(said(Bidi::Switchable)).is_empty());
    assert!(app.update(said(Bidi::Unknown)).is_empty());
    assert!(app.update(Msg::Probed(None)).is_empty());
    assert_eq!(app.bidi(), BidiMode::App);
    let effects = app.update(said(Bidi::AlwaysReorders));
    assert!(matches!(
        effects[..],
        [Effect::Display(Display {
            bidi: BidiMode::Terminal,
            ..
        })]
    ));
    assert_eq!(app.bidi(), BidiMode::Terminal);
    assert!(
        app.status()
            .as_ref()
            .is_some_and(|s| s.text.contains(":bidi app"))
    );

    // Chosen by the user (here with :bidi): only a warning.
    let mut app = self::app(100, 30);
    app.update(key("esc"));
    app.update(key(":"));
    typed(&mut app, "bidi app");
    app.update(key("enter"));
    assert!(app.update(said(Bidi::AlwaysReorders)).is_empty());
    assert_eq!(app.bidi(), BidiMode::App);
    assert!(
        app.status()
            .as_ref()
            .is_some_and(|s| s.error && s.text.contains(":bidi terminal"))
    );
}

#[test]
fn the_terminal_named_in_its_answers_gets_its_own_way_of_showing_the_layout() {
    use isnad::tui::probe::Answers;
    use isnad::tui::terminal::Emulator;
    let konsole = Answers {
        version: Some("Konsole 22.12.3".to_owned()),
        da2: Some(vec![1, 115, 0]),
        ..Answers::default()
    };
    let mut app = app(100, 30);
    let effects = app.update(Msg::Probed(Some(konsole)));
    assert_eq!(
        effects,
        [Effect::Display(Display {
            emulator: Emulator::Konsole,
            bidi: BidiMode::App,
            background: None,
        })]
    );
    // Konsole's own bidi is turned off, and with it its joining: isnad shapes (auto).
    app.update(key("esc"));
    app.update(key(":"));
    typed(&mut app, "shaping auto");
    app.update(key("enter"));
    assert!(app.shapes());
    // kitty joins letters itself (HarfBuzz), once isnad sends its runs reversed.
    let kitty = Answers {
        da2: Some(vec![1, 4000, 26]),
        ..Answers::default()
    };
    app.update(Msg::Probed(Some(kitty)));
    assert_eq!(app.display().emulator, Emulator::Kitty);
    assert!(!app.shapes());
}

#[test]
fn the_contrast_check_catches_what_cannot_be_read() {
    use common::contrast::assert_readable;
    use isnad::tui::theme::Palette;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier, Style};
    let cell = |style: Style| {
        let mut buf = Buffer::empty(Rect::new(0, 0, 1, 1));
        buf.set_string(0, 0, "x", style);
        buf
    };
    let fails = |style: Style, palette: Palette| {
        std::panic::catch_unwind(|| assert_readable(&cell(style), palette)).is_err()
    };
    // The first user's complaints: a dark background keeping the terminal's (black) text,
    // black on dark green, pale grey on white.
    assert!(fails(
        Style::new().bg(Color::Rgb(30, 30, 30)),
        Palette::Light
    ));
    assert!(fails(
        Style::new().fg(Color::Black).bg(Color::Rgb(20, 60, 30)),
        Palette::Dark
    ));
    assert!(fails(Style::new().fg(Color::Gray), Palette::Light));
    assert!(fails(
        Style::new().fg(Color::Rgb(200, 200, 200)),
        Palette::Dark
    ));
    assert!(fails(Style::new().fg(Color::Red), Palette::Plain));
    // Readable ones pass, and reverse video is fine.
    assert!(!fails(
        Style::new().fg(Color::Black).bg(Color::Yellow),
        Palette::Light
    ));
    assert!(!fails(Style::new().fg(Color::LightRed), Palette::Dark));
    assert!(!fails(
        Style::new()
            .add_modifier(Modifier::REVERSED)
            .bg(Color::Rgb(30, 30, 30)),
        Palette::Light
    ));
}

#[test]
fn a_snippet_shows_its_hit_even_when_the_hit_is_near_its_end() {
    // "144" lies past the width of the results pane in the snippet of the first report.
    for (width, height) in [(100, 30), (80, 24)] {
        let mut app = app(width, height);
        search(&mut app, "144");
        assert!(!app.search().hits.is_empty());
        let hit = &app.search().hits[0];
        let first = hit.highlights.first().expect("a highlight");
        assert!(
            hit.snippet
                .get(..first.start)
                .expect("boundary")
                .chars()
                .count()
                > 40,
            "the test needs a hit past the pane's width"
        );
        let shown = screen(&mut app);
        let left = app.areas().expect("areas").results.width;
        let results: Vec<String> = shown
            .lines()
            .skip(2)
            .take(3)
            .map(|l| l.chars().take(usize::from(left)).collect())
            .collect();
        assert!(results[2].contains("144"), "{width}×{height}: {results:?}");
        assert!(results[2].contains('…'), "cut at the start: {results:?}");
    }
}

#[test]
fn at_80_by_24_two_results_and_the_hints_show() {
    let mut app = app(80, 24);
    search(&mut app, "داعش");
    let shown = screen(&mut app);
    assert_eq!(app.search().hits.len(), 2);
    for hit in &app.search().hits {
        assert!(shown.contains(&hit.doc), "{} not shown: {shown}", hit.doc);
    }
}

#[test]
fn a_click_in_the_left_column_focuses_what_it_shows() {
    for (pane, focus) in [("E", Focus::Entities), ("C", Focus::Claims)] {
        let mut app = app(100, 30);
        search(&mut app, "داعش");
        app.update(key("enter"));
        let effects = app.update(key("enter"));
        perform(&mut app, effects);
        app.update(key(pane));
        app.update(key("tab"));
        assert_eq!(app.focus(), Focus::Reader);
        // Where the results would be: the keys must go to the pane that is on screen.
        let results = app.areas().expect("areas").results;
        app.update(Msg::Click {
            column: results.x + 3,
            row: results.y + 2,
        });
        assert_eq!(app.focus(), focus, "after {pane}");
        assert_ne!(app.left(), isnad::tui::app::Left::Search);
        // And the wheel there does not move the hidden results.
        let selected = app.search().selected;
        app.update(Msg::Wheel {
            column: results.x + 3,
            row: results.y + 2,
            down: true,
        });
        assert_eq!(app.search().selected, selected);
    }
}

#[test]
fn reopening_a_document_puts_the_caret_where_the_user_was() {
    let mut app = app(100, 30);
    search(&mut app, "داعش");
    app.update(key("enter"));
    let effects = app.update(key("enter"));
    perform(&mut app, effects);
    let first_hit = app.reader().open.as_ref().expect("open").caret_byte;
    for _ in 0..5 {
        app.update(key("w"));
    }
    app.update(key("G"));
    let left_at = app.reader().open.as_ref().expect("open").caret_byte;
    assert_ne!(left_at, first_hit);
    // Another document, then back to the first from the results.
    for step in ["shift-tab", "j", "enter"] {
        let effects = app.update(key(step));
        perform(&mut app, effects);
    }
    assert_ne!(
        app.reader().open.as_ref().expect("open").caret_byte,
        left_at
    );
    for step in ["shift-tab", "k", "enter"] {
        let effects = app.update(key(step));
        perform(&mut app, effects);
    }
    let open = app.reader().open.as_ref().expect("open");
    assert_eq!(open.caret_byte, left_at, "back where the user was");
    // A new query opens it on its first hit instead.
    search(&mut app, " 144");
    let effects = app.update(key("enter"));
    perform(&mut app, effects);
    let effects = app.update(key("enter"));
    perform(&mut app, effects);
    let open = app.reader().open.as_ref().expect("open");
    assert_eq!(Some(open.caret_byte), open.hits.first().map(|h| h.start));
}

#[test]
fn tab_on_an_empty_value_goes_through_the_values_and_lists_them() {
    let mut app = app(100, 30);
    app.update(key("esc"));
    app.update(key(":"));
    typed(&mut app, "status ");
    app.update(key("tab"));
    assert_eq!(app.command().expect("open").text(), "status unverified");
    let listed = app.status().expect("a message").text.clone();
    assert!(
        listed.contains("unverified · supported · disputed · refuted · true · false"),
        "{listed}"
    );
    app.update(key("tab"));
    assert_eq!(app.command().expect("open").text(), "status supported");
    // Ctrl-u clears the value and keeps the command; again, it clears the line.
    app.update(key("ctrl-u"));
    assert_eq!(app.command().expect("open").text(), "status ");
    app.update(key("ctrl-u"));
    assert_eq!(app.command().expect("open").text(), "");
    typed(&mut app, "theme ");
    app.update(key("tab"));
    app.update(key("tab"));
    assert_eq!(app.command().expect("open").text(), "theme dark");
}
