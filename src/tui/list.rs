//! The arithmetic every list of the workbench shares (results, entities, mentions, claims,
//! evidence, the tag-all preview): moving a selection and keeping it on screen.

/// `selected` moved by `delta` within a list of `len` items (`len` > 0).
pub fn moved(selected: usize, delta: isize, len: usize) -> usize {
    selected
        .saturating_add_signed(delta)
        .min(len.saturating_sub(1))
}

/// The first item to show so that `selected` is among the `visible` items shown, moving
/// from `offset` as little as possible.
pub fn scrolled(offset: usize, selected: usize, visible: usize) -> usize {
    let visible = visible.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + visible {
        selected + 1 - visible
    } else {
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selection_stays_in_the_list_and_on_screen() {
        assert_eq!(moved(3, 10, 5), 4);
        assert_eq!(moved(3, -10, 5), 0);
        assert_eq!(scrolled(0, 12, 10), 3);
        assert_eq!(scrolled(5, 2, 10), 2);
        assert_eq!(scrolled(5, 8, 10), 5);
        assert_eq!(scrolled(0, 4, 0), 4, "at least one item is visible");
    }
}
