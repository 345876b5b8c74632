#!/bin/sh
# Regenerates assets/arabic/lexicon.txt, kept-ta.txt and plurals.txt from Debian's hunspell-ar
# (Ayaspell 3.2; `apt-get install hunspell-ar`), or from the ar.dic given as the first argument
# (its ar.aff beside it). The derivation is `text::arabic::tests::derive_lexicon` and
# `text::arabic::plurals_derivation::derive` (with the hand review plural-review.txt); without
# ISNAD_WRITE_LEXICON the same test checks that the shipped files are up to date.
#
# It runs twice: the broken plurals are read with the stemmer built from the shipped lexicon,
# so a new lexicon.txt must be compiled in before plurals.txt is derived from it.
set -eu
cd "$(dirname "$0")/../.."
for pass in 1 2; do
    echo "derive-lexicon.sh: pass $pass"
    ISNAD_HUNSPELL_AR="${1:-/usr/share/hunspell/ar.dic}" ISNAD_WRITE_LEXICON=1 \
        cargo test --lib text::arabic::tests::the_shipped_lexicon_is_derived_from_hunspell_ar
done
