#!/bin/sh
# Regenerates assets/arabic/lexicon.txt and kept-ta.txt from Debian's hunspell-ar (Ayaspell
# 3.2; `apt-get install hunspell-ar`), or from the ar.dic given as the first argument. The
# derivation is `text::arabic::tests::derive_lexicon`; without ISNAD_WRITE_LEXICON the same
# test checks that the shipped files are up to date.
set -eu
cd "$(dirname "$0")/../.."
ISNAD_HUNSPELL_AR="${1:-/usr/share/hunspell/ar.dic}" ISNAD_WRITE_LEXICON=1 \
    cargo test --lib text::arabic::tests::the_shipped_lexicon_is_derived_from_hunspell_ar
